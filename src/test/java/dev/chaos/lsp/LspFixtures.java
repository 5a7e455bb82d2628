package dev.chaos.lsp;

import dev.chaos.check.CheckOptions;
import dev.chaos.spi.DriverRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/** Runbooks in a temporary directory with the stdlib beside them, as a project has them. */
final class LspFixtures {
  static final DriverRegistry DRIVERS = DriverRegistry.load();

  private LspFixtures() {}

  /** runbooks/pod-failure.chaos and stdlib/ copied into {@code dir}; the runbook's path. */
  static Path podFailure(Path dir) throws IOException {
    copyStdlib(dir);
    Path runbook = dir.resolve("pod-failure.chaos");
    Files.copy(Path.of("runbooks/pod-failure.chaos"), runbook);
    return runbook;
  }

  static void copyStdlib(Path dir) throws IOException {
    Files.createDirectories(dir.resolve("stdlib"));
    try (Stream<Path> files = Files.list(Path.of("stdlib"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".chaos")).toList()) {
        Files.copy(f, dir.resolve("stdlib").resolve(f.getFileName()));
      }
    }
  }

  /** An analyzer with no open documents but those put in {@code open} (by absolute path). */
  static Analyzer analyzer(Map<String, String> open) {
    return new Analyzer(DRIVERS, CheckOptions.defaults(), open::get);
  }

  static Analyzer analyzer() {
    return analyzer(new HashMap<>());
  }

  static Analysis analyze(Path file) throws IOException {
    return analyzer().analyze(file.toUri().toString(), 1, Files.readString(file));
  }

  static Analysis analyze(Path file, String text) {
    return analyzer().analyze(file.toUri().toString(), 1, text);
  }
}
