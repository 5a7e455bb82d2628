package dev.chaos.lab;

import java.time.Duration;
import java.util.Set;
import java.util.function.DoubleSupplier;

/**
 * The users' DNS record of the lab's global load balancer: the region it points at, and how
 * clients follow a switch. A client caches the answer it got for at most the record's TTL, and
 * the caches expire at times spread evenly over it: {@code elapsed / ttl} of the requests made
 * that long after a switch reach the new region, the others still the old one; after the TTL,
 * every request does. Thread-safe.
 */
final class DnsRecord {
  static final Set<String> REGIONS = Set.of("primary", "backup");

  /** Where the record points, since when, and where it pointed before. */
  record State(String region, String previous, long switchedAtNanos, long switchedAtEpochMillis) {}

  private final Duration ttl;
  private final DoubleSupplier random;
  private volatile State state;

  DnsRecord(String region, Duration ttl, DoubleSupplier random) {
    this.ttl = ttl;
    this.random = random;
    this.state = new State(checked(region), region, System.nanoTime() - ttl.toNanos() - 1,
        System.currentTimeMillis());
  }

  Duration ttl() {
    return ttl;
  }

  State state() {
    return state;
  }

  /** Points the record at {@code region}; a switch to where it points already changes nothing. */
  synchronized State point(String region) {
    checked(region);
    if (!region.equals(state.region())) {
      state = new State(region, state.region(), System.nanoTime(), System.currentTimeMillis());
    }
    return state;
  }

  /** Every client follows the record now (the TTL has passed since the last switch). */
  boolean settled(long nowNanos) {
    return nowNanos - state.switchedAtNanos() >= ttl.toNanos();
  }

  /** The region a request made at {@code nowNanos} reaches. */
  String regionFor(long nowNanos) {
    State s = state;
    long elapsed = nowNanos - s.switchedAtNanos();
    if (elapsed >= ttl.toNanos() || ttl.isZero()) {
      return s.region();
    }
    return random.getAsDouble() < (double) elapsed / ttl.toNanos() ? s.region() : s.previous();
  }

  private static String checked(String region) {
    if (!REGIONS.contains(region)) {
      throw new IllegalArgumentException("unknown region `" + region + "`: primary or backup");
    }
    return region;
  }
}
