package dev.chaos.cli;

import dev.chaos.spi.DriverRegistry;
import java.io.PrintWriter;

/**
 * The `chaos` of {@link SignalTest}'s child JVM: the real command line on {@link TestBackends}
 * with the real clock, so that a run waits in real time for the signal. Prints the calls made
 * last, so the parent can see that undo ran.
 */
public final class SignalChild {
  private SignalChild() {}

  public static void main(String[] args) {
    TestBackends backends = new TestBackends();
    backends.realClock = true;
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    CliContext context = CliContext.of(out, err, System.getenv(), false, DriverRegistry::load)
        .withBackends(backends);
    int code = Cli.create(context).execute(args);
    out.println("calls: " + backends.calls);
    out.flush();
    System.exit(code);
  }
}
