package dev.chaos.config;

import dev.chaos.spi.yaml.Origin;
import dev.chaos.spi.yaml.YamlException;

/**
 * A problem with the config file or with a value it refers to (a secret). The message starts
 * with the file, line and column ({@code chaos.yaml:12:5: }) and names the dotted key.
 */
public final class ConfigException extends YamlException {
  public ConfigException(Origin origin, String problem) {
    super(origin, problem);
  }

  public ConfigException(Origin origin, String problem, Throwable cause) {
    super(origin, problem, cause);
  }

  /** A mistake the YAML reader found, as a mistake in the config file. */
  static ConfigException of(YamlException e) {
    return e instanceof ConfigException c ? c : new ConfigException(e.origin(), e.problem(), e);
  }
}
