package dev.chaos.config;

import dev.chaos.source.InputFile;
import dev.chaos.spi.Redactor;
import dev.chaos.spi.yaml.Origin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads secrets when they are needed, never before: a run that never talks to Postgres
 * never needs its password set. The environment and file system are injectable for tests.
 */
public final class Secrets {
  /** Reads a whole file; {@code Files::readString} in production. */
  @FunctionalInterface
  public interface FileReader {
    String read(Path path) throws IOException;
  }

  private final Map<String, String> environment;
  private final FileReader files;
  private final Redactor redactor;

  public Secrets(Map<String, String> environment, FileReader files) {
    this(environment, files, new Redactor());
  }

  private Secrets(Map<String, String> environment, FileReader files, Redactor redactor) {
    this.environment = Map.copyOf(environment);
    this.files = files;
    this.redactor = redactor;
  }

  /** These secrets, each taught to {@code learner} as it is read, so output can mask it. */
  public Secrets learningInto(Redactor learner) {
    return new Secrets(environment, files, learner);
  }

  /** The process's environment variables and files. */
  public static Secrets system() {
    return new Secrets(System.getenv(), path -> InputFile.readText(path, InputFile.SECRET_LIMIT));
  }

  public String resolve(SecretRef ref) throws ConfigException {
    String value = resolve(ref, environment, files);
    redactor.learn(value);
    // a token travels as `Authorization: Bearer ...`, a header an echo may show whole, encoded
    redactor.learn("Bearer " + value);
    return value;
  }

  /** The secret of an optional reference; null when there is none. */
  public String resolve(java.util.Optional<SecretRef> ref) throws ConfigException {
    return ref.isEmpty() ? null : resolve(ref.get());
  }

  /**
   * The secret's value. A file's one trailing newline is dropped (as `echo secret > file`
   * writes it); an unset variable, an unreadable file or an empty value is an error naming
   * the key that refers to it.
   */
  public static String resolve(SecretRef ref, Map<String, String> environment, FileReader files)
      throws ConfigException {
    Origin at = ref.origin();
    String key = "`" + at.key() + "`";
    switch (ref.source()) {
      case ENV: {
        String value = environment.get(ref.variable());
        if (value == null) {
          throw new ConfigException(at, key + ": environment variable `" + ref.variable() + "` is not set");
        }
        if (value.isEmpty()) {
          throw new ConfigException(at, key + ": environment variable `" + ref.variable() + "` is empty");
        }
        return value;
      }
      case FILE: {
        String value;
        try {
          value = files.read(ref.path());
        } catch (NoSuchFileException e) {
          throw new ConfigException(at, key + ": secret file `" + ref.path() + "` does not exist");
        } catch (IOException e) {
          throw new ConfigException(at, key + ": cannot read secret file `" + ref.path() + "`: "
              + e.getMessage(), e);
        }
        value = value.endsWith("\r\n") ? value.substring(0, value.length() - 2)
            : value.endsWith("\n") ? value.substring(0, value.length() - 1) : value;
        if (value.isEmpty()) {
          throw new ConfigException(at, key + ": secret file `" + ref.path() + "` is empty");
        }
        return value;
      }
      default:
        throw new AssertionError(ref.source());
    }
  }
}
