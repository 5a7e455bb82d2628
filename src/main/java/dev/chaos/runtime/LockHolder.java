package dev.chaos.runtime;

import dev.chaos.spi.RunLock;
import java.nio.file.Path;
import java.time.Instant;

/** Who takes a run's lock: this host and process, the run, its runbook, user and journal. */
final class LockHolder {
  private LockHolder() {}

  static RunLock.Holder of(String runId, String runbook, Path journal, Instant started) {
    return new RunLock.Holder(HostName.local(), ProcessHandle.current().pid(), runId, runbook,
        System.getProperty("user.name", "unknown"),
        journal == null ? null : journal.toAbsolutePath().normalize().toString(), started);
  }
}
