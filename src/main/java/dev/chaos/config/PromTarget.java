package dev.chaos.config;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** Prometheus's HTTP API: base URL, optional bearer token, per-request timeout (default 5s). */
public record PromTarget(URI url, Optional<SecretRef> token, Duration timeout) {
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
}
