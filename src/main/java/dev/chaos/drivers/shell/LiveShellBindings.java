package dev.chaos.drivers.shell;

import static dev.chaos.drivers.Arguments.bool;
import static dev.chaos.drivers.Arguments.duration;
import static dev.chaos.drivers.Arguments.string;
import static dev.chaos.drivers.Arguments.variadicStrings;

import dev.chaos.drivers.RecordTypes;
import dev.chaos.spi.BuiltinImpl;
import dev.chaos.spi.CallContext;
import dev.chaos.spi.Preview;
import dev.chaos.types.Value;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * `shell.run` on the machine, returning the sandbox's `Result{exit, stdout, stderr}`. The
 * program and its arguments go to the operating system as they are (no shell, nothing
 * expanded); a program given as a relative path is found from the working directory (the
 * runbook's directory), a bare name on PATH. With `check:` (the default) a non-zero exit status
 * fails the call with the sandbox's wording, naming the first line of standard error; with
 * `check: false` it is a Result like any other.
 */
public final class LiveShellBindings {
  /** What each output keeps: enough for a script's report, bounded against a runaway one. */
  static final int OUTPUT_LIMIT = 1024 * 1024;
  private static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

  private LiveShellBindings() {}

  /** Puts the implementation of `shell.run` into {@code into}; programs run in that directory. */
  public static void bind(Path workingDirectory, Map<String, BuiltinImpl> into) {
    bind(workingDirectory, OUTPUT_LIMIT, into);
  }

  /** As {@link #bind(Path, Map)}, keeping {@code outputLimit} bytes of each output (tests). */
  static void bind(Path workingDirectory, int outputLimit, Map<String, BuiltinImpl> into) {
    Path directory = workingDirectory.toAbsolutePath().normalize();
    into.put("shell.run", (a, c) -> {
      String cmd = string(a, "cmd");
      List<String> args = variadicStrings(a, "args");
      String line = String.join(" ", cmd, String.join(" ", args)).strip();
      Duration timeout = duration(a, "timeout", DEFAULT_TIMEOUT);
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException(line + ": `timeout` must be more than 0s");
      }
      if (c.dryRun(Preview.of("run " + line).withTarget(line))) {
        // nothing runs, so nothing is known of its outcome: the empty Result a dry run shows
        return result(0, "", "");
      }
      List<String> argv = new ArrayList<>();
      argv.add(program(directory, cmd));
      argv.addAll(args);
      ProcessRun.Outcome outcome = ProcessRun.run(argv, directory, c, timeout, outputLimit,
          line);
      note(c, line, "stdout", outcome.stdout(), outputLimit);
      note(c, line, "stderr", outcome.stderr(), outputLimit);
      if (outcome.outputLeftOpen()) {
        c.log("shell: " + line + ": exited while a process it left running still holds its"
            + " output; the output read until then is returned");
      }
      String stderr = outcome.stderr().text();
      if (outcome.exit() != 0 && bool(a, "check", true)) {
        String stripped = stderr.strip();
        int newline = stripped.indexOf('\n');
        throw new ShellException(line, "exit status " + outcome.exit()
            + (stripped.isEmpty() ? "" : ": "
                + (newline < 0 ? stripped : stripped.substring(0, newline)).strip()));
      }
      return result(outcome.exit(), outcome.stdout().text(), stderr);
    });
  }

  /** A relative path is the runbook's, not the JVM's; a bare name is looked up on PATH. */
  private static String program(Path directory, String cmd) {
    if (!cmd.contains("/") || Path.of(cmd).isAbsolute()) {
      return cmd;
    }
    return directory.resolve(cmd).normalize().toString();
  }

  private static void note(CallContext c, String line, String stream, OutputCapture output,
      int limit) {
    if (output.truncated()) {
      c.log("shell: " + line + ": " + stream + " cut to its first " + limit + " bytes of "
          + output.total());
    }
  }

  private static Value.Rec result(int exit, String stdout, String stderr) {
    return RecordTypes.result(exit, stdout, stderr);
  }

}
