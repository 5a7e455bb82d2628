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
