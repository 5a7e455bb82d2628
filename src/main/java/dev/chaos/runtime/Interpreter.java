package dev.chaos.runtime;

import dev.chaos.spi.Backend;
import dev.chaos.spi.Clock;
import dev.chaos.spi.Preview;
import dev.chaos.spi.RunFacts;
import dev.chaos.types.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tree walker of one run: what expressions and statements share (the backend and its clock,
 * the run's facts, the listener of events) and what they leave behind for the report (the
 * `record`ed figures, the mutations made, a dry run's plan). Safe to use from the step thread and the probe
 * threads at once.
 */
final class Interpreter {
  private final Backend backend;
  private volatile RunFacts facts;
  private final RunOptions options;
  private final RunListener listener;
  private final Evaluator evaluator;
  private final Executor executor;
  private final ModuleValues globals;
  private final Map<String, String> records = new LinkedHashMap<>();
  private final List<RunResult.Disruption> disruptions = new ArrayList<>();
  private final List<RunResult.Planned> plan = new ArrayList<>();

  Interpreter(Backend backend, RunFacts facts, RunOptions options, RunListener listener) {
    this.backend = backend;
    this.facts = facts;
    this.options = options;
    this.listener = listener;
    this.evaluator = new Evaluator(this);
    this.executor = new Executor(this);
    this.globals = new ModuleValues(this);
  }

  Backend backend() {
    return backend;
  }

  Clock clock() {
    return backend.clock();
  }

  RunFacts facts() {
    return facts;
  }

  /** Set once the header is known, before any driver call that needs it. */
  void setFacts(RunFacts known) {
    facts = known;
  }

  RunOptions options() {
    return options;
  }

  Evaluator evaluator() {
    return evaluator;
  }

  Executor executor() {
    return executor;
  }

  ModuleValues globals() {
    return globals;
  }

  void emit(RunEvent event) {
    listener.on(event);
  }

  /** The run clock's time, for the event about to be emitted. */
  java.time.Instant now() {
    return clock().now();
  }

  /** A `record`: the last value recorded under a name is the one the report shows. */
  void record(String name, Value value, Site site) {
    String shown = Shown.brief(value);
    synchronized (records) {
      records.put(name, shown);
    }
    emit(new RunEvent.Recorded(now(), name, EventValues.of(value), site.section().label(),
        site.name()));
  }

  void noteMutation(Site site, String fn, Map<String, Object> args, String result,
      String affected) {
    synchronized (disruptions) {
      disruptions.add(
          new RunResult.Disruption(site.describe(), Shown.call(fn, args), result, affected));
    }
  }

  /**
   * A dry run's preview of one mutation: into the plan, and out as one `preview` event (the
   * only place that event is emitted).
   */
  void notePreview(Site site, String fn, Preview preview) {
    synchronized (plan) {
      plan.add(new RunResult.Planned(site.describe(), fn, preview,
          site.section() == Section.STEP));
    }
    Preview.Share share = preview.share();
    emit(new RunEvent.Previewed(now(), fn, site.section().label(), site.name(),
        preview.action(), preview.targets(), share == null ? null : share.count(),
        share == null ? null : share.of(), share == null ? null : share.verdict(),
        preview.undo().isEmpty() ? null : preview.undo()));
  }

  List<RunResult.Planned> plan() {
    synchronized (plan) {
      return List.copyOf(plan);
    }
  }

  Map<String, String> records() {
    synchronized (records) {
      return new LinkedHashMap<>(records);
    }
  }

  List<RunResult.Disruption> disruptions() {
    synchronized (disruptions) {
      return List.copyOf(disruptions);
    }
  }
}
