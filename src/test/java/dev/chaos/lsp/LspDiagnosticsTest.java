package dev.chaos.lsp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaos.diag.Code;
import dev.chaos.diag.Diagnostic;
import dev.chaos.source.SourceFile;
import java.util.List;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.DiagnosticTag;
import org.eclipse.lsp4j.Position;
import org.junit.jupiter.api.Test;

/** A diagnostic as the protocol carries it: code, severity, range, text, related places. */
class LspDiagnosticsTest {
  private final SourceFile file = new SourceFile("/tmp/x.chaos", "let a = 1\nlet a = 2\n");

  @Test
  void codeSeverityRangeAndText() {
    Diagnostic d = new Diagnostic(Code.CH0203, Code.CH0203.severity(), file.span(14, 15),
        "unknown function `k8s.kill_pod`", "not provided by driver `k8s`",
        List.of("did you mean `k8s.kill_pods`?")).withRelated(file.span(4, 5), "first defined here");
    org.eclipse.lsp4j.Diagnostic lsp = LspDiagnostics.of(d);
    assertThat(lsp.getCode().getLeft()).isEqualTo("CH0203");
    assertThat(lsp.getSource()).isEqualTo("chaos");
    assertThat(lsp.getSeverity()).isEqualTo(DiagnosticSeverity.Error);
    assertThat(lsp.getRange().getStart()).isEqualTo(new Position(1, 4));
    assertThat(lsp.getMessage()).isEqualTo("unknown function `k8s.kill_pod`: not provided by "
        + "driver `k8s`\nhelp: did you mean `k8s.kill_pods`?");
    assertThat(lsp.getRelatedInformation()).singleElement().satisfies(r -> {
      assertThat(r.getMessage()).isEqualTo("first defined here");
      assertThat(r.getLocation().getUri()).isEqualTo("file:///tmp/x.chaos");
      assertThat(r.getLocation().getRange().getStart()).isEqualTo(new Position(0, 4));
    });
    assertThat(lsp.getTags()).isNull();
  }

  @Test
  void anUnusedLetIsAWarningGreyedOut() {
    org.eclipse.lsp4j.Diagnostic lsp = LspDiagnostics.of(
        Diagnostic.of(Code.CH0601, file.span(4, 5), "unused let `a`"));
    assertThat(lsp.getSeverity()).isEqualTo(DiagnosticSeverity.Warning);
    assertThat(lsp.getTags()).containsExactly(DiagnosticTag.Unnecessary);
  }
}
