package dev.chaos.drivers.sandbox;

/** How the values of a metric series are written in a world file. */
enum SeriesUnit {
  /** A ratio, written as a share: `0.4%` or `0.004`; `chaos:slo:error_rate:1m`. */
  RATIO,
  /** Seconds, written as a duration: `180ms` or `0.18`; `chaos:slo:latency:p95:1m`. */
  SECONDS,
  /** Any other number. */
  NUMBER
}
