package dev.chaos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The check that bypasses picocli prints and exits exactly as picocli's `check` does. */
class CheckFastPathTest {
  @TempDir
  Path dir;

  private record Outcome(int exitCode, String out, String err) {}

  private static Outcome picocli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Cli.create(new PrintWriter(out), new PrintWriter(err), false).execute(args);
    return new Outcome(code, out.toString(), err.toString());
  }

  private static Outcome fast(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Integer code = CheckFastPath.run(args, new PrintWriter(out), new PrintWriter(err), false);
    assertThat(code).as("fast path taken for %s", String.join(" ", args)).isNotNull();
    return new Outcome(code, out.toString(), err.toString());
  }

  @Test
  void plainChecksGiveWhatPicocliGives() throws IOException {
    Path clean = Files.writeString(dir.resolve("clean.chaos"), "let x = 1\nfn f() { x }\n");
    Path warning = Files.writeString(dir.resolve("warn.chaos"), "import \"slo\"\n");
    Path broken = Files.writeString(dir.resolve("broken.chaos"),
        "runbook \"r\" {\n  environment staging\n  step \"s\" { wait 5x\n expect nme > 1 }\n}\n");
    Files.write(dir.resolve("binary.chaos"), new byte[] {'a', 0, 'b'});
    String[][] cases = {
        {"check", clean.toString()},
        {"check", "-q", clean.toString()},
        {"check", warning.toString()},
        {"check", "--strict", warning.toString()},
        {"check", "--quiet", "--strict", broken.toString(), clean.toString()},
        {"check", broken.toString(), "-v"},
        {"check", dir.resolve("missing.chaos").toString(), clean.toString()},
        {"check", dir.resolve("binary.chaos").toString()},
        {"check", dir.toString()},
    };
    for (String[] args : cases) {
      assertThat(fast(args)).as(String.join(" ", args)).isEqualTo(picocli(args));
    }
  }

  @Test
  void anythingElseIsLeftToPicocli() {
    String[][] cases = {
        {}, {"exec", "x.chaos"}, {"check", "--help"}, {"check", "-h"}, {"check", "--format", "json"},
        {"check", "-q", "-q"}, {"check", "-qv", "x"}, {"check", "--", "x"}, {"check", "@args"},
        {"check", ""}, {"check", "--as=prod", "x"}, {"check", "--strict", "--strict"},
        {"check", "--unknown"}, {"check", "-"},
    };
    for (String[] args : cases) {
      assertThat(CheckFastPath.run(args, new PrintWriter(new StringWriter()),
          new PrintWriter(new StringWriter()), false)).as(String.join(" ", args)).isNull();
    }
  }
}
