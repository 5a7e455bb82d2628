package dev.chaos.diag;

import static dev.chaos.diag.DiagnosticSamples.span;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chaos.source.SourceFile;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextRendererTest {
  private final TextRenderer plain = new TextRenderer(false);

  @Test
  void rendersTheContractExampleExactly() {
    String out = plain.render(List.of(DiagnosticSamples.unknownFunction()), List.of(DiagnosticSamples.POD_FAILURE));

    assertThat(out).isEqualTo("""
        error[CH0203]: unknown function `k8s.kill_pod`
          --> runbooks/pod-failure.chaos:31:5
           |
        31 |     k8s.kill_pod(backend, fraction: 30%)
           |     ^^^^^^^^^^^^ not provided by driver `k8s`
           = help: did you mean `k8s.kill_pods`?

        error: 1 error (checked 1 file)
        """);
  }

  @Test
  void aSecondPlaceIsShownUnderlinedWithDashes() {
    String out = plain.render(List.of(DiagnosticSamples.definedTwice()), List.of(DiagnosticSamples.TWICE));

    assertThat(out).isEqualTo("""
        error[CH0211]: `limit` is defined twice
         --> a.chaos:3:5
          |
        3 | let limit = 6%
          |     ^^^^^ `limit` was first defined on line 1
          |
         ::: a.chaos:1:5
          |
        1 | let limit = 5%
          |     ----- first defined here
          = help: rename one of them

        error: 1 error (checked 1 file)
        """);
  }

  @Test
  void gutterFollowsTheLineNumber() {
    SourceFile file = new SourceFile("a.chaos", "x\n".repeat(99) + "bad\n");
    Diagnostic d = Diagnostic.of(Code.CH0201, span(file, "bad"), "undefined name `bad`");

    assertThat(plain.renderOne(d)).isEqualTo("""
        error[CH0201]: undefined name `bad`
           --> a.chaos:100:1
            |
        100 | bad
            | ^^^
        """);
  }

  @Test
  void expandsTabsSoCaretsLineUp() {
    SourceFile file = new SourceFile("t.chaos", "\tlet a\t= nme\n");
    Diagnostic d = Diagnostic.of(Code.CH0201, span(file, "nme"), "undefined name `nme`")
        .withLabel("not found");

    assertThat(plain.renderOne(d)).isEqualTo("""
        error[CH0201]: undefined name `nme`
         --> t.chaos:1:10
          |
        1 |     let a   = nme
          |               ^^^ not found
        """);
  }

  @Test
  void multiLineSpanUnderlinesTheFirstLineToItsEnd() {
    SourceFile file = new SourceFile("m.chaos", "step \"kill\" {\n  k8s.kill_pods(x)\n}\n");
    Diagnostic d = Diagnostic.of(Code.CH0403, span(file, "step \"kill\" {\n  k8s.kill_pods(x)\n}"),
        "step `kill` mutates but has no undo").withLabel("this step");

    assertThat(plain.renderOne(d)).isEqualTo("""
        error[CH0403]: step `kill` mutates but has no undo
         --> m.chaos:1:1
          |
        1 | step "kill" {
          | ^^^^^^^^^^^^^... this step
        """);
  }

  @Test
  void spanEndingWithTheLineBreakStaysOnOneLine() {
    SourceFile file = new SourceFile("n.chaos", "wait 5\nnext\n");
    Diagnostic d = Diagnostic.of(Code.CH0010, file.span(5, 7), "syntax error");

    assertThat(plain.renderOne(d)).contains("1 | wait 5\n  |      ^\n").doesNotContain("...");
  }

  @Test
  void zeroWidthSpanGetsOneCaret() {
    SourceFile file = new SourceFile("z.chaos", "let a = \n");
    Diagnostic atEndOfLine = Diagnostic.of(Code.CH0010, file.span(8, 8), "expected an expression");
    Diagnostic atEndOfFile = Diagnostic.of(Code.CH0010, file.span(9, 9), "unexpected end of file");

    assertThat(plain.renderOne(atEndOfLine)).endsWith("1 | let a = \n  |         ^\n");
    assertThat(plain.renderOne(atEndOfFile)).isEqualTo("""
        error[CH0010]: unexpected end of file
         --> z.chaos:2:1
          |
        2 |
          | ^
        """);
  }

  @Test
  void crlfLineBreaksAreNotShown() {
    SourceFile file = new SourceFile("w.chaos", "a\r\nbad\r\n");
    Diagnostic d = Diagnostic.of(Code.CH0201, span(file, "bad"), "undefined name `bad`");

    assertThat(plain.renderOne(d)).contains("2 | bad\n  | ^^^\n").doesNotContain("\r");
  }

  @Test
  void wideCharactersTakeTwoColumnsAndOthersOne() {
    SourceFile emoji = new SourceFile("u.chaos", "log \"\uD83D\uDE00\" + bad\n");
    SourceFile accented = new SourceFile("v.chaos", "log \"\u00E9t\u00E9\" + bad\n");
    SourceFile cjk = new SourceFile("w.chaos", "log \"\u969C\u5BB3\" + bad\n");

    assertThat(plain.renderOne(undefinedBad(emoji))).contains("  |            ^^^\n");
    assertThat(plain.renderOne(undefinedBad(accented))).contains("  |             ^^^\n");
    assertThat(plain.renderOne(undefinedBad(cjk))).contains("  |              ^^^\n");
  }

  private static Diagnostic undefinedBad(SourceFile file) {
    return Diagnostic.of(Code.CH0201, span(file, "bad"), "undefined name `bad`");
  }

  @Test
  void replacesControlCharactersSoTheTerminalIsSafe() {
    SourceFile file = new SourceFile("c.chaos", "x\u001B[2J = 1\n");
    Diagnostic d = Diagnostic.of(Code.CH0001, file.span(1, 2), "invalid character `\u001B`");

    assertThat(plain.renderOne(d)).doesNotContain("\u001B").contains("`\uFFFD`")
        .contains("1 | x\uFFFD[2J = 1\n  |  ^\n");
  }

  @Test
  void warningsHaveTheirOwnHeaderAndSeveralHelpsEachGetALine() {
    SourceFile file = new SourceFile("w.chaos", "let unused = 1\n");
    Diagnostic d = Diagnostic.of(Code.CH0601, span(file, "unused"), "unused let `unused`")
        .withHelp("remove it").withHelp("or prefix it with `_`");

    assertThat(plain.renderOne(d)).isEqualTo("""
        warning[CH0601]: unused let `unused`
         --> w.chaos:1:5
          |
        1 | let unused = 1
          |     ^^^^^^
          = help: remove it
          = help: or prefix it with `_`
        """);
  }

  @Test
  void summaryCountsErrorsWarningsAndFiles() {
    SourceFile file = new SourceFile("s.chaos", "a b c\n");
    Diagnostic error = Diagnostic.of(Code.CH0201, file.span(0, 1), "undefined name `a`");
    Diagnostic warning = Diagnostic.of(Code.CH0601, file.span(2, 3), "unused let `b`");
    Diagnostic warning2 = Diagnostic.of(Code.CH0601, file.span(4, 5), "unused let `c`");

    assertThat(plain.summary(List.of(), 3)).isEqualTo("checked 3 files: no problems");
    assertThat(plain.summary(List.of(), 1)).isEqualTo("checked 1 file: no problems");
    assertThat(plain.summary(List.of(error), 1)).isEqualTo("error: 1 error (checked 1 file)");
    assertThat(plain.summary(List.of(warning), 2)).isEqualTo("warning: 1 warning (checked 2 files)");
    assertThat(plain.summary(List.of(error, error, warning, warning2), 3))
        .isEqualTo("error: 2 errors, 2 warnings (checked 3 files)");
  }

  @Test
  void cleanRunPrintsOnlyTheSummary() {
    assertThat(plain.render(List.of(), List.of(DiagnosticSamples.POD_FAILURE)))
        .isEqualTo("checked 1 file: no problems\n");
  }

  @Test
  void colourOnlyWhenAsked() {
    TextRenderer coloured = new TextRenderer(true);
    String out = coloured.render(List.of(DiagnosticSamples.unknownFunction()), List.of(DiagnosticSamples.POD_FAILURE));

    assertThat(out)
        .startsWith("\u001B[1;31merror[CH0203]\u001B[0m\u001B[1m: unknown function `k8s.kill_pod`\u001B[0m\n")
        .contains("\u001B[1;34m31 |\u001B[0m     k8s.kill_pod")
        .contains("\u001B[1;31m^^^^^^^^^^^^ not provided by driver `k8s`\u001B[0m")
        .contains("\u001B[1;34m=\u001B[0m \u001B[1mhelp\u001B[0m: did you mean")
        .endsWith("\u001B[1;31merror\u001B[0m\u001B[1m: 1 error (checked 1 file)\u001B[0m\n");
    SourceFile file = new SourceFile("w.chaos", "let unused = 1\n");
    Diagnostic warning = Diagnostic.of(Code.CH0601, span(file, "unused"), "unused let `unused`");
    assertThat(coloured.renderOne(warning)).startsWith("\u001B[1;33mwarning[CH0601]\u001B[0m");
    assertThat(plain.render(List.of(DiagnosticSamples.unknownFunction()), List.of())).doesNotContain("\u001B");
  }
}
