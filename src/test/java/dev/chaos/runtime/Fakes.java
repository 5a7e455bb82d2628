package dev.chaos.runtime;

import dev.chaos.spi.Preview;
import dev.chaos.types.Value;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * Small worlds for run tests: a Prometheus series given as a function of the time since start,
 * `k8s.scale` that registers its inverse before it acts, `notify.send` that keeps its messages;
 * both preview instead in a dry run.
 * {@link #effects} lists every side effect and undo in the order they happened.
 */
final class Fakes {
  final FakeBackend backend = new FakeBackend();
  final List<String> effects = Collections.synchronizedList(new ArrayList<>());

  Fakes() {
    backend.on("k8s.scale", (a, c) -> {
      String name = ((Value.Str) a.get("name")).value();
      if (c.dryRun(Preview.of("scale deployment/" + name + " from 3 to "
          + a.get("replicas").display() + " replicas").withTarget("deployment/" + name)
          .withUndo("scale " + name + " back to 3"))) {
        return Value.integer(3);
      }
      c.registerUndo("scale " + name + " back to 3", ctx -> effects.add("unscale " + name));
      effects.add("scale " + name);
      return Value.integer(3);
    });
    backend.on("notify.send", (a, c) -> {
      if (c.dryRun(Preview.of("send " + a.get("text").display()))) {
        return Value.UNIT;
      }
      effects.add("notify " + a.get("text").display());
      return Value.UNIT;
    });
  }

  /** `prometheus.scalar` answers {@code ratio(elapsed)}, whatever the query. */
  Fakes series(Function<Duration, Double> ratio) {
    backend.on("prometheus.scalar", (a, c) -> Value.number(ratio.apply(
        Duration.between(FakeBackend.START, c.clock().now()))));
    return this;
  }

  /** The same, failing with "connection refused" whenever {@code ratio} answers null. */
  Fakes flakySeries(Function<Duration, Double> ratio) {
    backend.on("prometheus.scalar", (a, c) -> {
      Double r = ratio.apply(Duration.between(FakeBackend.START, c.clock().now()));
      if (r == null) {
        throw new java.io.IOException("prometheus 127.0.0.1:9090: connection refused");
      }
      return Value.number(r);
    });
    return this;
  }

  List<String> effects() {
    synchronized (effects) {
      return List.copyOf(effects);
    }
  }

  /** Seconds since the start at which {@code event} happened. */
  static long at(RunEvent event) {
    return Duration.between(FakeBackend.START, event.time()).toSeconds();
  }

  static Instant start() {
    return FakeBackend.START;
  }
}
