package dev.chaos.drivers.prometheus;

import dev.chaos.spi.CallArgs;
import dev.chaos.spi.CallContext;
import dev.chaos.spi.Clock;
import dev.chaos.spi.RunFacts;
import dev.chaos.spi.SystemClock;
import dev.chaos.spi.Undo;
import dev.chaos.types.Value;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A call on the real clock with a deadline {@code budget} from its start, as `chaos exec` makes. */
final class LiveCallContext implements CallContext {
  private final Clock clock = new SystemClock();
  private final Instant deadline;

  private LiveCallContext(Duration budget) {
    this.deadline = clock.now().plus(budget);
  }

  /** Calls {@code builtin} of {@code client} with named arguments as name, value pairs. */
  static Value call(PrometheusClient client, Duration budget, String builtin,
      Object... namesAndValues) throws Exception {
    Map<String, dev.chaos.spi.BuiltinImpl> impls = new HashMap<>();
    LivePrometheusBindings.bind(client, impls);
    Map<String, Value> args = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      args.put((String) namesAndValues[i], (Value) namesAndValues[i + 1]);
    }
    return impls.get(builtin).call(new CallArgs(args, List.of()), new LiveCallContext(budget));
  }


  @Override
  public Clock clock() {
    return clock;
  }

  @Override
  public Instant deadline() {
    return deadline;
  }

  @Override
  public RunFacts run() {
    return new RunFacts("test-runbook", "dev", null, false);
  }

  @Override
  public void registerUndo(String description, Undo undo) {
    throw new AssertionError("prometheus functions only read: no undo expected");
  }

  @Override
  public void log(String line) {}
}
