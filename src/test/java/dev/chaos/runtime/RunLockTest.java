package dev.chaos.runtime;

import static dev.chaos.runtime.RunFixture.check;
import static dev.chaos.runtime.RunFixture.run;
import static dev.chaos.runtime.RunFixture.runbook;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chaos.spi.RunLock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The runbook's `lock`: taken after the refusals by `HOST/PID/RUNID`, held through undo,
 * released at the end; a lock that cannot be kept aborts the run, and undo runs.
 */
@Timeout(20)
class RunLockTest {
  private static final String LOCKED = """
        lock "llm-marketplace"
        max_duration 10m
        step "scale" {
          k8s.scale("deployment", "api", 1)
        }
      """;

  private final List<String> held = new ArrayList<>();
  private final List<RunLock.Holder> holders = new ArrayList<>();

  private RunLock.Store recording(Fakes w) {
    return (name, holder, lost) -> {
      held.add("take " + name + " by " + holder.identity());
      holders.add(holder);
      return () -> held.add("release " + name + " after " + w.effects());
    };
  }

  @Test
  void theLockIsHeldFromBeforeThePreconditionsUntilUndoIsDone() {
    Fakes w = new Fakes();
    w.backend.locks = recording(w);
    RunOptions options = RunOptions.defaults().withRun("t-20250106-030000-beef",
        Path.of("runs/t/journal.jsonl"));
    RunFixture.Run r = run(runbook(LOCKED), w.backend, options);
    assertThat(r.result().outcome()).isEqualTo(Outcome.PASSED);
    assertThat(held).hasSize(2);
    assertThat(held.get(0)).endsWith("/" + ProcessHandle.current().pid()
        + "/t-20250106-030000-beef");
    RunLock.Holder holder = holders.get(0);
    assertThat(holder.identity()).isEqualTo(HostName.local() + "/"
        + ProcessHandle.current().pid() + "/t-20250106-030000-beef");
    assertThat(holder.runbook()).isEqualTo("t");
    assertThat(holder.journal()).isEqualTo(Path.of("runs/t/journal.jsonl").toAbsolutePath()
        .toString());
    assertThat(holder.started()).isEqualTo(FakeBackend.START);
    // released only after the inverse of the scale ran
    assertThat(held.get(1)).isEqualTo("release llm-marketplace after [scale api, unscale api]");
    assertThat(r.result().header().runId()).isEqualTo("t-20250106-030000-beef");
  }

  @Test
  void withoutARunIdTheEngineMakesOneFromTheRunbooksName() {
    Fakes w = new Fakes();
    w.backend.locks = recording(w);
    RunFixture.Run r = run(runbook(LOCKED), w.backend);
    assertThat(r.result().header().runId()).matches("t-\\d{8}-\\d{6}-[0-9a-f]{4}");
    assertThat(holders.get(0).runId()).isEqualTo(r.result().header().runId());
  }

  @Test
  void aLockHeldElsewhereRefusesTheRunBeforeAnythingIsTouched() {
    Fakes w = new Fakes();
    String holder = "held by run pod-failure-20250106-024000-0c1d of runbook `pod-failure` "
        + "(host ci-3, pid 42, user bob) since 2025-01-06T02:40:00Z";
    w.backend.locks = (name, who, lost) -> {
      throw new RunLock.Refused(holder);
    };
    RunFixture.Run r = run(runbook(LOCKED), w.backend);
    assertThat(r.result().outcome()).isEqualTo(Outcome.REFUSED);
    assertThat(r.result().reason()).isEqualTo("cannot take the lock `llm-marketplace`: "
        + holder);
    assertThat(w.backend.calls()).isEmpty();
  }

  @Test
  void aLockStoreThatFailsRefusesTheRunInsteadOfCrashingIt() {
    Fakes w = new Fakes();
    w.backend.locks = (name, holder, lost) -> {
      throw new IllegalStateException("k8s: cannot read kubeconfig /nowhere/kubeconfig");
    };
    RunFixture.Run r = run(runbook(LOCKED), w.backend);
    assertThat(r.result().outcome()).isEqualTo(Outcome.REFUSED);
    assertThat(r.result().reason()).isEqualTo("cannot take the lock `llm-marketplace`: k8s: "
        + "cannot read kubeconfig /nowhere/kubeconfig");
    assertThat(w.backend.calls()).isEmpty();
  }

  @Test
  void aDryRunTakesNoLock() {
    Fakes w = new Fakes();
    w.backend.locks = recording(w);
    run(runbook(LOCKED), w.backend, RunOptions.defaults().withDryRun(true));
    assertThat(held).isEmpty();
  }

  @Test
  void aLockThatIsLostMidRunAbortsTheRunNamingTheLockAndUndoRuns() {
    Fakes w = new Fakes();
    List<Consumer<String>> lost = new ArrayList<>();
    w.backend.locks = (name, holder, tellLost) -> {
      lost.add(tellLost);
      return () -> held.add("release after " + w.effects());
    };
    var clock = w.backend.clock();
    w.backend.on("shell.run", (a, c) -> {
      // the renewal finds the Lease taken 30 s into the hold, on a thread of its own
      clock.start("renewal", () -> {
        try {
          clock.sleep(Duration.ofSeconds(30));
          lost.get(0).accept("the Lease is now held by run x of runbook `y` (host h, pid 7) "
              + "since 2025-01-06T03:00:30Z (Lease chaos-testing/chaos-lock-llm-marketplace)");
        } catch (InterruptedException ignored) {
          // the run ended first
        }
      });
      return dev.chaos.types.Value.rec("Result", "exit", dev.chaos.types.Value.integer(0),
          "stdout", dev.chaos.types.Value.str(""), "stderr", dev.chaos.types.Value.str(""));
    });
    List<RunEvent> events = new ArrayList<>();
    RunResult r = new RunEngine(check(runbook("""
          lock "llm-marketplace"
          step "scale" { k8s.scale("deployment", "api", 1) }
          step "arm" irreversible { shell.run("arm") }
          step "hold" { wait 10m }
          on abort { notify.send("${abort.reason}") }
        """)), w.backend, RunOptions.defaults(), events::add).run();
    assertThat(r.outcome()).isEqualTo(Outcome.ABORTED);
    assertThat(r.reason()).startsWith("lost the lock `llm-marketplace`: the Lease is now held "
        + "by run x");
    assertThat(r.abort().phase()).isEqualTo("steps");
    assertThat(w.effects()).containsExactly("scale api", "notify lost the lock `llm-marketplace`:"
        + " the Lease is now held by run x of runbook `y` (host h, pid 7) since "
        + "2025-01-06T03:00:30Z (Lease chaos-testing/chaos-lock-llm-marketplace)", "unscale api");
    assertThat(held).containsExactly("release after " + w.effects());
    assertThat(w.backend.elapsed()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void aLockThatCannotBeGivenBackIsSaidInTheJournalAndTheReportWithoutChangingTheVerdict() {
    Fakes w = new Fakes();
    String why = "could not release the lock `llm-marketplace` (Lease chaos-testing/"
        + "chaos-lock-llm-marketplace): connection refused; it expires at 2025-01-06T03:00:30Z";
    w.backend.locks = (name, holder, lost) -> () -> {
      throw new RunLock.NotReleased(why);
    };
    RunFixture.Run r = run(runbook(LOCKED), w.backend);
    assertThat(r.result().outcome()).isEqualTo(Outcome.PASSED);
    assertThat(r.result().problems()).containsExactly(why);
    assertThat(r.logs()).containsExactly(why);
    // said before the run's end, which the journal's tail is
    List<RunEvent> events = r.events();
    int said = events.indexOf(r.events(RunEvent.Log.class).get(0));
    assertThat(events.get(events.size() - 1)).isInstanceOf(RunEvent.RunFinished.class);
    assertThat(said).isLessThan(events.size() - 1);
    assertThat(MarkdownReport.render(r.result())).contains(why);
  }
}
