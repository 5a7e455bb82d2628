package dev.chaos.spi.yaml;

import java.nio.file.Path;

/**
 * A mistake in a YAML file: the message starts with the file, line and column
 * ({@code chaos.yaml:12:5: }) and names the dotted key in backticks.
 */
public class YamlException extends Exception {
  private final Origin origin;
  private final String problem;

  public YamlException(Origin origin, String problem) {
    super(origin.place() + ": " + problem);
    this.origin = origin;
    this.problem = problem;
  }

  public YamlException(Origin origin, String problem, Throwable cause) {
    super(origin.place() + ": " + problem, cause);
    this.origin = origin;
    this.problem = problem;
  }

  public Origin origin() {
    return origin;
  }

  public Path file() {
    return origin.file();
  }

  /** 1-based; 0 when the problem is not at one place in the file. */
  public int line() {
    return origin.line();
  }

  public int column() {
    return origin.column();
  }

  /** The dotted key, such as {@code environments.staging.postgres.password}; empty if none. */
  public String key() {
    return origin.key();
  }

  /** The message without the place. */
  public String problem() {
    return problem;
  }
}
