package dev.chaos.syntax;

import static dev.chaos.syntax.ParserTesting.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chaos.diag.Code;
import dev.chaos.diag.Diagnostic;
import dev.chaos.syntax.ast.Decl;
import dev.chaos.syntax.ast.Expr;
import dev.chaos.syntax.ast.Stmt;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each lexical mistake gives exactly one diagnostic, with its code and a tight span. */
class LexicalErrorsTest {
  /** The single diagnostic of a source. */
  private static Diagnostic only(String source) {
    ParseResult result = parse(source);
    assertThat(result.diagnostics()).as(render(result)).hasSize(1);
    return result.diagnostics().get(0);
  }

  @Test
  void invalidCharacter() {
    Diagnostic d = only("let x = 1;\nlet y = 2\n");
    assertThat(d.code()).isEqualTo(Code.CH0001);
    assertThat(d.span().text()).isEqualTo(";");
    assertThat(d.message()).isEqualTo("invalid character `;`");
    assertThat(d.helps()).containsExactly("statements need no separator: remove the `;`");
    assertThat(only("let x = 1 @@\n").span().text()).isEqualTo("@@");
    Diagnostic hash = only("let x = 1 # a shell-style comment\nlet y = 2\n");
    assertThat(hash.span().text()).isEqualTo("#");
    assertThat(hash.helps()).containsExactly("comments start with `//`");
  }

  @Test
  void unterminatedString() {
    Diagnostic d = only("let x = 1\nlet y = \"abc ${x}");
    assertThat(d.code()).isEqualTo(Code.CH0002);
    assertThat(d.span().text()).isEqualTo("\"");
    assertThat(d.span().startLine()).isEqualTo(2);
    Diagnostic block = only("runbook \"r\" {\n  let m = \"\"\"\n  a: b\n}\n");
    assertThat(block.code()).isEqualTo(Code.CH0002);
    assertThat(block.span().text()).isEqualTo("\"\"\"");
  }

  @Test
  void unterminatedComment() {
    Diagnostic d = only("runbook \"r\" {\n  /* the rest\n  step \"s\" { }\n}\n");
    assertThat(d.code()).isEqualTo(Code.CH0003);
    assertThat(d.span().text()).isEqualTo("/*");
    assertThat(d.span().startLine()).isEqualTo(2);
  }

  @Test
  void invalidEscape() {
    Diagnostic d = only("let x = \"a\\qb\"\n");
    assertThat(d.code()).isEqualTo(Code.CH0004);
    assertThat(d.span().text()).isEqualTo("\\q");
    assertThat(only("let x = \"a\\").code()).isEqualTo(Code.CH0002);
  }

  @Test
  void numberGluedToLettersIsOneToken() {
    Diagnostic d = only("runbook \"r\" {\n  max_duration 10min\n}\n");
    assertThat(d.code()).isEqualTo(Code.CH0005);
    assertThat(d.message()).isEqualTo("`10min` is not a duration: write a number and a unit (ms, s,"
        + " m, h or d), largest unit first, e.g. `500ms` or `1m30s`; did you mean `10m`?");
    assertThat(d.span().text()).isEqualTo("10min");
    assertThat(d.helps()).containsExactly("write `10m`");
    assertThat(only("let x = 1m30\n").helps()).containsExactly("write `1m30s`");
    assertThat(only("let x = 5xyz\n").helps()).isEmpty();
    Expr value = ((Decl.Let) parse("let x = 10min\n").program().decls().get(0)).value();
    assertThat(value).isInstanceOf(Expr.Error.class);
  }

  /** `30s1m` lexes as a duration, but not one the language reads: CH0008, not CH0005. */
  @Test
  void durationUnitsOutOfOrder() {
    Diagnostic d = only("let x = 30s1m\n");
    assertThat(d.code()).isEqualTo(Code.CH0008);
    assertThat(d.span().text()).isEqualTo("30s1m");
    assertThat(d.label()).isEqualTo("units out of order");
    assertThat(d.helps()).containsExactly("write `1m30s`");
    assertThat(only("let x = 1m1m\n").helps()).containsExactly("write `2m`");
    Expr value = ((Decl.Let) parse("let x = 10min\n").program().decls().get(0)).value();
    assertThat(value).isInstanceOf(Expr.Error.class);
  }

  @Test
  void invalidTimeOfDay() {
    for (String bad : new String[] {"24:00", "12:60", "2:00", "02:0", "123:00"}) {
      Diagnostic d = only("runbook \"r\" {\n  window " + bad + " to 06:00\n}\n");
      assertThat(d.code()).as(bad).isEqualTo(Code.CH0006);
      assertThat(d.span().text()).isEqualTo(bad);
    }
  }

  @Test
  void lineBreakInStringIsReportedOnItsLineAndParsingGoesOn() {
    ParseResult result = parse("runbook \"r\" {\n  step \"s\" {\n    log \"hello\n    wait 1s\n  }\n}\n");
    assertThat(result.diagnostics()).as(render(result)).hasSize(1);
    Diagnostic d = result.diagnostics().get(0);
    assertThat(d.code()).isEqualTo(Code.CH0007);
    assertThat(d.span().startLine()).isEqualTo(3);
    assertThat(d.span().text()).isEqualTo("\"hello");
    Decl.Runbook runbook = (Decl.Runbook) result.program().decls().get(0);
    assertThat(((dev.chaos.syntax.ast.Member.Step) runbook.members().get(0)).body().statements()).hasSize(2);
  }

  @Test
  void textMeantToGoOnOverLinesIsOneDiagnostic() {
    for (String tail : List.of("second line\"", "second line\n  third line\"", "second line\"\n")) {
      String text = "runbook \"r\" {\n  step \"s\" {\n    log \"first line\n" + tail + "\n    wait 1s\n  }\n}\n";
      ParseResult result = parse(text);
      assertThat(codes(result)).as(render(result)).containsExactly(Code.CH0007);
      Decl.Runbook runbook = (Decl.Runbook) result.program().decls().get(0);
      List<Stmt> body = ((dev.chaos.syntax.ast.Member.Step) runbook.members().get(0)).body().statements();
      assertThat(body).extracting(Stmt::kind).containsExactly(Stmt.Kind.LOG, Stmt.Kind.WAIT);
    }
    // at the end of the file, with no line break after the closing quote
    assertThat(codes(parse("let s = \"first\nsecond\""))).containsExactly(Code.CH0007);
  }

  @Test
  void codeAfterAnUnclosedStringIsStillRead() {
    // a second string on a later line that is closed, or broken with text in it, ends no tail
    for (String next : List.of("log \"closed\"", "log \"also broken", "if ready() { log \"x\" }")) {
      String text = "runbook \"r\" {\n  step \"s\" {\n    log \"oops\n    " + next + "\n  }\n}\n";
      ParseResult result = parse(text);
      Decl.Runbook runbook = (Decl.Runbook) result.program().decls().get(0);
      List<Stmt> body = ((dev.chaos.syntax.ast.Member.Step) runbook.members().get(0)).body().statements();
      assertThat(body).as(next).hasSize(2);
      assertThat(codes(result)).as(render(result)).allMatch(c -> c == Code.CH0007);
    }
  }

  @Test
  void chainedComparison() {
    Diagnostic d = only("let x = a < b < c\n");
    assertThat(d.code()).isEqualTo(Code.CH0013);
    assertThat(d.span().text()).isEqualTo("<");
    assertThat(d.span().startColumn()).isEqualTo(15);
    assertThat(d.helps()).containsExactly("split the comparison: `a < b and b < c`");
    assertThat(only("let x = a == b != c <= d\n").code()).isEqualTo(Code.CH0013);
    parseClean("let x = (a < b) == c\n");
  }

  @Test
  void outOfRangeNumbers() {
    assertThat(only("let x = 99999999999999999999\n").code()).isEqualTo(Code.CH0307);
    assertThat(only("let x = 99999999999999999d\n").code()).isEqualTo(Code.CH0307);
  }

  @Test
  void charactersOutsideTheBasicPlaneKeepCharOffsets() {
    ParseResult result = parse("let s = \"\uD83D\uDE00\" let x = 1;");
    assertThat(result.diagnostics()).hasSize(1);
    assertThat(result.diagnostics().get(0).span().text()).isEqualTo(";");
    Decl.Let let = (Decl.Let) result.program().decls().get(1);
    assertThat(let.span().text()).isEqualTo("let x = 1");
  }
}
