package dev.chaos.drivers.postgres;

import dev.chaos.drivers.RealClockContext;
import dev.chaos.spi.BuiltinImpl;
import dev.chaos.types.Value;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * A call on the real clock with a deadline {@code budget} from its start, as `chaos exec` makes;
 * it keeps the undos and log lines the call registers.
 */
final class PgCallContext extends RealClockContext {
  PgCallContext(Duration budget, boolean dryRun) {
    super(budget, dryRun);
  }

  /** Calls {@code builtin} of {@code client} with named arguments as name, value pairs. */
  Value call(PgClient client, String builtin, Object... namesAndValues) throws Exception {
    Map<String, BuiltinImpl> impls = new HashMap<>();
    LivePgBindings.bind(client, impls);
    return impls.get(builtin).call(named(namesAndValues), this);
  }

  static Value call(PgClient client, Duration budget, String builtin, Object... namesAndValues)
      throws Exception {
    return new PgCallContext(budget, false).call(client, builtin, namesAndValues);
  }

  /** Runs the registered undos, last first, each with a fresh 5s deadline. */
  void undo() throws Exception {
    for (int i = undos.size() - 1; i >= 0; i--) {
      undos.get(i).run(new PgCallContext(Duration.ofSeconds(5), false));
    }
  }
}
