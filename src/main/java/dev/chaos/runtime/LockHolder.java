package dev.chaos.runtime;

import dev.chaos.spi.RunLock;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Instant;

/** Who takes a run's lock: this host and process, the run, its runbook, user and journal. */
final class LockHolder {
  private LockHolder() {}

  static RunLock.Holder of(String runId, String runbook, Path journal, Instant started) {
    return new RunLock.Holder(host(), ProcessHandle.current().pid(), runId, runbook,
        System.getProperty("user.name", "unknown"),
        journal == null ? null : journal.toAbsolutePath().normalize().toString(), started);
  }

  /** The host name, without `/` (the holder identity is `HOST/PID/RUNID`). */
  static String host() {
    String name = System.getenv("HOSTNAME");
    if (name == null || name.isBlank()) {
      try {
        name = InetAddress.getLocalHost().getHostName();
      } catch (UnknownHostException e) {
        name = "unknown-host";
      }
    }
    return name.strip().replace('/', '-');
  }
}
