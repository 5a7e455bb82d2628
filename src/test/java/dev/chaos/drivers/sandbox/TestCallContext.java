package dev.chaos.drivers.sandbox;

import dev.chaos.spi.CallArgs;
import dev.chaos.spi.CallContext;
import dev.chaos.spi.Clock;
import dev.chaos.spi.Preview;
import dev.chaos.spi.RunFacts;
import dev.chaos.spi.Undo;
import dev.chaos.types.Value;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A {@link CallContext} as the interpreter gives one, for tests: it keeps the undos and log
 * lines, and notes what {@code probe} read at the moment each undo was registered, so a test can
 * tell that the registration came before the side effect.
 */
final class TestCallContext implements CallContext {
  record Registered(String description, Undo undo, Object seenAtRegistration) {}

  private final SandboxBackend backend;
  private final RunFacts run;
  private final List<Registered> undos = new ArrayList<>();
  private final List<String> log = new ArrayList<>();
  final List<Preview> previews = new ArrayList<>();
  private Supplier<Object> probe = () -> null;
  private Duration callBudget = Duration.ofHours(1);
  private Instant deadline;

  TestCallContext(SandboxBackend backend, Double blastRadiusPercent, boolean dryRun) {
    this.backend = backend;
    this.run = new RunFacts("test-runbook", "staging", blastRadiusPercent, dryRun);
  }

  static TestCallContext of(SandboxBackend backend) {
    return new TestCallContext(backend, null, false);
  }

  /** What to read when an undo is registered. */
  TestCallContext probing(Supplier<Object> probe) {
    this.probe = probe;
    return this;
  }

  /** How long from now each call may take before its deadline. */
  TestCallContext budget(Duration budget) {
    this.callBudget = budget;
    return this;
  }

  /** Calls a builtin by qualified name with named arguments given as name, value pairs. */
  Value call(String builtin, Object... namesAndValues) throws Exception {
    Map<String, Value> args = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      args.put((String) namesAndValues[i], (Value) namesAndValues[i + 1]);
    }
    return call(builtin, new CallArgs(args, List.of()));
  }

  Value call(String builtin, CallArgs args) throws Exception {
    var impl = backend.impl(builtin);
    if (impl == null) {
      throw new AssertionError("no sandbox implementation of " + builtin);
    }
    deadline = backend.clock().now().plus(callBudget);
    return impl.call(args, this);
  }

  /** Runs the registered undos in reverse order, as the interpreter does. */
  void undoAll() throws Exception {
    for (int i = undos.size() - 1; i >= 0; i--) {
      undos.get(i).undo().run(this);
    }
  }

  List<Registered> undos() {
    return undos;
  }

  List<String> log() {
    return log;
  }

  @Override
  public Clock clock() {
    return backend.clock();
  }

  @Override
  public Instant deadline() {
    return deadline != null ? deadline : backend.clock().now().plus(callBudget);
  }

  @Override
  public RunFacts run() {
    return run;
  }

  @Override
  public void registerUndo(String description, Undo undo) {
    undos.add(new Registered(description, undo, probe.get()));
  }

  /** Keeps a dry run's preview, and logs it as a context that keeps none does. */
  @Override
  public void preview(Preview preview) {
    previews.add(preview);
    CallContext.super.preview(preview);
  }

  @Override
  public void log(String line) {
    log.add(line);
  }
}
