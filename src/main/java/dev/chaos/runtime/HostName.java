package dev.chaos.runtime;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * This machine's name, one answer for everything that records or compares it: the lock's
 * holder `HOST/PID/RUNID`, the journal's `run_source` (which `chaos exec` and `chaos recover`
 * compare with to tell whether a runner may be alive) and a notice's `announced-by`.
 */
public final class HostName {
  private HostName() {}

  /** `$HOSTNAME` (set in pods and most shells), else what the resolver says; without `/`. */
  public static String local() {
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
