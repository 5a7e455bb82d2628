package dev.chaos.config;

import dev.chaos.spi.yaml.Origin;
import dev.chaos.spi.yaml.YamlSection;
import java.nio.file.Path;
import java.util.Set;

/**
 * Where a secret is kept: an environment variable ({@code env:NAME}) or a file
 * ({@code file:PATH}, relative paths taken from the config file's directory). The value is
 * read only when asked for, through {@link Secrets}.
 */
public record SecretRef(Source source, String variable, Path path, Origin origin) {
  public enum Source { ENV, FILE }

  static SecretRef env(String variable, Origin origin) {
    return new SecretRef(Source.ENV, variable, null, origin);
  }

  static SecretRef file(Path path, Origin origin) {
    return new SecretRef(Source.FILE, null, path, origin);
  }

  /**
   * The reference written at {@code field} of {@code configFile} (a driver's own section):
   * `env:NAME`, or `file:PATH` relative to the config file's directory.
   */
  public static SecretRef read(YamlSection.Field field, Path configFile) throws ConfigException {
    try {
      return new ConfigReader(configFile, Path.of(System.getProperty("user.home")), Set.of())
          .secret(field);
    } catch (dev.chaos.spi.yaml.YamlException e) {
      throw ConfigException.of(e);
    }
  }

  /** `env:NAME` or `file:PATH`, as in messages; never the secret. */
  @Override
  public String toString() {
    return source == Source.ENV ? "env:" + variable : "file:" + path;
  }
}
