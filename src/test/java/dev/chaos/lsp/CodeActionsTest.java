package dev.chaos.lsp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each mechanical help of `chaos check` is a quick fix; applied, the diagnostic is gone. */
class CodeActionsTest {
  @TempDir
  Path dir;

  private String fixed(String original, String mistake, String title) throws IOException {
    String text = FeaturesFixture.RUNBOOK.replace(original, mistake);
    FeaturesFixture fixture = new FeaturesFixture(dir);
    Analysis analysis = fixture.analysis(text);
    assertThat(analysis.diagnostics()).isNotEmpty();
    List<CodeAction> actions = CodeActions.in(analysis,
        new Range(new Position(0, 0), new Position(1000, 0))).stream()
        .map(e -> e.getRight()).toList();
    assertThat(actions).extracting(CodeAction::getTitle).containsExactly(title);
    TextEdit edit = actions.get(0).getEdit().getChanges().get(analysis.uri()).get(0);
    int start = Positions.offset(analysis.source(), edit.getRange().getStart());
    int end = Positions.offset(analysis.source(), edit.getRange().getEnd());
    String after = text.substring(0, start) + edit.getNewText() + text.substring(end);
    assertThat(fixture.analysis(after).diagnostics()).isEmpty();
    return after;
  }

  /**
   * Over every test input: each fix, applied alone, removes the diagnostic it fixes (no
   * diagnostic of that code is left where it was) and brings no new syntax error. (A "did you
   * mean" may still name something of another kind: `when` -> `len` is then a function.)
   */
  @Test
  void everyFixOfEveryTestInputFixesItsDiagnostic() throws IOException {
    List<Path> files;
    try (java.util.stream.Stream<Path> walk = java.nio.file.Files.walk(Path.of("src/test/resources"))) {
      files = walk.filter(p -> p.toString().endsWith(".chaos")).sorted().toList();
    }
    Analyzer analyzer = LspFixtures.analyzer();
    int fixes = 0;
    for (Path file : files) {
      Path absolute = file.toAbsolutePath().normalize();
      String uri = absolute.toUri().toString();
      String text = java.nio.file.Files.readString(absolute);
      Analysis analysis = analyzer.analyze(uri, 1, text);
      for (dev.chaos.diag.Diagnostic d : analysis.diagnostics()) {
        for (dev.chaos.diag.Fix fix : d.fixes()) {
          fixes++;
          String after = text.substring(0, fix.span().start()) + fix.replacement()
              + text.substring(fix.span().end());
          List<dev.chaos.diag.Diagnostic> now = analyzer.analyze(uri, 2, after).diagnostics();
          assertThat(now).as("%s: %s fixed by %s", file, d.message(), fix.replacement())
              .noneMatch(n -> n.code() == d.code() && n.span().start() == d.span().start());
          java.util.Set<String> before = analysis.diagnostics().stream()
              .map(x -> x.code().name()).collect(java.util.stream.Collectors.toSet());
          assertThat(now).as("%s: %s fixed by %s", file, d.message(), fix.replacement())
              .allMatch(n -> !n.code().name().startsWith("CH00") || before.contains(n.code().name()));
        }
      }
    }
    System.out.println("fixes checked: " + fixes);
    assertThat(fixes).isGreaterThan(10);
  }

  @Test
  void aMisspelledDriverFunction() throws IOException {
    assertThat(fixed("k8s.kill_pods(", "k8s.kill_pod(", "replace with `k8s.kill_pods`"))
        .isEqualTo(FeaturesFixture.RUNBOOK);
  }

  @Test
  void aMisspelledNameAndNamedArgument() throws IOException {
    fixed("kill_pods(backend,", "kill_pods(bakend,", "replace with `backend`");
    fixed("fraction: 30%", "fractoin: 30%", "replace with `fraction`");
  }

  @Test
  void aMisspelledKeyword() throws IOException {
    fixed("  guard \"errors\"", "  gaurd \"errors\"", "replace with `guard`");
  }

  @Test
  void aNumberWithoutItsUnit() throws IOException {
    fixed("every 5s", "every 5", "replace with `5s`");
    fixed("< 5%", "< 5", "replace with `5%`");
  }
}
