package dev.chaos.ci;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * ci/chaos-outcome.sh names every exit code of the contract (docs/cli.md) per command, passes
 * the code on unless its outcome is allowed, writes the dotenv file, and passes SIGTERM on to
 * chaos so that a cancelled job's run still undoes. `$CHAOS` is a stand-in script here: what
 * is tested is the wrapper; the real commands are run by CiStepsRunHereTest.
 */
@Timeout(120)
class ChaosOutcomeScriptTest {
  @TempDir
  Path dir;

  @Test
  void everyExitCodeHasItsNameForItsCommand() throws Exception {
    Map<String, String> exec = Map.of("0", "ok", "1", "hypothesis_failed", "2", "refused",
        "3", "precondition_failed", "4", "aborted", "5", "undo_failed", "6", "not_recovered",
        "130", "interrupted", "137", "unknown");
    for (var expected : exec.entrySet()) {
      ChaosProcess.Result r = exiting(expected.getKey(), Map.of(), "exec", "a.chaos");
      assertThat(r.outcome()).as("exec exit " + expected.getKey()).isEqualTo(expected.getValue());
      assertThat(r.exitCode()).isEqualTo(Integer.parseInt(expected.getKey()));
      assertThat(r.githubOutput()).contains("exit-code=" + expected.getKey() + "\n");
    }
    assertThat(exiting("1", Map.of(), "check", "runbooks/").outcome()).isEqualTo("check_failed");
    assertThat(exiting("1", Map.of(), "fmt", "--check").outcome()).isEqualTo("failed");
    assertThat(exiting("2", Map.of(), "check", "nope/").outcome()).isEqualTo("refused");
  }

  @Test
  void anAllowedOutcomeExitsZeroAndTheOthersKeepTheirCode() throws Exception {
    Map<String, String> allowed = Map.of("CHAOS_OK_OUTCOMES", "ok check_failed");
    assertThat(exiting("1", allowed, "check", "runbooks/").exitCode()).isZero();
    assertThat(exiting("2", allowed, "check", "runbooks/").exitCode()).isEqualTo(2);
  }

  @Test
  void theDotenvFileNamesTheOutcomeForGitlab() throws Exception {
    exiting("5", Map.of("CHAOS_OUTCOME_FILE", dir.resolve("outcome.env").toString()), "exec", "a.chaos");
    assertThat(dir.resolve("outcome.env")).hasContent("CHAOS_OUTCOME=undo_failed\nCHAOS_EXIT_CODE=5");
  }

  @Test
  void aCancelledJobStopsChaosWhichUndoesAndSaysInterrupted() throws Exception {
    // the stand-in behaves as chaos exec on SIGTERM: it finishes (undo) and exits 130
    Path undone = dir.resolve("undone");
    Path started = dir.resolve("started");
    Path chaos = script("trap 'kill $! 2>/dev/null; touch " + undone + "; exit 130' TERM\ntouch " + started
        + "\nsleep 60 &\nwait\nexit 0\n");
    ProcessBuilder builder = new ProcessBuilder(CiFiles.WRAPPER.toString(), "exec", "a.chaos")
        .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("output").toFile());
    builder.environment().put("CHAOS", chaos.toString());
    builder.environment().remove("GITHUB_OUTPUT");
    builder.environment().remove("GITHUB_STEP_SUMMARY");
    Process wrapper = builder.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!Files.exists(started) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(started).exists();
    wrapper.destroy(); // SIGTERM, as a runner cancelling the job sends it
    assertThat(wrapper.waitFor(30, TimeUnit.SECONDS)).as("the wrapper ends with chaos").isTrue();
    String output = Files.readString(dir.resolve("output"));
    assertThat(undone).as(output).exists();
    assertThat(wrapper.exitValue()).isEqualTo(130);
    assertThat(output).contains("chaos-outcome: interrupted (exit 130)");
  }

  /** The wrapper running a stand-in chaos that exits {@code code}. */
  private ChaosProcess.Result exiting(String code, Map<String, String> env, String... args) throws Exception {
    return ChaosProcess.of(Files.createTempDirectory(dir, "work"), script("exit " + code + "\n"))
        .run(env, List.of(args));
  }

  private Path script(String body) throws Exception {
    Path file = Files.createTempFile(dir, "chaos", ".sh");
    Files.writeString(file, "#!/bin/sh\n" + body);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    return file;
  }
}
