package dev.chaos.drivers.prometheus;

import dev.chaos.drivers.RealClockContext;
import dev.chaos.spi.BuiltinImpl;
import dev.chaos.spi.Undo;
import dev.chaos.types.Value;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** A call on the real clock with a deadline {@code budget} from its start, as `chaos exec` makes. */
final class LiveCallContext extends RealClockContext {
  private LiveCallContext(Duration budget) {
    super(budget, false);
  }

  /** Calls {@code builtin} of {@code client} with named arguments as name, value pairs. */
  static Value call(PrometheusClient client, Duration budget, String builtin,
      Object... namesAndValues) throws Exception {
    Map<String, BuiltinImpl> impls = new HashMap<>();
    LivePrometheusBindings.bind(client, impls);
    return impls.get(builtin).call(named(namesAndValues), new LiveCallContext(budget));
  }

  @Override
  public void registerUndo(String description, Undo undo) {
    throw new AssertionError("prometheus functions only read: no undo expected");
  }
}
