package dev.chaos.config;

import java.util.List;
import java.util.Optional;

/**
 * Redis, either one direct {@code address} or a Sentinel set with the {@code master} name
 * it watches; exactly one of the two forms is present.
 */
public record RedisTarget(
    Optional<HostPort> address, List<HostPort> sentinels, Optional<String> master,
    Optional<SecretRef> password) {
  public RedisTarget {
    sentinels = List.copyOf(sentinels);
  }

  public boolean viaSentinel() {
    return !sentinels.isEmpty();
  }
}
