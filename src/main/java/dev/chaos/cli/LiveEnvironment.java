package dev.chaos.cli;

import dev.chaos.config.ChaosConfig;
import dev.chaos.config.ConfigException;
import dev.chaos.config.EnvironmentConfig;
import dev.chaos.config.KubectlFlags;
import dev.chaos.config.LiveRequest;
import dev.chaos.spi.Backend;
import dev.chaos.spi.BackendProvider;
import java.nio.file.Path;

/**
 * An environment of the config file opened without a runbook (`chaos recover`, `chaos abort`):
 * `--env NAME`, else the one a journal names, else the file's only environment.
 */
final class LiveEnvironment {
  private LiveEnvironment() {}

  static EnvironmentConfig choose(CliContext context, Path configFile, String env) {
    Path file = configFile == null ? ChaosConfig.DEFAULT_FILE : configFile;
    try {
      ChaosConfig config = ChaosConfig.load(file,
          LiveTargets.driverSections(context.drivers().get()));
      if (env == null) {
        if (config.environments().size() != 1) {
          throw new CommandFailure("name the environment with --env: " + file + " has "
              + String.join(", ", config.environments().keySet()));
        }
        return config.environments().values().iterator().next();
      }
      return config.environment(env);
    } catch (ConfigException e) {
      throw new CommandFailure(e.getMessage() + (configFile == null && e.line() == 0
          ? " (pass --config FILE)" : ""));
    }
  }

  static Backend open(CliContext context, EnvironmentConfig environment, Path directory) {
    BackendProvider provider = context.backends().find("live").orElseThrow(
        () -> new CommandFailure("the live backend is not on the class path of this build"));
    try {
      return provider.open(new LiveRequest(directory, environment, KubectlFlags.NONE,
          context.redactor()));
    } catch (Exception e) {
      throw new CommandFailure("cannot open the live backend: " + (e.getMessage() == null
          ? e.toString() : e.getMessage()));
    }
  }
}
