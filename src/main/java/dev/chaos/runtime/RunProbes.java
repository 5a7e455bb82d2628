package dev.chaos.runtime;

import dev.chaos.syntax.ast.Decl;
import dev.chaos.syntax.ast.Expr;
import dev.chaos.syntax.ast.Member;
import dev.chaos.types.Value;
import dev.chaos.types.ValueFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The guards, `throughout` verifies and observes of one run, and their schedule: observes are
 * sampled once for the baseline, then on their intervals until recovery ends, and once more at
 * the very end (the "recovered" value); guards and `throughout` verifies from the start of the
 * first step until the steps end. A guard that is false or errors stops the run at once.
 */
final class RunProbes {
  private record Guard(Member.Guard member, Duration every, Duration extend, ProbeStats stats) {}

  private record Throughout(Member.Verify member, ProbeStats stats) {}

  private record Observe(Member.Observe member, Duration every, ObserveStats stats) {}

  /** `throughout` verifies are sampled this often: the shortest guard interval, else 5s. */
  static final Duration DEFAULT_VERIFY_INTERVAL = Duration.ofSeconds(5);

  private final Interpreter interpreter;
  private final Probes probes;
  private final ProbeScheduler scheduler;
  private final List<Guard> guards = new ArrayList<>();
  private final List<Throughout> throughout = new ArrayList<>();
  private final List<Observe> observes = new ArrayList<>();
  private final Duration verifyEvery;
  private ProbeScheduler.Group during;
  private ProbeScheduler.Group observing;

  RunProbes(Interpreter interpreter, Probes probes, Decl.Runbook runbook, Frame runbookFrame)
      throws InterruptedException {
    this.interpreter = interpreter;
    this.probes = probes;
    this.scheduler = new ProbeScheduler(interpreter.clock());
    Duration shortest = null;
    for (Member m : runbook.members()) {
      if (m instanceof Member.Guard g) {
        Duration every = interval(g.every(), runbookFrame);
        Duration extend = g.extend() == null ? null : interval(g.extend(), runbookFrame);
        guards.add(new Guard(g, every, extend, new ProbeStats(g.name().text(), shown(every))));
        shortest = shortest == null || every.compareTo(shortest) < 0 ? every : shortest;
      } else if (m instanceof Member.Observe o) {
        Duration every = interval(o.every(), runbookFrame);
        observes.add(new Observe(o, every, new ObserveStats(o.name().name(), shown(every))));
      }
    }
    this.verifyEvery = shortest == null ? DEFAULT_VERIFY_INTERVAL : shortest;
    for (Member m : runbook.members()) {
      if (m instanceof Member.Verify v && v.throughout()) {
        throughout.add(new Throughout(v, new ProbeStats(v.name().text(), shown(verifyEvery))));
      }
    }
  }

  private Duration interval(Expr every, Frame f) throws InterruptedException {
    Value v = interpreter.evaluator().eval(every, f);
    return ((Value.Duration) v).value();
  }

  private static String shown(Duration d) {
    return ValueFormat.duration(d);
  }

  /** The baseline: every observe sampled once, before the first step. */
  void baseline() throws InterruptedException {
    for (Observe o : observes) {
      sampleObserve(o, true, "baseline");
    }
  }

  /** The last sample of every observe, after recovery: the "recovered" value. */
  void finalSample() throws InterruptedException {
    for (Observe o : observes) {
      sampleObserve(o, false, "final");
    }
  }

  private void sampleObserve(Observe o, boolean baseline, String moment)
      throws InterruptedException {
    Sample s = probes.expression(o.stats().name(), o.member().value());
    o.stats().add(s, baseline);
    emit("observe", o.stats().name(), s, moment);
  }

  /** Starts the guards and `throughout` verifies, and the observes' intervals. */
  void startDuringSteps(Stopper stopper) {
    startDuringSteps(stopper, null);
  }

  /** As {@link #startDuringSteps(Stopper)}; {@code warnings} hears the guards' warning levels. */
  void startDuringSteps(Stopper stopper, GuardWarnings warnings) {
    during = scheduler.group();
    for (Guard g : guards) {
      during.start("guard " + g.stats().name(), g.every(), true, () -> {
        Probes.Guarded sampled = probes.guard(g.stats().name(), g.member().body());
        Sample s = sampled.sample();
        if (during.stopping()) {
          return false;
        }
        g.stats().add(s);
        emit("guard", g.stats().name(), s, null);
        if (s.outcome() == ProbeOutcome.TRUE) {
          if (warnings != null) {
            warnings.sampled(g.stats().name(), sampled.warning(), g.extend());
          }
          return true;
        }
        String reason = "guard \"" + g.stats().name() + "\" "
            + (s.outcome() == ProbeOutcome.FALSE ? "tripped: " : "errored: ") + s.message();
        during.unlessStopping(() -> {
          if (stopper.stop(Stopper.Kind.GUARD, reason)) {
            g.stats().tripped();
          }
        });
        return false;
      });
    }
    for (Throughout t : throughout) {
      during.start("verify " + t.stats().name(), verifyEvery, true, () -> {
        Sample s = probes.block(Section.VERIFY_THROUGHOUT, t.stats().name(), t.member().body());
        if (during.stopping()) {
          return false;
        }
        t.stats().add(s);
        emit("verify", t.stats().name(), s, null);
        return true;
      });
    }
    observing = scheduler.group();
    for (Observe o : observes) {
      observing.start("observe " + o.stats().name(), o.every(), false, () -> {
        Sample s = probes.expression(o.stats().name(), o.member().value());
        if (observing.stopping()) {
          return false;
        }
        o.stats().add(s, false);
        emit("observe", o.stats().name(), s, null);
        return true;
      });
    }
  }

  /** Stops the guards and `throughout` verifies; the observes go on. */
  void stopDuringSteps() throws InterruptedException {
    if (during != null) {
      during.stop(Duration.ofSeconds(10));
    }
  }

  void stopObserves() throws InterruptedException {
    if (observing != null) {
      observing.stop(Duration.ofSeconds(10));
    }
  }

  /** Under `--dry-run`: each guard evaluated once, for real (guards only read). */
  void guardsOnce() throws InterruptedException {
    for (Guard g : guards) {
      Sample s = probes.block(Section.GUARD, g.stats().name(), g.member().body());
      g.stats().add(s);
      emit("guard", g.stats().name(), s, "dry run");
    }
  }

  private void emit(String kind, String name, Sample s, String moment) {
    interpreter.emit(new RunEvent.ProbeSampled(interpreter.now(), kind, name, s.outcome(),
        s.value() == null ? null : EventValues.of(s.value()),
        s.value() == null ? s.detail() : null, s.message(), moment));
  }

  List<RunResult.ProbeSummary> guardSummaries() {
    return guards.stream().map(g -> g.stats().summary()).toList();
  }

  List<RunResult.ProbeSummary> throughoutSummaries() {
    return throughout.stream().map(t -> t.stats().summary()).toList();
  }

  List<RunResult.ObserveSummary> observeSummaries() {
    return observes.stream().map(o -> o.stats().summary()).toList();
  }

  /** Whether every `throughout` verify held on every sample. */
  boolean throughoutHeld() {
    return throughout.stream().allMatch(t -> t.stats().clean());
  }
}
