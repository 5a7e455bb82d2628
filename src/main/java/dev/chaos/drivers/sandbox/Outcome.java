package dev.chaos.drivers.sandbox;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What the requests of a service meet, as a distribution: each point is a share of the
 * requests with the seconds they take and whether they succeed. A cache's point may be a
 * {@code miss}: answered, but the caller must ask its fallback. A request that is never
 * answered (lost, dropped) takes infinite seconds until a caller's timeout cuts it short.
 * Distributions are combined point by point and merged back to a few dozen points, so the
 * error rate is exact and the percentiles are close.
 */
final class Outcome {
  record Point(double share, double seconds, boolean ok, boolean miss) {}

  /** Points kept per distribution, half for successes and half for failures. */
  private static final int POINTS = 48;

  private final List<Point> points;

  private Outcome(List<Point> points) {
    this.points = List.copyOf(points);
  }

  static Outcome of(List<Point> points) {
    return new Outcome(compress(points));
  }

  /** Every request succeeds after {@code seconds}. */
  static Outcome ok(double seconds) {
    return new Outcome(List.of(new Point(1, seconds, true, false)));
  }

  List<Point> points() {
    return points;
  }

  /** The share of requests that fail. */
  double errorShare() {
    return points.stream().filter(p -> !p.ok()).mapToDouble(Point::share).sum();
  }

  /**
   * The {@code q} quantile of the seconds of every request, failed or not; a request never
   * answered counts as {@code cap}.
   */
  double quantile(double q, double cap) {
    List<Point> sorted = new ArrayList<>(points);
    sorted.sort(Comparator.comparingDouble(Point::seconds));
    double total = sorted.stream().mapToDouble(Point::share).sum();
    double seen = 0;
    for (Point p : sorted) {
      seen += p.share();
      if (seen >= q * total - 1e-12) {
        return Math.min(cap, p.seconds());
      }
    }
    return sorted.isEmpty() ? 0 : Math.min(cap, sorted.get(sorted.size() - 1).seconds());
  }

  /** The same requests, each {@code seconds} later. */
  Outcome plus(double seconds) {
    return new Outcome(points.stream()
        .map(p -> new Point(p.share(), p.seconds() + seconds, p.ok(), p.miss())).toList());
  }

  /** The same distribution with every share multiplied by {@code factor}. */
  List<Point> scaled(double factor) {
    return points.stream()
        .map(p -> new Point(p.share() * factor, p.seconds(), p.ok(), p.miss())).toList();
  }

  /** A mixture of outcomes, each weighted by its share of the traffic. */
  static Outcome mix(List<Outcome> outcomes, List<Double> weights) {
    List<Point> out = new ArrayList<>();
    double total = weights.stream().mapToDouble(Double::doubleValue).sum();
    for (int i = 0; i < outcomes.size(); i++) {
      if (weights.get(i) > 0) {
        out.addAll(outcomes.get(i).scaled(weights.get(i) / total));
      }
    }
    return of(out);
  }

  /**
   * Merges points of the same kind (success, failure, miss) with close latencies, keeping the
   * share of each kind exact and its mean latency; unanswered requests stay apart.
   */
  private static List<Point> compress(List<Point> points) {
    List<Point> out = new ArrayList<>();
    for (int kind = 0; kind < 3; kind++) {
      final int k = kind;
      List<Point> group = new ArrayList<>(points.stream()
          .filter(p -> p.share() > 0 && kindOf(p) == k).toList());
      List<Point> never = group.stream().filter(p -> Double.isInfinite(p.seconds())).toList();
      group.removeAll(never);
      double neverShare = never.stream().mapToDouble(Point::share).sum();
      if (neverShare > 0) {
        out.add(new Point(neverShare, Double.POSITIVE_INFINITY, k == 0 || k == 2, k == 2));
      }
      if (group.size() <= POINTS / 3) {
        out.addAll(merged(group));
        continue;
      }
      group.sort(Comparator.comparingDouble(Point::seconds));
      double total = group.stream().mapToDouble(Point::share).sum();
      double bucket = total / (POINTS / 3);
      double share = 0;
      double weighted = 0;
      for (Point p : group) {
        share += p.share();
        weighted += p.share() * p.seconds();
        if (share >= bucket - 1e-15) {
          out.add(new Point(share, weighted / share, p.ok(), p.miss()));
          share = 0;
          weighted = 0;
        }
      }
      if (share > 0) {
        Point last = group.get(group.size() - 1);
        out.add(new Point(share, weighted / share, last.ok(), last.miss()));
      }
    }
    return out;
  }

  /** Points of equal kind and seconds added together. */
  private static List<Point> merged(List<Point> group) {
    List<Point> out = new ArrayList<>();
    for (Point p : group) {
      int same = -1;
      for (int i = 0; i < out.size(); i++) {
        if (out.get(i).seconds() == p.seconds()) {
          same = i;
        }
      }
      if (same < 0) {
        out.add(p);
      } else {
        Point q = out.get(same);
        out.set(same, new Point(q.share() + p.share(), q.seconds(), q.ok(), q.miss()));
      }
    }
    return out;
  }

  private static int kindOf(Point p) {
    return p.miss() ? 2 : p.ok() ? 0 : 1;
  }
}
