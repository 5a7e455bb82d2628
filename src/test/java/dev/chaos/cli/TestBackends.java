package dev.chaos.cli;

import dev.chaos.spi.Backend;
import dev.chaos.spi.BackendProvider;
import dev.chaos.spi.BackendRequest;
import dev.chaos.spi.BuiltinImpl;
import dev.chaos.spi.Clock;
import dev.chaos.spi.Preview;
import dev.chaos.spi.VirtualClock;
import dev.chaos.types.Value;
import dev.chaos.types.Values;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A stand-in "sandbox" (and "live") for CLI tests: a virtual clock at 2025-01-06T03:00:00Z, an error rate of
 * {@code errorRate}, `k8s.scale` with its inverse, `notify.send`. {@link #calls} lists what ran.
 */
final class TestBackends implements Backends {
  final List<String> calls = Collections.synchronizedList(new ArrayList<>());
  double errorRate = 0.001;
  int opened;
  /** What the last open was given: the backend's name and its request. */
  String openedName;
  BackendRequest openedRequest;
  /** The real clock instead of the virtual one: for a child JVM that receives real signals. */
  boolean realClock;

  @Override
  public Optional<BackendProvider> find(String name) {
    if (!name.equals("sandbox") && !name.equals("live")) {
      return Optional.empty();
    }
    return Optional.of(new BackendProvider() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Backend open(BackendRequest request) {
        opened++;
        openedName = name;
        openedRequest = request;
        return backend();
      }
    });
  }

  private Backend backend() {
    Clock clock = realClock ? new dev.chaos.spi.SystemClock()
        : new VirtualClock(Instant.parse("2025-01-06T03:00:00Z"));
    Map<String, BuiltinImpl> impls = new HashMap<>();
    impls.put("prometheus.scalar", (a, c) -> Value.number(errorRate));
    impls.put("percent", (a, c) -> Value.percent(Values.asDouble(a.get("ratio")) * 100));
    impls.put("k8s.scale", (a, c) -> {
      if (c.dryRun(Preview.of("scale deployment/api from 3 to " + a.get("replicas").display()
          + " replicas").withTarget("deployment/api").withUndo("scale back to 3"))) {
        return Value.integer(3);
      }
      c.registerUndo("scale back to 3", ctx -> calls.add("unscale"));
      calls.add("scale " + a.get("replicas").display());
      return Value.integer(3);
    });
    impls.put("notify.send", (a, c) -> {
      if (c.dryRun(Preview.of("send to the webhook: " + a.get("text").display()))) {
        return Value.UNIT;
      }
      calls.add("notify " + a.get("text").display());
      return Value.UNIT;
    });
    return new Backend() {
      @Override
      public Clock clock() {
        return clock;
      }

      @Override
      public BuiltinImpl impl(String qualifiedName) {
        return impls.get(qualifiedName);
      }

      @Override
      public void close() {
      }
    };
  }
}
