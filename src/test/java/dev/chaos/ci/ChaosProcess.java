package dev.chaos.ci;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a CI step's `chaos` command here as the CI system would: through ci/chaos-outcome.sh,
 * in a working directory of its own, with `$CHAOS` a launcher of `dev.chaos.cli.Main` on the
 * test class path (so no packaged jar is needed), and `$GITHUB_OUTPUT` and
 * `$GITHUB_STEP_SUMMARY` files to read the outcome from.
 */
final class ChaosProcess {
  record Result(int exitCode, String out, String err, String githubOutput, String summary) {
    /** The `outcome=` the wrapper wrote to `$GITHUB_OUTPUT`. */
    String outcome() {
      return githubOutput.lines().filter(l -> l.startsWith("outcome=")).map(l -> l.substring(8))
          .findFirst().orElse("");
    }

    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
    }
  }

  private final Path work;
  private final Path launcher;
  private int runs;

  private ChaosProcess(Path work, Path launcher) {
    this.work = work;
    this.launcher = launcher;
  }

  /** `$CHAOS` runs `dev.chaos.cli.Main` of the test class path. */
  static ChaosProcess ofMain(Path work) throws IOException {
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path launcher = work.resolve(".chaos-launcher");
    Files.writeString(launcher, "#!/bin/sh\nexec " + quote(java)
        + " -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx256m -cp " + quote(classPath)
        + " dev.chaos.cli.Main \"$@\"\n");
    Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
    return new ChaosProcess(work, launcher);
  }

  /** `$CHAOS` is {@code chaos}, a stand-in. */
  static ChaosProcess of(Path work, Path chaos) {
    return new ChaosProcess(work, chaos);
  }

  Path work() {
    return work;
  }

  /** The wrapper running `chaos ARGS`, with {@code env} added to its environment. */
  Result run(Map<String, String> env, List<String> args) throws Exception {
    int n = ++runs;
    Path out = work.resolve(".out-" + n);
    Path err = work.resolve(".err-" + n);
    Path githubOutput = work.resolve(".github-output-" + n);
    Path summary = work.resolve(".summary-" + n);
    Files.createFile(githubOutput);
    Files.createFile(summary);
    List<String> command = new ArrayList<>(List.of(CiFiles.WRAPPER.toString()));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().keySet().removeIf(k -> k.startsWith("GITHUB_") || k.startsWith("CHAOS"));
    builder.environment().putAll(env);
    builder.environment().put("CHAOS", launcher.toString());
    builder.environment().put("GITHUB_OUTPUT", githubOutput.toString());
    builder.environment().put("GITHUB_STEP_SUMMARY", summary.toString());
    Process p = builder.start();
    if (!p.waitFor(3, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("chaos " + args + " did not end within 3 minutes");
    }
    return new Result(p.exitValue(), Files.readString(out), Files.readString(err),
        Files.readString(githubOutput), Files.readString(summary));
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }
}
