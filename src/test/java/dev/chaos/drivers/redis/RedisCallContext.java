package dev.chaos.drivers.redis;

import dev.chaos.drivers.RealClockContext;
import dev.chaos.spi.BuiltinImpl;
import dev.chaos.spi.CallContext;
import dev.chaos.spi.Undo;
import dev.chaos.types.Value;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Calls on the real clock with a deadline {@code budget} from each call's start, as `chaos exec`
 * makes, keeping the undos the calls register so a test can run them as a rollback would.
 */
final class RedisCallContext {
  final List<String> undoDescriptions = new ArrayList<>();
  private final List<Undo> undos = new ArrayList<>();
  private final Map<String, BuiltinImpl> impls = new HashMap<>();
  private final Duration budget;

  RedisCallContext(RedisClient client, Duration budget) {
    LiveRedisBindings.bind(client, impls);
    this.budget = budget;
  }

  /** Calls {@code builtin} with named arguments as name, value pairs. */
  Value call(String builtin, Object... namesAndValues) throws Exception {
    return impls.get(builtin).call(RealClockContext.named(namesAndValues), context());
  }

  /** Calls {@code builtin} in {@code context}, a dry run's for instance. */
  Value call(RealClockContext context, String builtin, Object... namesAndValues)
      throws Exception {
    return impls.get(builtin).call(RealClockContext.named(namesAndValues), context);
  }

  /** Runs the registered undos, newest first, as a rollback does. */
  void undoAll() throws Exception {
    for (int i = undos.size() - 1; i >= 0; i--) {
      undos.get(i).run(context());
    }
    undos.clear();
  }

  CallContext context() {
    return new RealClockContext(budget, false, undoDescriptions, undos, new ArrayList<>());
  }
}
