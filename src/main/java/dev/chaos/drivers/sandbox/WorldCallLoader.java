package dev.chaos.drivers.sandbox;

import dev.chaos.drivers.sandbox.WorldSpec.CircuitBreakerSpec;
import dev.chaos.drivers.sandbox.WorldSpec.DependencySpec;
import java.time.Duration;
import java.util.Map;

/**
 * Reads one entry of a service's `depends_on` (docs/sandbox.md, "Services"): the service it
 * calls, the timeout and retries of each call, its fallback (a name, or the fallback's own call
 * as a mapping), and its circuit breaker.
 */
final class WorldCallLoader {
  private WorldCallLoader() {}

  /** The breaker's message when the world file gives none: what the lab's demo answers. */
  static final String BREAKER_MESSAGE = "database unavailable (circuit open), retry later";

  static DependencySpec call(WorldNode d) {
    d.allowOnly("service", "timeout", "retries", "fallback", "circuit_breaker");
    String fallback = "";
    DependencySpec fallbackCall = null;
    if (d.plain("fallback") instanceof Map) {
      WorldNode f = d.node("fallback");
      if (f.has("fallback")) {
        throw f.error("fallback", "a fallback has no fallback of its own");
      }
      fallbackCall = call(f);
      fallback = fallbackCall.service();
    } else {
      fallback = d.string("fallback", "");
    }
    return new DependencySpec(d.string("service"),
        d.has("timeout") ? d.parse("timeout", Quantities::positiveDuration, "a duration")
            : Duration.ofSeconds(30),
        d.integer("retries", 0, 0, 10, "tries after the first"), fallback, fallbackCall,
        d.has("circuit_breaker") ? breaker(d.node("circuit_breaker")) : null);
  }

  private static CircuitBreakerSpec breaker(WorldNode b) {
    b.allowOnly("opens_at", "window", "open_for", "message");
    double opensAt = b.share("opens_at", 0.5);
    if (opensAt <= 0) {
      throw b.error("opens_at", "a breaker that opens at 0% of calls failing is always open");
    }
    return new CircuitBreakerSpec(opensAt,
        b.has("window") ? b.parse("window", Quantities::positiveDuration, "a duration")
            : Duration.ofSeconds(10),
        b.has("open_for") ? b.parse("open_for", Quantities::positiveDuration, "a duration")
            : Duration.ofSeconds(5),
        b.string("message", BREAKER_MESSAGE));
  }
}
