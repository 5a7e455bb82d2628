package dev.chaos.cli;

import dev.chaos.check.CheckedProgram;
import dev.chaos.config.ChaosConfig;
import dev.chaos.config.ConfigException;
import dev.chaos.config.EnvironmentConfig;
import dev.chaos.spi.BackendProvider;
import dev.chaos.syntax.ast.Expr;
import dev.chaos.syntax.ast.Member;
import java.nio.file.Path;
import java.util.Map;

/**
 * Which environment of the config file a real run uses: `--env NAME`, else the one named like
 * the runbook's `environment`. A run is refused when the environment's declared class is not
 * the runbook's: a staging runbook never runs against an environment declared prod.
 */
final class LiveTargets {
  private LiveTargets() {}

  /** The chosen environment's name; the config file is read and validated whole. */
  static String chooseEnvironment(Path configFile, String flagEnv, CheckedProgram program) {
    String runbookEnv = declaredEnvironment(program);
    Path file = configFile == null ? ChaosConfig.DEFAULT_FILE : configFile;
    EnvironmentConfig environment;
    try {
      ChaosConfig config = ChaosConfig.load(file);
      environment = config.environment(flagEnv != null ? flagEnv : runbookEnv);
    } catch (ConfigException e) {
      String hint = configFile == null && e.line() == 0
          ? " (pass --config FILE, or rehearse with --sandbox)" : "";
      throw new CommandFailure(e.getMessage() + hint);
    }
    String declared = environment.declaredClass().text();
    if (!declared.equals(runbookEnv)) {
      throw new CommandFailure("refusing to run: the runbook is for environment `" + runbookEnv
          + "`, but `" + environment.name() + "` in " + file + " is declared `" + declared
          + "`");
    }
    return environment.name();
  }

  /** The settings the live backend takes from the command line. */
  static void addFlags(Map<String, String> settings, String environment, String context,
      Path kubeconfig) {
    settings.put(BackendProvider.ENVIRONMENT, environment);
    if (context != null) {
      settings.put(BackendProvider.CONTEXT, context);
    }
    if (kubeconfig != null) {
      settings.put(BackendProvider.KUBECONFIG, kubeconfig.toString());
    }
  }

  /** A checked runbook always has exactly one `environment dev|staging|prod`. */
  private static String declaredEnvironment(CheckedProgram program) {
    for (Member m : program.runbook().orElseThrow().members()) {
      if (m instanceof Member.Attribute a && a.key().name().equals("environment")
          && a.value() instanceof Expr.Name n) {
        return n.name();
      }
    }
    throw new IllegalStateException("a checked runbook without `environment`");
  }
}
