package dev.chaos.runtime;

import dev.chaos.spi.Backend;
import dev.chaos.spi.BuiltinImpl;
import dev.chaos.spi.Clock;
import dev.chaos.spi.RunLock;
import dev.chaos.spi.VirtualClock;
import dev.chaos.types.Conversions;
import dev.chaos.types.Value;
import dev.chaos.types.Values;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A backend for interpreter tests, on a virtual clock that starts at 2025-01-06T03:00:00Z. The
 * core functions the tests use are built in; each test adds the driver functions it needs with
 * {@link #on}. Every call made is kept in {@link #calls()}, so tests can say what was touched.
 */
final class FakeBackend implements Backend {
  static final Instant START = Instant.parse("2025-01-06T03:00:00Z");

  private final VirtualClock clock = new VirtualClock(START);
  private final Map<String, BuiltinImpl> impls = new HashMap<>();
  private final List<String> calls = Collections.synchronizedList(new ArrayList<>());

  FakeBackend() {
    on("len", (a, c) -> {
      Value v = a.get("value");
      return Value.integer(v instanceof Value.List l ? l.items().size()
          : v instanceof Value.Map m ? m.entries().size() : ((Value.Str) v).value().length());
    });
    on("now", (a, c) -> new Value.Time(c.clock().now()));
    on("seconds", (a, c) -> Value.duration(Duration.ofNanos(
        Math.round(Values.asDouble(a.get("value")) * 1e9))));
    on("percent", (a, c) -> Value.percent(Values.asDouble(a.get("ratio")) * 100));
    on("string", (a, c) -> Conversions.toStr(a.get("value")));
    on("int", (a, c) -> Conversions.toInt(a.get("value")));
    on("secret", (a, c) -> new Value.Secret("hunter2"));
    on("max", (a, c) -> Values.compare(a.get("a"), a.get("b")) >= 0 ? a.get("a") : a.get("b"));
  }

  /** Adds or replaces the implementation of a builtin, by qualified name. */
  FakeBackend on(String qualifiedName, BuiltinImpl impl) {
    impls.put(qualifiedName, (args, context) -> {
      calls.add(qualifiedName);
      return impl.call(args, context);
    });
    return this;
  }

  /** The names of the builtins called, in order. */
  List<String> calls() {
    synchronized (calls) {
      return List.copyOf(calls);
    }
  }

  /** Time since the clock started. */
  Duration elapsed() {
    return Duration.between(START, clock.now());
  }

  @Override
  public Clock clock() {
    return clock;
  }

  @Override
  public BuiltinImpl impl(String qualifiedName) {
    return impls.get(qualifiedName);
  }

  /** How {@link #lock} answers; by default every lock is free. */
  RunLock.Store locks = (name, holder, lost) -> RunLock.RECORDED;

  @Override
  public RunLock lock(String name, RunLock.Holder holder,
      java.util.function.Consumer<String> lost) throws RunLock.Refused, InterruptedException {
    return locks.take(name, holder, lost);
  }

  @Override
  public void close() {
  }
}
