package dev.chaos.drivers.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@link CoreSources#process}: the real environment of the machine. */
final class ProcessSources implements CoreSources {
  private final Path baseDirectory;

  ProcessSources(Path baseDirectory) {
    this.baseDirectory = baseDirectory;
  }

  @Override
  public String env(String name) {
    return System.getenv(name);
  }

  @Override
  public String secret(String name) throws IOException {
    String value = System.getenv(name);
    if (value != null) {
      return value;
    }
    String file = System.getenv(name + "_FILE");
    if (file != null) {
      // a trailing newline is an artefact of how the file was written, not part of the secret
      return stripFinalNewline(Files.readString(Path.of(file), StandardCharsets.UTF_8));
    }
    throw new IllegalStateException("secret `" + name + "` not found: set the environment"
        + " variable " + name + ", or " + name + "_FILE to a file holding it");
  }

  @Override
  public Path baseDirectory() {
    return baseDirectory;
  }

  private static String stripFinalNewline(String text) {
    if (text.endsWith("\r\n")) {
      return text.substring(0, text.length() - 2);
    }
    return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
  }
}
