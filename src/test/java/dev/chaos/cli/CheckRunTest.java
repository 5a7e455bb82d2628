package dev.chaos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaos.check.CheckOptions;
import dev.chaos.diag.Code;
import dev.chaos.diag.Diagnostic;
import dev.chaos.diag.TextRenderer;
import dev.chaos.source.SourceFile;
import dev.chaos.spi.DriverRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `chaos check` on several threads reports exactly what it reports on one. */
class CheckRunTest {
  @TempDir
  Path dir;

  private static final DriverRegistry DRIVERS = DriverRegistry.load();

  private final StringWriter err = new StringWriter();
  private final CliContext context = CliContext.of(new PrintWriter(new StringWriter()),
      new PrintWriter(err), Map.of(), false, () -> DRIVERS);

  /** Mistakes a runbook of the corpus may carry, one line each inside its step. */
  private static final List<String> MISTAKES = List.of(
      "let pods = k8s.podz(backend)",
      "expect slo.p95() < 5",
      "wait 5x",
      "expect k8s.pods(backnd).ready > 0",
      "let unused_$I = 3",
      "record lib_value = lib.threshold + 1s",
      "let s = \"unterminated",
      "k8s.kill_pods(backend, fraction: 130%)",
      "fn every(x) { x }");

  @Test
  void parallelReportEqualsSequentialOnACorpusWithMistakes() throws IOException {
    long seed = new Random().nextLong();
    System.out.println("CheckRunTest seed: " + seed);
    Random random = new Random(seed);
    // A shared module with a mistake of its own (reported once, with the first file to import
    // it), a runbook imported as a module (CH0105 at every import), and the stdlib.
    Files.writeString(dir.resolve("lib.chaos"),
        "let threshold = 5%\nlet broken = undefined_thing + 1\nfn limit() { threshold }\n");
    Files.writeString(dir.resolve("other-runbook.chaos"),
        "runbook \"other\" {\n  environment staging\n  step \"s\" { wait 1s }\n}\n");
    int files = 150;
    for (int i = 0; i < files; i++) {
      StringBuilder text = new StringBuilder();
      text.append("import \"slo\"\nimport \"lib.chaos\"\n");
      if (random.nextInt(10) == 0) {
        text.append("import \"other-runbook.chaos\"\n");
      }
      text.append("runbook \"r").append(i).append("\" {\n  environment staging\n")
          .append("  let backend = k8s.selector(\"ns\", \"tier=backend\")\n")
          .append("  step \"s\" {\n");
      int mistakes = random.nextInt(4);
      for (int m = 0; m < mistakes; m++) {
        text.append("    ").append(MISTAKES.get(random.nextInt(MISTAKES.size()))
            .replace("$I", Integer.toString(i))).append('\n');
      }
      text.append("    wait until k8s.pods(backend).ready > 0 every 1s within 1m\n  }\n}\n");
      Files.writeString(dir.resolve(String.format("r%03d.chaos", i)), text);
    }

    List<SourceFile> sources = read();
    CheckOptions options = new CheckOptions(false);
    List<Diagnostic> sequential = CheckRun.sequential(context, options, sources, false);
    assertThat(sequential).extracting(Diagnostic::code)
        .contains(Code.CH0105).hasSizeGreaterThan(files / 2);
    String expected = render(sequential, sources);
    for (int workers : new int[] {2, 3, 8}) {
      assertThat(render(CheckRun.check(context, options, sources, workers), sources))
          .as("%d workers, seed %d", workers, seed).isEqualTo(expected);
    }
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void anImportCycleIsReportedAsOnOneThread() throws IOException {
    Files.writeString(dir.resolve("a.chaos"), "import \"b.chaos\"\nlet x = b.y\n");
    Files.writeString(dir.resolve("b.chaos"), "import \"a.chaos\"\nlet y = a.x\n");
    Files.writeString(dir.resolve("c.chaos"), "import \"a.chaos\"\nlet z = a.x\n");
    for (int i = 0; i < 40; i++) {
      Files.writeString(dir.resolve("d" + i + ".chaos"), "import \"b.chaos\"\nlet w = b.y\n");
    }
    List<SourceFile> sources = read();
    CheckOptions options = new CheckOptions(false);
    List<Diagnostic> sequential = CheckRun.sequential(context, options, sources, false);
    assertThat(sequential).extracting(Diagnostic::code).contains(Code.CH0102);
    for (int workers : new int[] {2, 4}) {
      assertThat(render(CheckRun.check(context, options, sources, workers), sources))
          .isEqualTo(render(sequential, sources));
    }
  }

  @Test
  void eachWorkerHasItsOwnChecker() throws IOException {
    for (int i = 0; i < 20; i++) {
      Files.writeString(dir.resolve("f" + i + ".chaos"), "let x" + i + " = 1\n");
    }
    List<Thread> threads = new ArrayList<>();
    Function<CheckOptions, SourceChecker> counting = options -> {
      Thread owner = Thread.currentThread();
      synchronized (threads) {
        threads.add(owner);
      }
      return (file, sink, internal) -> assertThat(Thread.currentThread()).isSameAs(owner);
    };
    CheckRun.check(context.withCheckers(counting), new CheckOptions(false), read(), 3);
    assertThat(threads).hasSize(3).doesNotHaveDuplicates();
  }

  private List<SourceFile> read() throws IOException {
    List<SourceFile> sources = new ArrayList<>();
    try (var paths = Files.list(dir)) {
      for (Path p : paths.sorted().toList()) {
        sources.add(new SourceFile(p.toString(), Files.readString(p)));
      }
    }
    return sources;
  }

  private static String render(List<Diagnostic> diagnostics, List<SourceFile> sources) {
    return new TextRenderer(false).render(diagnostics, sources);
  }
}
