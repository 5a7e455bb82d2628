package dev.chaos.diag;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaos.source.SourceFile;
import java.util.List;
import org.junit.jupiter.api.Test;

class GithubRendererTest {
  private final GithubRenderer renderer = new GithubRenderer();

  @Test
  void writesOneWorkflowCommandPerDiagnosticWithHelpsInTheMessage() {
    String out = renderer.render(List.of(DiagnosticSamples.unknownFunction()), List.of(DiagnosticSamples.POD_FAILURE));

    assertThat(out).isEqualTo("::error file=runbooks/pod-failure.chaos,line=31,col=5,endLine=31,"
        + "endColumn=17,title=CH0203::unknown function `k8s.kill_pod`: not provided by driver `k8s`"
        + "%0Ahelp: did you mean `k8s.kill_pods`?\n");
  }

  @Test
  void warningsAreWarningsAndMultiLineSpansHaveNoColumns() {
    SourceFile file = new SourceFile("w.chaos", "step \"s\" {\n  x()\n}\n");
    Diagnostic d = Diagnostic.of(Code.CH0602, file.span(0, 17), "duplicate section name `s`");

    assertThat(renderer.render(List.of(d), List.of(file)))
        .isEqualTo("::warning file=w.chaos,line=1,endLine=3,title=CH0602::duplicate section name `s`\n");
  }

  @Test
  void escapesDataAndPropertiesAsTheActionsToolkitDoes() {
    SourceFile file = new SourceFile("dir,x/a:b%.chaos", "let x = 1\n");
    Diagnostic d = Diagnostic.of(Code.CH0301, file.span(8, 9), "100% wrong: a, b\nc\r\nd");

    assertThat(renderer.render(List.of(d), List.of(file))).isEqualTo(
        "::error file=dir%2Cx/a%3Ab%25.chaos,line=1,col=9,endLine=1,endColumn=10,title=CH0301"
            + "::100%25 wrong: a, b%0Ac%0D%0Ad\n");
    assertThat(GithubRenderer.escapeData("%:,\r\n")).isEqualTo("%25:,%0D%0A");
    assertThat(GithubRenderer.escapeProperty("%:,\r\n")).isEqualTo("%25%3A%2C%0D%0A");
  }

  @Test
  void cleanRunPrintsNothing() {
    assertThat(renderer.render(List.of(), List.of(DiagnosticSamples.POD_FAILURE))).isEmpty();
  }
}
