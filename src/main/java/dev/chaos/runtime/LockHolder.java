package dev.chaos.runtime;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Who holds a run's lock, as another run that finds it taken is told: user, host, runbook. */
final class LockHolder {
  private LockHolder() {}

  static String describe(String runbook) {
    return System.getProperty("user.name", "unknown") + "@" + host() + " (runbook " + runbook
        + ", pid " + ProcessHandle.current().pid() + ")";
  }

  private static String host() {
    String fromEnvironment = System.getenv("HOSTNAME");
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      return fromEnvironment;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown-host";
    }
  }
}
