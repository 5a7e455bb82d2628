package dev.chaos.config;

import dev.chaos.spi.yaml.Origin;
import java.nio.file.Path;

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

  /** `env:NAME` or `file:PATH`, as in messages; never the secret. */
  @Override
  public String toString() {
    return source == Source.ENV ? "env:" + variable : "file:" + path;
  }
}
