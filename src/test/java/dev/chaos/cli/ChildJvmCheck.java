package dev.chaos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * `chaos check runbooks/pod-failure.chaos` in a JVM of its own, with logging options, for the
 * tests of what a check's start-up loads: the test JVM has loaded everything already.
 */
public final class ChildJvmCheck {
  private ChildJvmCheck() {}

  /** The check's stdout and stderr with the JVM's log, after asserting it passed. */
  public static String output(String... jvmOptions) throws Exception {
    String surefire = System.getProperty("surefire.test.class.path");
    String classPath = surefire != null && !surefire.isBlank() ? surefire
        : System.getProperty("java.class.path");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xshare:off"); // every class is loaded and initialised in the log, none mapped
    command.addAll(List.of(jvmOptions));
    command.addAll(List.of("-cp", classPath, "dev.chaos.cli.Main", "check",
        "runbooks/pod-failure.chaos"));
    Process check = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(check.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(check.exitValue()).as(output).isZero();
    return output;
  }
}
