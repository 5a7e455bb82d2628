package dev.chaos.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Where a run's journal and reports go: the directory of `--journal FILE`, or a new folder
 * `chaos-runs/RUNBOOK-YYYYMMDD-HHMMSS` (local wall time, `-2`, `-3`, ... when taken) under the
 * current directory.
 */
record RunFolder(Path dir, Path journal) {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  static RunFolder choose(Path journalOption, String runbook, LocalDateTime now)
      throws IOException {
    if (journalOption != null) {
      Path parent = journalOption.toAbsolutePath().getParent();
      Path dir = journalOption.getParent() == null ? Path.of(".") : journalOption.getParent();
      Files.createDirectories(parent);
      return new RunFolder(dir, journalOption);
    }
    String base = safe(runbook) + "-" + STAMP.format(now);
    Path root = Path.of("chaos-runs");
    Path dir = root.resolve(base);
    for (int n = 2; Files.exists(dir); n++) {
      dir = root.resolve(base + "-" + n);
    }
    Files.createDirectories(dir);
    return new RunFolder(dir, dir.resolve("journal.jsonl"));
  }

  /** A runbook name as a file name: letters, digits, `-`, `_` and `.` kept, the rest `-`. */
  static String safe(String name) {
    String cleaned = name.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^[.-]+", "");
    return cleaned.isEmpty() ? "run" : cleaned;
  }

  Path report() {
    return dir.resolve("report.md");
  }

  Path jsonReport() {
    return dir.resolve("report.json");
  }

  Path htmlReport() {
    return dir.resolve("report.html");
  }
}
