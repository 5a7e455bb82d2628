package dev.chaos.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chaos.cli.Cli;
import dev.chaos.cli.ExitCodes;
import dev.chaos.runtime.JournalReader;
import dev.chaos.runtime.Outcome;
import dev.chaos.runtime.RunEvent;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Runs on one `lock` against the lab (a Lease in its Kubernetes API): while one run holds it,
 * another is refused (exit 2) naming the holder; of fifty runners racing for it, exactly one
 * runs.
 */
@EnabledIfEnvironmentVariable(named = "LAB_CHAOS_CONFIG", matches = ".+")
@Isolated
@Timeout(900)
class RunnerLockTest {
  private static final String LOCK = "faults-lock";

  @TempDir
  Path dir;

  @Test
  void aSecondRunOnTheLockIsRefusedNamingTheHolder() throws Exception {
    try (ChaosRun first = ChaosRun.start(dir.resolve("first"), "lock-holder.chaos")) {
      first.awaitGate();
      assertThat(Lab.leaseExists(LOCK)).isTrue();
      try (ChaosRun second = ChaosRun.start(dir.resolve("second"), "lock-holder.chaos")) {
        assertThat(second.awaitExit()).as(second.output()).isEqualTo(ExitCodes.INVALID_INPUT);
        String said = second.output();
        // the holder is named: its process (by pid) and since when
        assertThat(said).contains("cannot take the lock `" + LOCK + "`",
            Long.toString(first.pid()), "since");
        List<RunEvent> events = second.events();
        RunEvent.RunFinished finished = Journals.complete(events, Outcome.REFUSED, said);
        assertThat(finished.reason()).contains(Long.toString(first.pid()));
        assertThat(events).noneMatch(e -> e instanceof RunEvent.StepStarted);
      }
      first.openGate();
      assertThat(first.awaitExit()).as(first.output()).isEqualTo(ExitCodes.OK);
      Journals.complete(first.events(), Outcome.PASSED, first.output());
    }
    assertThat(Lab.leaseExists(LOCK)).isFalse();
  }

  /**
   * Fifty runners start at once, each an in-process `chaos exec` on a thread of its own, with a
   * client of its own, against the lab's API (fifty JVMs would take minutes on two cores): one
   * takes the Lease and waits on its gate; the other forty-nine are refused before any step.
   */
  @Test
  void ofFiftyRunnersRacingForOneLockExactlyOneRuns() throws Exception {
    int runners = 50;
    Path runbook = dir.resolve("lock-holder.chaos");
    try (InputStream in = getClass().getResourceAsStream("/faults/lock-holder.chaos")) {
      Files.write(runbook, in.readAllBytes());
    }
    Files.writeString(dir.resolve("gate"), "");
    // each exec installs its SIGINT/SIGTERM handlers and puts back the ones it found; fifty at
    // once may put back one another's, so the test JVM's own are restored at the end
    SignalHandler int0 = Signal.handle(new Signal("INT"), SignalHandler.SIG_DFL);
    Signal.handle(new Signal("INT"), int0);
    SignalHandler term0 = Signal.handle(new Signal("TERM"), SignalHandler.SIG_DFL);
    Signal.handle(new Signal("TERM"), term0);
    CountDownLatch go = new CountDownLatch(1);
    AtomicInteger ended = new AtomicInteger();
    int[] exits = new int[runners];
    String[] outputs = new String[runners];
    List<Thread> threads = new ArrayList<>();
    try {
      for (int i = 0; i < runners; i++) {
        int n = i;
        Thread t = new Thread(() -> {
          StringWriter out = new StringWriter();
          StringWriter err = new StringWriter();
          try {
            go.await();
            exits[n] = Cli.create(new PrintWriter(out), new PrintWriter(err), false).execute(
                "exec", "--config", Lab.config().toString(), "--journal",
                dir.resolve("run-" + n + "/journal.jsonl").toString(), runbook.toString());
          } catch (InterruptedException e) {
            exits[n] = -1;
          } finally {
            outputs[n] = out + "\n" + err;
            ended.incrementAndGet();
          }
        }, "runner-" + n);
        t.start();
        threads.add(t);
      }
      go.countDown();
      // every runner but the one holding the lock ends, refused, while it waits on its gate
      await("forty-nine runners refused").atMost(Duration.ofMinutes(5))
          .pollInterval(Duration.ofMillis(200)).until(() -> ended.get() >= runners - 1);
      Files.writeString(dir.resolve("gate"), "go");
      for (Thread t : threads) {
        t.join(Duration.ofMinutes(5).toMillis());
        assertThat(t.isAlive()).as("%s still running", t.getName()).isFalse();
      }
    } finally {
      Signal.handle(new Signal("INT"), int0);
      Signal.handle(new Signal("TERM"), term0);
      Files.writeString(dir.resolve("gate"), "go");
    }
    int winners = 0;
    int lostTheRace = 0;
    long self = ProcessHandle.current().pid();
    for (int i = 0; i < runners; i++) {
      List<RunEvent> events = JournalReader.read(dir.resolve("run-" + i + "/journal.jsonl"))
          .events();
      if (exits[i] == ExitCodes.OK) {
        winners++;
        Journals.complete(events, Outcome.PASSED, outputs[i]);
      } else {
        assertThat(exits[i]).as(outputs[i]).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(outputs[i]).contains("cannot take the lock `" + LOCK + "`");
        if (outputs[i].contains("at the same moment")) {
          lostTheRace++; // its take was refused by the API (409), not by a Lease it read
        } else {
          assertThat(outputs[i]).as("the holder named").contains(Long.toString(self));
        }
        Journals.complete(events, Outcome.REFUSED, outputs[i]);
        assertThat(events).noneMatch(e -> e instanceof RunEvent.StepStarted);
      }
    }
    assertThat(winners).as("runs that took the lock").isEqualTo(1);
    System.out.printf("fifty runners: 1 ran, %d refused naming the holder, %d refused by the "
        + "API's conflict (409) while taking it%n", runners - 1 - lostTheRace, lostTheRace);
    assertThat(Lab.leaseExists(LOCK)).isFalse();
  }
}
