package dev.chaos.drivers.sandbox;

import dev.chaos.drivers.sandbox.Outcome.Point;
import dev.chaos.drivers.sandbox.WorldSpec.DependencySpec;
import dev.chaos.drivers.sandbox.WorldSpec.ServiceSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;

/**
 * How one request fares, apart from the world it is in (docs/sandbox.md, "Services"): what a
 * service's pods answer under a load, requests shed or queued past capacity, and what a caller
 * sees of an answer through its call's timeout, retries and fallback. {@link ServiceModel}
 * puts these together for the world at an instant.
 */
final class RequestMath {
  private RequestMath() {}

  /**
   * What a service's pods answer one request: {@code pressure} is the share of one pod's
   * capacity the traffic asks of each serving pod, relative to the service's usual
   * `utilisation` (1 when its world-file replicas serve all of their region's traffic).
   * Past their capacity, requests are shed; a lost request is never answered.
   */
  static Outcome served(ServiceSpec s, double pressure, PodHealth health) {
    double latency = Quantities.toSeconds(s.latency());
    double utilisation = s.utilisation() * pressure * health.slowdown();
    double shed = shed(utilisation);
    double work = queued(latency * health.slowdown(), s.utilisation(), utilisation);
    double seconds = work + Quantities.toSeconds(health.addedLatency());
    double lost = health.lossShare();
    List<Point> points = new ArrayList<>();
    points.add(new Point(lost, Double.POSITIVE_INFINITY, false, false));
    points.add(new Point((1 - lost) * shed, ServiceModel.REFUSED + latency, false, false));
    double answered = (1 - lost) * (1 - shed);
    points.add(new Point(answered * s.errorRate(), seconds, false, false));
    points.add(new Point(answered * (1 - s.errorRate()), seconds, true, false));
    return Outcome.of(points);
  }

  /** Expected retries of one call whose tries each fail with {@code failing}: f + f^2 + ... */
  static double retriesPerCall(double failing, int retries) {
    double sum = 0;
    double power = 1;
    for (int k = 1; k <= retries; k++) {
      power *= failing;
      sum += power;
    }
    return sum;
  }

  /** The share of requests past a service's capacity, shed as fast errors. */
  static double shed(double utilisation) {
    return utilisation >= 1 ? 1 - 1 / utilisation : 0;
  }

  /**
   * Work that takes {@code latency} at the usual utilisation, at another one: waiting in
   * the queue grows as 1 / (1 - utilisation), as in an M/M/1 queue; a saturated server
   * answers what it can after a full queue.
   */
  static double queued(double latency, double usual, double utilisation) {
    if (utilisation >= 1) {
      return latency * 10;
    }
    double base = Math.min(0.95, usual);
    return latency * (1 - base) / (1 - utilisation);
  }

  /**
   * One call through a dependency {@code d} whose answers are {@code target}: a try that fails,
   * is lost or is slower than the timeout is tried again (each failed try costing its time, a
   * lost or slow one the whole timeout); when every try failed, or the target (a cache) missed,
   * {@code fallback} (null: none) is asked for that share of the calls, cut at
   * {@code fallbackTimeout}.
   */
  static Outcome through(Outcome target, DependencySpec d,
      DoubleFunction<Outcome> fallback, double fallbackTimeout) {
    double timeout = Quantities.toSeconds(d.timeout());
    List<Point> success = new ArrayList<>();
    double missShare = 0;
    double missSeconds = 0;
    double failShare = 0;
    double failSeconds = 0;
    for (Point p : target.points()) {
      if (!p.ok() || p.seconds() > timeout) {
        failShare += p.share();
        failSeconds += p.share() * Math.min(timeout, p.seconds());
      } else if (p.miss()) {
        missShare += p.share();
        missSeconds += p.share() * p.seconds();
      } else {
        success.add(p);
      }
    }
    double failCost = failShare == 0 ? 0 : failSeconds / failShare;
    double missCost = missShare == 0 ? 0 : missSeconds / missShare;
    List<Point> out = new ArrayList<>();
    double stillFailing = 1;
    List<Double> fallbackAt = new ArrayList<>();
    List<Double> fallbackWeights = new ArrayList<>();
    for (int attempt = 0; attempt <= d.retries(); attempt++) {
      double spent = attempt * failCost;
      for (Point p : success) {
        out.add(new Point(stillFailing * p.share(), spent + p.seconds(), true, false));
      }
      if (missShare > 0) {
        fallbackAt.add(spent + missCost);
        fallbackWeights.add(stillFailing * missShare);
      }
      stillFailing *= failShare;
    }
    if (stillFailing > 0) {
      fallbackAt.add((d.retries() + 1) * failCost);
      fallbackWeights.add(stillFailing);
    }
    for (int i = 0; i < fallbackAt.size(); i++) {
      double share = fallbackWeights.get(i);
      boolean failed = i == fallbackAt.size() - 1 && stillFailing > 0;
      if (fallback == null) {
        // a cache miss without a fallback is just an empty answer; a failure is a failure
        out.add(new Point(share, fallbackAt.get(i), !failed, false));
      } else {
        for (Point q : fallback.apply(share).points()) {
          boolean ok = q.ok() && q.seconds() <= fallbackTimeout;
          out.add(new Point(share * q.share(), fallbackAt.get(i)
              + Math.min(q.seconds(), fallbackTimeout), ok, false));
        }
      }
    }
    return Outcome.of(out);
  }
}
