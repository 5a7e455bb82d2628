package dev.chaos.drivers.kube;

/**
 * The blast-radius rule ({@link BlastRadius}) on `postgres.hold_connections`: the connections
 * it holds, as a share of the server's `max_connections`, read at the moment of the call. (It
 * sits with the other shares of the rule; it knows nothing of Kubernetes.)
 */
public final class ConnectionBlast {
  private ConnectionBlast() {}

  /** Holding {@code count} of {@code maxConnections} connections of {@code server}. */
  public static BlastRadius.Share hold(String server, int count, int maxConnections,
      Double cap) {
    return BlastRadius.judge("holding " + BlastRadius.count(count, "connection", "connections")
        + " of " + server + "'s max_connections " + maxConnections, count, maxConnections,
        "max_connections", cap);
  }
}
