package dev.chaos.drivers.shell;

import dev.chaos.drivers.ClockWait;
import dev.chaos.drivers.FailureText;
import dev.chaos.spi.CallContext;
import dev.chaos.spi.Clock;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs one program to its end within a driver call: no shell, standard input closed, both
 * outputs captured concurrently and bounded. When the time allowed passes, or the calling thread
 * is interrupted (a guard tripped), the process and the processes it started are killed.
 */
final class ProcessRun {
  /** How often the tree's descendants are recorded while it runs. */
  private static final Duration LOOK_EVERY = Duration.ofMillis(250);
  /**
   * How long output may stay open after the program exited: a background process it left
   * behind may hold the pipes for as long as it lives.
   */
  private static final Duration OUTPUT_GRACE = Duration.ofSeconds(1);
  private static final Pattern START_ERROR = Pattern.compile("error=(\\d+), (.*)$");

  /**
   * What the program left behind: its exit status and both outputs (each says whether it was
   * cut); {@code outputLeftOpen} when a process it left running still held an output.
   */
  record Outcome(int exit, OutputCapture stdout, OutputCapture stderr, boolean outputLeftOpen) {}

  private ProcessRun() {}

  /**
   * Runs {@code argv} in {@code directory} until it exits, {@code timeout} or the call's
   * deadline passes (whichever is first), or the calling thread is interrupted.
   *
   * @param argv the program, then its arguments, passed as they are
   * @param line the command line as messages show it
   * @throws ShellException when the program cannot start or runs out of time
   * @throws InterruptedException when the calling thread is interrupted; the tree is killed
   */
  static Outcome run(List<String> argv, Path directory, CallContext context, Duration timeout,
      int outputLimit, String line) throws ShellException, InterruptedException {
    Clock clock = context.clock();
    Instant deadline = ClockWait.deadline(context, timeout);
    Duration budget = ClockWait.remaining(clock, deadline);
    if (budget.isZero()) {
      throw new ShellException(line, "not started: no time left before the call's deadline");
    }
    Process process;
    try {
      process = new ProcessBuilder(argv).directory(directory.toFile()).start();
    } catch (IOException e) {
      throw new ShellException(line, startFailure(argv.get(0), e));
    }
    ProcessTree tree = new ProcessTree(process);
    try {
      // standard input closed: a program that reads it sees its end instead of waiting forever
      process.getOutputStream().close();
    } catch (IOException ignored) {
      // the program exited already; there was nothing to close
    }
    OutputCapture stdout = OutputCapture.start(process.getInputStream(), outputLimit,
        "chaos-shell-stdout", clock::signal);
    OutputCapture stderr = OutputCapture.start(process.getErrorStream(), outputLimit,
        "chaos-shell-stderr", clock::signal);
    process.onExit().thenRun(clock::signal);
    try {
      if (!waitFor(clock, () -> !process.isAlive(), deadline, tree)) {
        int children = tree.killAll();
        throw new ShellException(line, FailureText.timedOut(budget)
            + "; killed it" + (children == 0 ? ""
                : " and " + children + " process" + (children == 1 ? "" : "es") + " it started"));
      }
      Instant outputBy = clock.now().plus(OUTPUT_GRACE);
      boolean closed = clock.awaitUntil(() -> stdout.ended() && stderr.ended(),
          outputBy.isBefore(deadline) ? outputBy : deadline);
      return new Outcome(process.exitValue(), stdout, stderr, !closed);
    } catch (InterruptedException e) {
      tree.killAll();
      throw e;
    }
  }

  /** Waits for {@code done} until {@code deadline}, recording the tree's descendants meanwhile. */
  private static boolean waitFor(Clock clock, java.util.function.BooleanSupplier done,
      Instant deadline, ProcessTree tree) throws InterruptedException {
    while (true) {
      tree.look();
      Instant next = clock.now().plus(LOOK_EVERY);
      if (clock.awaitUntil(done, next.isBefore(deadline) ? next : deadline)) {
        return true;
      }
      if (!clock.now().isBefore(deadline)) {
        return done.getAsBoolean();
      }
    }
  }

  /** Why a program did not start, in a person's words: "no program `x` on PATH". */
  static String startFailure(String program, IOException e) {
    String message = String.valueOf(e.getMessage());
    Matcher m = START_ERROR.matcher(message);
    String code = m.find() ? m.group(1) : "";
    boolean path = program.contains("/");
    switch (code) {
      case "2":
        return path ? "no such program: " + program + " does not exist"
            : "no program `" + program + "` on PATH";
      case "13":
        return "cannot run " + program + ": permission denied (is it executable? a directory?)";
      case "8":
        return "cannot run " + program + ": not an executable format (a script without `#!`?)";
      default:
        return "cannot run " + program + ": "
            + FailureText.oneLine(code.isEmpty() ? message : m.group(2));
    }
  }
}
