package dev.chaos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real child JVM on a long run receives SIGINT or SIGTERM in the middle of a `wait`: the run
 * stops, `on abort` and undo run, and the process exits 130.
 */
@DisabledOnOs(OS.WINDOWS)
@Timeout(120)
class SignalTest {
  private static final String RUNBOOK = """
      runbook "hold" {
        environment staging
        step "scale" { k8s.scale("deployment", "api", 1) }
        step "hold" { wait 10m }
        on abort { notify.send("aborted: ${abort.reason}") }
      }
      """;

  @TempDir
  Path dir;

  @Test
  void sigintUndoesAndExits130() throws Exception {
    interruptWith("INT");
  }

  @Test
  void sigtermUndoesAndExits130() throws Exception {
    interruptWith("TERM");
  }

  private void interruptWith(String signal) throws Exception {
    Path file = dir.resolve("hold.chaos");
    Files.writeString(file, RUNBOOK);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        SignalChild.class.getName(), "exec", "--sandbox", file.toString(), "--journal",
        dir.resolve("run/journal.jsonl").toString())
        .redirectErrorStream(true).start();
    List<String> lines = new ArrayList<>();
    java.util.concurrent.atomic.AtomicBoolean ignored = new java.util.concurrent.atomic.AtomicBoolean();
    try (BufferedReader out = new BufferedReader(
        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        lines.add(line);
        if (line.contains("wait 10m")) {
          new ProcessBuilder("kill", "-" + signal, Long.toString(child.pid())).start()
              .waitFor(10, TimeUnit.SECONDS);
          // a process started with SIGINT ignored (a background job without job control)
          // cannot handle it: after a while, give up on the child instead of hanging
          Thread watchdog = new Thread(() -> {
            try {
              if (!child.waitFor(30, TimeUnit.SECONDS)) {
                ignored.set(true);
                child.destroyForcibly();
              }
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          });
          watchdog.setDaemon(true);
          watchdog.start();
        }
      }
    }
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String output = String.join("\n", lines);
    Assumptions.assumeFalse(ignored.get() && signal.equals("INT"),
        "SIGINT is ignored in this environment");
    assertThat(child.exitValue()).as(output).isEqualTo(130);
    assertThat(output).contains("SIG" + signal + ": stopping; undo runs before exit",
        "undo: scale back to 3", "interrupted: interrupted (SIG" + signal + ")",
        "calls: [scale 1, notify aborted: interrupted (SIG" + signal + "), unscale]");
    assertThat(Files.readString(dir.resolve("run/journal.jsonl")))
        .contains("\"event\":\"run_finished\",\"outcome\":\"interrupted\"");
  }
}
