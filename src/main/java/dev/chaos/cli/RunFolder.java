package dev.chaos.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Where a run's journal and reports go: the directory of `--journal FILE`, or a new folder
 * `RUNBOOK-YYYYMMDD-HHMMSS` (local wall time, `-2`, `-3`, ... when taken) under `--runs-dir`
 * (default `chaos-runs` in the current directory; in a pod, a volume's path).
 */
record RunFolder(Path dir, Path journal) {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  /** Where run folders go when `--runs-dir` does not say. */
  static final Path DEFAULT_ROOT = Path.of("chaos-runs");
  /** The journal's name in a run folder. */
  static final String JOURNAL = "journal.jsonl";

  static RunFolder choose(Path journalOption, String runbook, LocalDateTime now)
      throws IOException {
    return choose(journalOption, DEFAULT_ROOT, runbook, now);
  }

  static RunFolder choose(Path journalOption, Path root, String runbook, LocalDateTime now)
      throws IOException {
    if (journalOption != null) {
      Path parent = journalOption.toAbsolutePath().getParent();
      Path dir = journalOption.getParent() == null ? Path.of(".") : journalOption.getParent();
      Files.createDirectories(parent);
      return new RunFolder(dir, journalOption);
    }
    String base = safe(runbook) + "-" + STAMP.format(now);
    Path dir = root.resolve(base);
    for (int n = 2; Files.exists(dir); n++) {
      dir = root.resolve(base + "-" + n);
    }
    Files.createDirectories(dir);
    return new RunFolder(dir, dir.resolve(JOURNAL));
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
