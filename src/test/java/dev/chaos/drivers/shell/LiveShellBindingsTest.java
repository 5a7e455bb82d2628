package dev.chaos.drivers.shell;

import static dev.chaos.drivers.shell.ShellCalls.argv;
import static dev.chaos.drivers.shell.ShellCalls.exit;
import static dev.chaos.drivers.shell.ShellCalls.run;
import static dev.chaos.drivers.shell.ShellCalls.stderr;
import static dev.chaos.drivers.shell.ShellCalls.stdout;
import static dev.chaos.drivers.shell.ShellCalls.within;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chaos.drivers.RealClockContext;
import dev.chaos.drivers.RecordTypes;
import dev.chaos.types.Value;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import dev.chaos.spi.Builtin;
import dev.chaos.spi.BuiltinImpl;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `shell.run` with real processes: arguments as given, exit status, outputs, errors. */
class LiveShellBindingsTest {
  private static final Duration BUDGET = Duration.ofSeconds(20);

  @TempDir
  Path dir;

  @Test
  void echoAnswersTheSandboxsResultShape() throws Exception {
    Value result = run(dir, within(BUDGET), argv(List.of("/bin/echo", "hello", "world")));

    Value.Rec record = (Value.Rec) result;
    assertThat(record.typeName()).isEqualTo("Result");
    assertThat(record.fields().keySet())
        .containsExactlyElementsOf(RecordTypes.RESULT.fields().keySet());
    assertThat(exit(result)).isZero();
    assertThat(stdout(result)).isEqualTo("hello world\n");
    assertThat(stderr(result)).isEmpty();
  }

  @Test
  void argumentsArePassedAsTheyAreWithNoShellInBetween() throws Exception {
    Value result = run(dir, within(BUDGET),
        argv(List.of("echo", "$HOME", "*", "a  b", "; rm -rf /", "`id`")));

    assertThat(stdout(result)).isEqualTo("$HOME * a  b ; rm -rf / `id`\n");
  }

  @Test
  void aNonZeroExitIsAResultWithCheckFalse() throws Exception {
    Value result = run(dir, within(BUDGET), argv(List.of("/bin/sh", "-c",
        "echo out; echo err >&2; exit 3"), "check", Value.FALSE));

    assertThat(exit(result)).isEqualTo(3);
    assertThat(stdout(result)).isEqualTo("out\n");
    assertThat(stderr(result)).isEqualTo("err\n");
  }

  @Test
  void aNonZeroExitFailsTheCallByDefaultNamingStderrsFirstLine() {
    assertThatThrownBy(() -> run(dir, within(BUDGET), argv(List.of("/bin/sh", "-c",
        "echo 'drain: no such node' >&2; echo 'second line' >&2; exit 2"))))
        .isInstanceOf(ShellException.class)
        .hasMessage("/bin/sh -c echo 'drain: no such node' >&2; echo 'second line' >&2;"
            + " exit 2: exit status 2: drain: no such node");
  }

  @Test
  void programsRunInTheWorkingDirectoryAndRelativePathsAreFoundThere() throws Exception {
    Path scripts = Files.createDirectories(dir.resolve("scripts"));
    Path script = scripts.resolve("hello.sh");
    Files.writeString(script, "#!/bin/sh\necho \"hello from $(pwd) with $1\"\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));

    Value result = run(dir, within(BUDGET), argv(List.of("./scripts/hello.sh", "arg")));

    assertThat(stdout(result)).isEqualTo("hello from " + dir.toRealPath() + " with arg\n");
  }

  @Test
  void standardInputIsClosed() throws Exception {
    Value result = run(dir, within(BUDGET), argv(List.of("/bin/cat")));

    assertThat(exit(result)).isZero();
    assertThat(stdout(result)).isEmpty();
  }

  @Test
  void aLongOutputIsCutAndTheCutIsSaid() throws Exception {
    RealClockContext context = within(BUDGET);

    Value result = run(dir, 1000, context, argv(List.of("/bin/sh", "-c",
        "head -c 5000 /dev/zero | tr '\\000' x; head -c 3000 /dev/zero | tr '\\000' y >&2")));

    assertThat(stdout(result)).isEqualTo("x".repeat(1000));
    assertThat(stderr(result)).isEqualTo("y".repeat(1000));
    assertThat(context.log).containsExactly(
        "shell: /bin/sh -c head -c 5000 /dev/zero | tr '\\000' x; head -c 3000 /dev/zero"
            + " | tr '\\000' y >&2: stdout cut to its first 1000 bytes of 5000",
        "shell: /bin/sh -c head -c 5000 /dev/zero | tr '\\000' x; head -c 3000 /dev/zero"
            + " | tr '\\000' y >&2: stderr cut to its first 1000 bytes of 3000");
  }

  @Test
  void bothOutputsAreDrainedAtOnceSoAChattyProgramNeverBlocks() throws Exception {
    // 3 MiB on each stream, interleaved: far more than a pipe holds
    Value result = run(dir, within(BUDGET), argv(List.of("/bin/sh", "-c",
        "i=0; while [ $i -lt 48 ]; do head -c 65536 /dev/zero; head -c 65536 /dev/zero >&2;"
            + " i=$((i+1)); done")));

    assertThat(exit(result)).isZero();
    assertThat(stdout(result)).hasSize(LiveShellBindings.OUTPUT_LIMIT);
    assertThat(stderr(result)).hasSize(LiveShellBindings.OUTPUT_LIMIT);
  }

  @Test
  void aMissingProgramIsAOneLineError() throws Exception {
    assertThatThrownBy(() -> run(dir, within(BUDGET),
        argv(List.of("no-such-program-chaos", "x"))))
        .isInstanceOf(ShellException.class)
        .hasMessage("no-such-program-chaos x: no program `no-such-program-chaos` on PATH");
    assertThatThrownBy(() -> run(dir, within(BUDGET), argv(List.of("./missing.sh"))))
        .isInstanceOf(ShellException.class)
        .hasMessage("./missing.sh: no such program: " + dir.toAbsolutePath().normalize()
            .resolve("missing.sh") + " does not exist");
    Path notExecutable = Files.writeString(dir.resolve("plain.sh"), "echo hi\n");
    assertThatThrownBy(() -> run(dir, within(BUDGET), argv(List.of(notExecutable.toString()))))
        .isInstanceOf(ShellException.class)
        .hasMessageContaining("permission denied");
  }

  @Test
  void aDryRunRunsNothing() throws Exception {
    RealClockContext context = new RealClockContext(BUDGET, true);
    Path marker = dir.resolve("ran");

    Value result = run(dir, context, argv(List.of("/bin/sh", "-c", "touch " + marker)));

    assertThat(marker).doesNotExist();
    assertThat(exit(result)).isZero();
    assertThat(stdout(result)).isEmpty();
    assertThat(context.log).containsExactly("dry run: would run /bin/sh -c touch " + marker);
    assertThat(context.previews).hasSize(1);
  }

  @Test
  void aTimeoutThatIsNotPositiveIsRefused() {
    assertThatThrownBy(() -> run(dir, within(BUDGET), argv(List.of("/bin/true"),
        "timeout", Value.duration(Duration.ZERO))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("/bin/true: `timeout` must be more than 0s");
  }

  @Test
  void everyFunctionOfTheTableIsBound() {
    Map<String, BuiltinImpl> impls = new HashMap<>();
    LiveShellBindings.bind(dir, impls);
    assertThat(impls.keySet()).containsExactlyInAnyOrderElementsOf(new ShellDriver()
        .builtins().stream().map(Builtin::qualifiedName).toList());
  }
}
