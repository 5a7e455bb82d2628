package dev.chaos.drivers.postgres;

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
 * A call on the real clock with a deadline {@code budget} from its start, as `chaos exec` makes;
 * it keeps the undos and log lines the call registers.
 */
final class PgCallContext implements CallContext {
  private final Clock clock = new SystemClock();
  private final Instant deadline;
  private final boolean dryRun;
  final List<Undo> undos = new ArrayList<>();
  final List<String> log = new ArrayList<>();

  PgCallContext(Duration budget, boolean dryRun) {
    this.deadline = clock.now().plus(budget);
    this.dryRun = dryRun;
  }

  /** Calls {@code builtin} of {@code client} with named arguments as name, value pairs. */
  Value call(PgClient client, String builtin, Object... namesAndValues) throws Exception {
    Map<String, BuiltinImpl> impls = new HashMap<>();
    LivePgBindings.bind(client, impls);
    Map<String, Value> args = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      args.put((String) namesAndValues[i], (Value) namesAndValues[i + 1]);
    }
    return impls.get(builtin).call(new CallArgs(args, List.of()), this);
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
    return new RunFacts("test-runbook", "dev", null, dryRun);
  }

  @Override
  public void registerUndo(String description, Undo undo) {
    undos.add(undo);
  }

  @Override
  public void log(String line) {
    log.add(line);
  }
}
