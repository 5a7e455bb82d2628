package dev.chaos.cli;

import dev.chaos.check.CheckedProgram;
import dev.chaos.config.ChaosConfig;
import dev.chaos.config.ConfigException;
import dev.chaos.config.EnvironmentConfig;
import dev.chaos.config.KubectlFlags;
import dev.chaos.config.LiveRequest;
import dev.chaos.spi.DriverRegistry;
import dev.chaos.spi.LiveBinding;
import dev.chaos.spi.Redactor;
import dev.chaos.syntax.ast.Expr;
import dev.chaos.syntax.ast.Member;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which environment of the config file a real run uses: `--env NAME`, else the one named like
 * the runbook's `environment`. A run is refused when the environment's declared class is not
 * the runbook's: a staging runbook never runs against an environment declared prod.
 */
final class LiveTargets {
  private LiveTargets() {}

  /**
   * The real run's request: the config file is read and validated whole, once, here; the
   * chosen environment goes to the backend typed, with the kubectl flags. {@code redactor}
   * learns every secret the run's backend reads or is given.
   */
  static LiveRequest request(Path configFile, String flagEnv, CheckedProgram program,
      Path runbookDirectory, KubectlFlags kubectl, DriverRegistry drivers, Redactor redactor) {
    return new LiveRequest(runbookDirectory,
        chooseEnvironment(configFile, flagEnv, program, driverSections(drivers)), kubectl,
        redactor);
  }

  /** The environment sections that driver plug-ins read: `chaos.yaml` may have these too. */
  static Set<String> driverSections(DriverRegistry drivers) {
    return drivers.drivers().stream()
        .flatMap(d -> d.live().flatMap(LiveBinding::section).stream())
        .collect(Collectors.toSet());
  }

  /** The chosen environment, after its declared class is matched against the runbook's. */
  private static EnvironmentConfig chooseEnvironment(Path configFile, String flagEnv,
      CheckedProgram program, Set<String> driverSections) {
    String runbookEnv = declaredEnvironment(program);
    Path file = configFile == null ? ChaosConfig.DEFAULT_FILE : configFile;
    EnvironmentConfig environment;
    try {
      ChaosConfig config = ChaosConfig.load(file, driverSections);
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
    return environment;
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
