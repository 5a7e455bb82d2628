package dev.chaos.runtime;

import java.security.SecureRandom;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * A run's id: `RUNBOOK-YYYYMMDD-HHMMSS-xxxx` (the runbook's name, the local start time, four
 * random hex digits so that two runs started in the same second differ). It names the run in
 * the journal, the reports and its lock's holder (`HOST/PID/RUNID`), so it never holds `/`.
 */
public final class RunId {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
  private static final SecureRandom RANDOM = new SecureRandom();

  private RunId() {}

  public static String next(String runbook, LocalDateTime started) {
    String name = runbook.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^-+|-+$", "");
    return (name.isEmpty() ? "run" : name) + "-" + STAMP.format(started) + "-"
        + String.format("%04x", RANDOM.nextInt(0x10000));
  }
}
