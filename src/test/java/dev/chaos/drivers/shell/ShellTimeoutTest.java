package dev.chaos.drivers.shell;

import static dev.chaos.drivers.shell.ShellCalls.argv;
import static dev.chaos.drivers.shell.ShellCalls.run;
import static dev.chaos.drivers.shell.ShellCalls.stdout;
import static dev.chaos.drivers.shell.ShellCalls.within;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.chaos.drivers.RealClockContext;
import dev.chaos.types.Value;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A program out of time, or whose call a guard interrupts, is killed with every process it
 * started: a child and a grandchild that write their pids to files so the test can find them.
 */
class ShellTimeoutTest {
  /** What a busy CI machine may add to a deadline; the assertions are about hanging, not speed. */
  private static final Duration MARGIN = Duration.ofSeconds(5);
  /**
   * A shell that starts a child (sleep) and a child shell that starts a grandchild (sleep),
   * each writing its pid, then waits for both.
   */
  private static final String TREE = "sleep 60 & echo $! > child.pid;"
      + " /bin/sh -c 'sleep 60 & echo $! > grandchild.pid; wait' & wait";

  @TempDir
  Path dir;

  private final List<Long> started = new ArrayList<>();

  @AfterEach
  void killLeftovers() {
    // a failed test must not leave sleeps behind
    for (long pid : started) {
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  @Test
  void aTimeoutKillsTheProgramItsChildAndItsGrandchild() throws Exception {
    long start = System.nanoTime();

    assertThatThrownBy(() -> run(dir, within(Duration.ofSeconds(60)),
        argv(List.of("/bin/sh", "-c", TREE), "timeout", Value.duration(Duration.ofSeconds(2)))))
        .isInstanceOf(ShellException.class)
        .hasMessageStartingWith("/bin/sh -c " + TREE + ": timed out after 2s; killed it and ")
        .hasMessageEndingWith(" processes it started");
    assertThat(elapsedSince(start)).isLessThan(Duration.ofSeconds(2).plus(MARGIN));

    assertKilled(pid("child.pid"), pid("grandchild.pid"));
  }

  @Test
  void theCallsDeadlineBoundsALongerTimeout() throws Exception {
    long start = System.nanoTime();

    assertThatThrownBy(() -> run(dir, within(Duration.ofSeconds(2)),
        argv(List.of("/bin/sh", "-c", TREE))))
        .isInstanceOf(ShellException.class)
        .hasMessageContaining(": timed out after ");
    assertThat(elapsedSince(start)).isLessThan(Duration.ofSeconds(2).plus(MARGIN));

    assertKilled(pid("child.pid"), pid("grandchild.pid"));
  }

  @Test
  void anInterruptKillsTheTreeAtOnce() throws Exception {
    AtomicReference<Throwable> outcome = new AtomicReference<>();
    CompletableFuture<Duration> stoppedAfter = new CompletableFuture<>();
    Thread steps = new Thread(() -> {
      long start = System.nanoTime();
      try {
        run(dir, within(Duration.ofSeconds(60)), argv(List.of("/bin/sh", "-c", TREE)));
      } catch (Throwable t) {
        outcome.set(t);
      }
      stoppedAfter.complete(elapsedSince(start));
    });
    steps.start();
    await().atMost(MARGIN).until(() -> Files.exists(dir.resolve("grandchild.pid"))
        && !Files.readString(dir.resolve("grandchild.pid")).isBlank());
    long child = pid("child.pid");
    long grandchild = pid("grandchild.pid");

    steps.interrupt();

    Duration took = stoppedAfter.get(30, TimeUnit.SECONDS);
    assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
    assertThat(took).isLessThan(Duration.ofSeconds(60));
    assertKilled(child, grandchild);
  }

  @Test
  void aProgramThatLeavesABackgroundProcessHoldingItsOutputStillReturns() throws Exception {
    RealClockContext context = within(Duration.ofSeconds(30));
    long start = System.nanoTime();

    Value result = run(dir, context, argv(List.of("/bin/sh", "-c",
        "sleep 60 & echo $! > daemon.pid; echo started")));

    started.add(pid("daemon.pid"));
    assertThat(stdout(result)).isEqualTo("started\n");
    // the JDK closes the pipes of an exited process unless a read is under way at that moment;
    // either way the call returns, after the grace for output at the latest
    assertThat(elapsedSince(start)).isLessThan(Duration.ofSeconds(1).plus(MARGIN));
    assertThat(context.log).allSatisfy(line ->
        assertThat(line).contains("a process it left running still holds its output"));
  }

  private long pid(String file) throws IOException {
    await().atMost(MARGIN).until(() -> Files.exists(dir.resolve(file))
        && !Files.readString(dir.resolve(file)).isBlank());
    long pid = Long.parseLong(Files.readString(dir.resolve(file)).strip());
    started.add(pid);
    return pid;
  }

  private static void assertKilled(long... pids) {
    for (long pid : pids) {
      await().atMost(MARGIN).until(() -> ProcessHandle.of(pid).map(ProcessHandle::isAlive)
          .map(alive -> !alive).orElse(true));
      Optional<ProcessHandle> handle = ProcessHandle.of(pid);
      assertThat(handle.map(ProcessHandle::isAlive).orElse(false))
          .as("process %d is alive", pid).isFalse();
    }
  }

  private static Duration elapsedSince(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }
}
