package dev.chaos.drivers.sandbox;

import java.time.Duration;

/**
 * What the pods of one deployment can give their callers at an instant: the boundary between
 * what chaos does to pods (kills, failures, network faults, stress) and what the services that
 * call them see (errors, latency), so the two are modelled apart and meet only here.
 *
 * @param servingShare share of the deployment's replicas that are ready and reachable
 * @param addedLatency latency chaos adds to an answer from a serving pod (mean over them)
 * @param lossShare share of requests to a serving pod that are lost (refused or dropped)
 * @param slowdown factor by which a serving pod's own work is slower (1 = unaffected; CPU
 *     throttling past its limit raises it)
 */
record PodHealth(double servingShare, Duration addedLatency, double lossShare, double slowdown) {
  static final PodHealth FULL = new PodHealth(1, Duration.ZERO, 0, 1);

  PodHealth {
    if (servingShare < 0 || servingShare > 1 || lossShare < 0 || lossShare > 1 || slowdown < 1
        || addedLatency.isNegative()) {
      throw new IllegalArgumentException("pod health out of range: " + servingShare + ", "
          + addedLatency + ", " + lossShare + ", " + slowdown);
    }
  }
}
