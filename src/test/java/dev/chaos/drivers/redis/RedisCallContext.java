package dev.chaos.drivers.redis;

import dev.chaos.spi.BuiltinImpl;
import dev.chaos.spi.CallArgs;
import dev.chaos.spi.CallContext;
import dev.chaos.spi.Clock;
import dev.chaos.spi.RunFacts;
import dev.chaos.spi.SystemClock;
import dev.chaos.spi.Undo;
import dev.chaos.types.Value;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
    Map<String, Value> args = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      args.put((String) namesAndValues[i], (Value) namesAndValues[i + 1]);
    }
    return impls.get(builtin).call(new CallArgs(args, List.of()), context());
  }

  /** Runs the registered undos, newest first, as a rollback does. */
  void undoAll() throws Exception {
    for (int i = undos.size() - 1; i >= 0; i--) {
      undos.get(i).run(context());
    }
    undos.clear();
  }

  CallContext context() {
    Clock clock = new SystemClock();
    Instant deadline = clock.now().plus(budget);
    return new CallContext() {
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
        undoDescriptions.add(description);
        undos.add(undo);
      }

      @Override
      public void log(String line) {}
    };
  }
}
