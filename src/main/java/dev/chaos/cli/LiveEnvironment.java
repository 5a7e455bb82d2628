package dev.chaos.cli;

import dev.chaos.config.ChaosConfig;
import dev.chaos.config.ConfigException;
import dev.chaos.config.EnvironmentConfig;
import dev.chaos.config.KubectlFlags;
import dev.chaos.config.LiveRequest;
import dev.chaos.spi.Backend;
import dev.chaos.spi.BackendProvider;
import dev.chaos.spi.LiveBinding;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An environment of the config file opened without a runbook (`chaos recover`, `chaos abort`):
 * `--env NAME`, else the one a journal names, else the file's only environment.
 */
final class LiveEnvironment {
  private LiveEnvironment() {}

  static EnvironmentConfig choose(CliContext context, Path configFile, String env) {
    Path file = configFile == null ? ChaosConfig.DEFAULT_FILE : configFile;
    try {
      ChaosConfig config = ChaosConfig.load(file, driverSections(context));
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
      return provider.open(new LiveRequest(directory, environment, KubectlFlags.NONE));
    } catch (Exception e) {
      throw new CommandFailure("cannot open the live backend: " + (e.getMessage() == null
          ? e.toString() : e.getMessage()));
    }
  }

  private static Set<String> driverSections(CliContext context) {
    return context.drivers().get().drivers().stream()
        .flatMap(d -> d.live().flatMap(LiveBinding::section).stream())
        .collect(Collectors.toSet());
  }
}
