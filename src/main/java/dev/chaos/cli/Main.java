package dev.chaos.cli;

import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** Entry point of `chaos`. Output is UTF-8 whatever the locale, so reports survive a pipe. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    PrintWriter out = writer(FileDescriptor.out, false);
    PrintWriter err = writer(FileDescriptor.err, true);
    boolean terminal = System.console() != null;
    Integer fast = CheckFastPath.run(args, out, err, terminal);
    if (fast != null) {
      out.flush();
      err.flush();
      // A check leaves nothing to clean up: halting skips the shutdown sequence, which in a
      // recent JDK starts the platform's logging to log the exit, a few ms of a short check.
      Runtime.getRuntime().halt(fast);
    }
    int exitCode = Cli.create(out, err, terminal).execute(args);
    out.flush();
    err.flush();
    System.exit(exitCode);
  }

  /** stdout is flushed once at the end; stderr line by line, so progress shows as it happens. */
  private static PrintWriter writer(FileDescriptor fd, boolean autoFlush) {
    return new PrintWriter(new BufferedWriter(
        new OutputStreamWriter(new FileOutputStream(fd), StandardCharsets.UTF_8)), autoFlush);
  }
}
