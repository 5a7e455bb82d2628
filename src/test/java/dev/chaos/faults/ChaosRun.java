package dev.chaos.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chaos.runtime.JournalReader;
import dev.chaos.runtime.RunEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One `chaos exec --config <the lab's chaos.yaml>` in a JVM of its own (so that it can be sent
 * signals), on a copy of a runbook of src/test/resources/faults in a folder of its own, beside
 * its gate file: the runbooks wait until `gate` reads `go`, so a test decides when they go on.
 * The test waits on the run's journal to reach the point of interest, never on timing.
 */
final class ChaosRun implements AutoCloseable {
  private final Path dir;
  private final Process process;

  private ChaosRun(Path dir, Process process) {
    this.dir = dir;
    this.process = process;
  }

  /** Copies the runbook {@code name} (in src/test/resources/faults) into {@code dir}; runs it. */
  static ChaosRun start(Path dir, String name) throws IOException {
    return start(dir, name, List.of());
  }

  /** As {@link #start(Path, String)}, with {@code jvmOptions} (system properties) for the runner. */
  static ChaosRun start(Path dir, String name, List<String> jvmOptions) throws IOException {
    Files.createDirectories(dir);
    Path runbook = dir.resolve(name);
    try (InputStream in = ChaosRun.class.getResourceAsStream("/faults/" + name)) {
      assertThat(in).as("resource faults/%s", name).isNotNull();
      Files.write(runbook, in.readAllBytes());
    }
    Files.writeString(dir.resolve("gate"), "");
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        // a quick start: the run, not the JIT, is under test
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m"));
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", classPath(), "dev.chaos.cli.Main",
        "exec", "--config", Lab.config().toString(), "--journal", dir.resolve("journal.jsonl")
            .toString(), runbook.toString()));
    Process p = new ProcessBuilder(command).directory(dir.toFile())
        .redirectOutput(dir.resolve("stdout").toFile())
        .redirectError(dir.resolve("stderr").toFile()).start();
    return new ChaosRun(dir, p);
  }

  /** The test JVM's class path (Surefire names it apart when it boots through a jar). */
  private static String classPath() {
    String surefire = System.getProperty("surefire.test.class.path");
    return surefire != null && !surefire.isBlank() ? surefire
        : System.getProperty("java.class.path");
  }

  long pid() {
    return process.pid();
  }

  Path journal() {
    return dir.resolve("journal.jsonl");
  }

  /** Lets the runbook's `wait until file("gate") == "go"` hold. */
  void openGate() throws IOException {
    Path tmp = dir.resolve("gate.tmp");
    Files.writeString(tmp, "go");
    Files.move(tmp, dir.resolve("gate"), java.nio.file.StandardCopyOption.ATOMIC_MOVE,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  /** `kill -s SIGNAL pid`: the signal a shell or an orchestrator sends. */
  void signal(String signal) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-s", signal, Long.toString(pid()))
        .redirectErrorStream(true).start();
    assertThat(kill.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(kill.exitValue()).as("kill -s %s %d", signal, pid()).isZero();
  }

  /** The events written so far (none before the journal exists). */
  List<RunEvent> events() {
    Path journal = journal();
    if (!Files.exists(journal)) {
      return List.of();
    }
    try {
      String text = Files.readString(journal, StandardCharsets.UTF_8);
      if (text.indexOf('\n') < 0) {
        return List.of(); // created, its first line not written yet
      }
      return JournalReader.parse(text, journal.toString()).events();
    } catch (JournalReader.Malformed e) {
      throw new AssertionError(e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits until an event matching {@code what} is in the journal; fails if the run ends first. */
  RunEvent awaitEvent(String description, Predicate<RunEvent> what) {
    RunEvent[] found = new RunEvent[1];
    try {
      await(description).atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(100))
          .until(() -> {
            for (RunEvent e : events()) {
              if (what.test(e)) {
                found[0] = e;
                return true;
              }
            }
            if (!process.isAlive()) {
              throw new AssertionError("the run ended (exit " + process.exitValue()
                  + ") before " + description + "\n" + output());
            }
            return false;
          });
    } catch (org.awaitility.core.ConditionTimeoutException late) {
      throw new AssertionError(late.getMessage() + "\n" + output(), late);
    }
    return found[0];
  }

  /** Waits until the runbook waits on its gate (in a step or an undo block). */
  void awaitGate() {
    awaitEvent("the run waits on its gate", e -> e instanceof RunEvent.WaitUntil w
        && w.condition().contains("gate"));
  }

  /** Waits (bounded) until the run ends; its exit code. */
  int awaitExit() throws InterruptedException {
    if (!process.waitFor(6, TimeUnit.MINUTES)) {
      throw new AssertionError("the run did not end within 6 min\n" + output());
    }
    return process.exitValue();
  }

  String stdout() {
    return read("stdout");
  }

  String stderr() {
    return read("stderr");
  }

  /** stdout and stderr, for the messages of failed assertions. */
  String output() {
    return "--- stdout\n" + stdout() + "--- stderr\n" + stderr();
  }

  private String read(String name) {
    try {
      return Files.readString(dir.resolve(name), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(cannot read " + name + ": " + e.getMessage() + ")";
    }
  }

  /** A run still going when its test ends is killed, so that it does not outlive the test. */
  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }
}
