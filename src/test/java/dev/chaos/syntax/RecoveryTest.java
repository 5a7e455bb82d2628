package dev.chaos.syntax;

import static dev.chaos.syntax.ParserTesting.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chaos.diag.Code;
import dev.chaos.diag.Diagnostic;
import dev.chaos.syntax.ast.Decl;
import dev.chaos.syntax.ast.Expr;
import dev.chaos.syntax.ast.Member;
import dev.chaos.syntax.ast.Stmt;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Syntax errors read well, misspelled keywords are named, and one mistake stays one message. */
class RecoveryTest {
  private static final String HEADER = "runbook \"r\" {\n  title \"t\"\n";

  @Test
  void misspelledSectionIsOneDiagnosticAndALaterErrorIsStillReported() {
    ParseResult result = parse(HEADER
        + "  gaurd \"error rate\" every 5s {\n    expect slo.error_rate() < 5%\n  }\n"
        + "  step \"kill\" {\n    k8s.kill_pods(backend fraction: 30%)\n  }\n"
        + "  verify \"v\" { expect ok() }\n}\n");
    assertThat(result.diagnostics()).as(render(result)).hasSize(2);
    Diagnostic typo = result.diagnostics().get(0);
    assertThat(typo.code()).isEqualTo(Code.CH0011);
    assertThat(typo.message()).isEqualTo("unknown section `gaurd`");
    assertThat(typo.span().text()).isEqualTo("gaurd");
    assertThat(typo.helps()).containsExactly("did you mean `guard`?");
    Diagnostic later = result.diagnostics().get(1);
    assertThat(later.code()).isEqualTo(Code.CH0010);
    assertThat(later.message()).isEqualTo("expected `)` or `,`, found `fraction`");
    assertThat(later.span().startLine()).isEqualTo(7);

    // The misspelled section is still read as a guard, so its body gets checked too.
    Decl.Runbook runbook = (Decl.Runbook) result.program().decls().get(0);
    assertThat(runbook.members()).extracting(Member::kind).containsExactly(
        Member.Kind.ATTRIBUTE, Member.Kind.GUARD, Member.Kind.STEP, Member.Kind.VERIFY);
  }

  @Test
  void aMissingOpeningBraceIsConjuredWhenAClosingOneLaterClosesNothing() {
    ParseResult result = parse(HEADER + "  step \"s\"\n    wait 1s\n    f()\n  }\n"
        + "  guard \"g\" every 5s\n    expect ok()\n  }\n}\n");
    assertThat(result.diagnostics()).as(render(result)).hasSize(2);
    assertThat(result.diagnostics()).extracting(Diagnostic::message)
        .containsExactly("expected `{`, found `wait`", "expected `{`, found `expect`");
    assertThat(result.diagnostics().get(0).helps()).containsExactly("add `{` at the end of line 3");
    Decl.Runbook runbook = (Decl.Runbook) result.program().decls().get(0);
    Member.Step step = (Member.Step) runbook.members().get(1);
    assertThat(step.body().statements()).extracting(Stmt::kind).containsExactly(Stmt.Kind.WAIT, Stmt.Kind.EXPR);
    assertThat(((Member.Guard) runbook.members().get(2)).body().statements()).hasSize(1);

    ParseResult inIf = parse(HEADER + "  step \"s\" {\n    if ok()\n      f()\n    }\n    g()\n  }\n}\n");
    assertThat(inIf.diagnostics()).as(render(inIf)).hasSize(1);
  }

  @Test
  void withoutAStrayClosingBraceNoOpeningOneIsConjured() {
    // the lines after a section with no block are members again, not its body
    ParseResult result = parse(HEADER + "  step \"s\"\n  step \"t\" { f() }\n}\n");
    assertThat(result.diagnostics()).as(render(result)).hasSize(1);
    Decl.Runbook runbook = (Decl.Runbook) result.program().decls().get(0);
    assertThat(runbook.members()).extracting(Member::kind)
        .containsExactly(Member.Kind.ATTRIBUTE, Member.Kind.STEP, Member.Kind.STEP);
  }

  @Test
  void theLabelNamesWhatIsUnexpectedWithoutAnArticle() {
    ParseResult result = parse(HEADER + "  step \"s\" { let x \"a\" }\n}\n");
    assertThat(result.diagnostics()).as(render(result)).hasSize(1);
    assertThat(result.diagnostics().get(0).message()).isEqualTo("expected `=`, found a string");
    assertThat(result.diagnostics().get(0).label()).isEqualTo("unexpected string");
  }

  @Test
  void misspelledHeaderAttributesAndSections() {
    assertTypo(HEADER + "  titel \"x\"\n}\n", "unknown header attribute `titel`", "title");
    assertTypo(HEADER + "  enviroment staging\n}\n", "unknown header attribute `enviroment`", "environment");
    assertTypo(HEADER + "  precondtion \"p\" { expect ok() }\n}\n", "unknown section `precondtion`", "precondition");
    assertTypo(HEADER + "  rollbak { undo_all() }\n}\n", "unknown section `rollbak`", "rollback");
    assertTypo(HEADER + "  step \"s\" timout 5s { f() }\n}\n", "unknown keyword `timout`", "timeout");
    assertTypo(HEADER + "  on abrt { f() }\n}\n", "unknown keyword `abrt`", "abort");
    assertTypo("fun f() -> Int = 1\n", "unknown declaration `fun`", "fn");
  }

  @Test
  void misspelledStatementKeywords() {
    assertTypo(step("expct x > 1"), "unknown statement `expct`", "expect");
    assertTypo(step("wiat 5s"), "unknown statement `wiat`", "wait");
    assertTypo(step("lgo \"hello ${x}\""), "unknown statement `lgo`", "log");
    assertTypo(step("recrod n = 1"), "unknown statement `recrod`", "record");
    assertTypo(step("fro x in xs { f(x) }"), "unknown statement `fro`", "for");
    assertTypo(step("if a { f() } esle { g() }"), "unknown keyword `esle`", "else");
    assertTypo(step("wait until ready() evry 1s within 30s"), "unknown keyword `evry`", "every");

    ParseResult result = parse(step("expct x > 1\n    log \"after\""));
    Stmt.Expect expect = (Stmt.Expect) firstStatements(result).get(0);
    assertThat(expect.condition()).isInstanceOf(Expr.Binary.class);
    assertThat(firstStatements(result)).hasSize(2);
  }

  @Test
  void ordinaryCallsAreNotMistakenForTypos() {
    parseClean(step("expects(x)\n    log_it(\"x\")\n    waits.until(1)\n    let lg = 1"));
  }

  @Test
  void messagesNameWhatWasExpectedAndFound() {
    assertSyntax(HEADER + "  step \"s\" [ f() }\n}\n", "expected `timeout`, `retry`, `irreversible` or `{`, found `[`");
    assertSyntax("let x = \n", "expected an expression, found end of file");
    assertSyntax(HEADER + "  step \"s\" { let = 1 }\n}\n", "expected a name, found `=`");
    assertSyntax(HEADER + "  description \"d\"\n}\n", "unknown header attribute or section `description`");
    Diagnostic assign = single(step("expect x = 1"));
    assertThat(assign.message()).isEqualTo("expected a statement or `}`, found `=`");
    assertThat(assign.helps()).containsExactly("use `==` to compare");
  }

  @Test
  void brokenSectionsDoNotHideTheNextOnes() {
    ParseResult result = parse(HEADER
        + "  step \"a\" { expect (x + }\n"
        + "  step \"b\" { log \"fine\" }\n"
        + "  guard \"g\" every 5s { expect ok( }\n"
        + "  verify \"v\" throughout extra { expect 1 }\n"
        + "  step \"c\" { fail }\n"
        + "  rollback { undo() }\n}\n");
    assertThat(result.diagnostics()).as(render(result)).extracting(d -> d.span().startLine())
        .containsExactly(3, 5, 6, 7);
    Decl.Runbook runbook = (Decl.Runbook) result.program().decls().get(0);
    assertThat(runbook.members()).extracting(Member::kind).containsExactly(Member.Kind.ATTRIBUTE,
        Member.Kind.STEP, Member.Kind.STEP, Member.Kind.GUARD, Member.Kind.VERIFY, Member.Kind.STEP,
        Member.Kind.ROLLBACK);
    Member.Step b = (Member.Step) runbook.members().get(2);
    assertThat(b.body().statements()).hasSize(1);
  }

  @Test
  void missingPiecesGiveOneMessageEach() {
    assertSyntax("let y = [1, 2\nlet z = 3\n", "unclosed `[`");
    assertSyntax("let x = f(a b, c)\n", "expected `)` or `,`, found `b`");
    assertSyntax("let x = [{a: 1 }}}}\n", "expected `]` or `,`, found `}`");
    Diagnostic guard = single(HEADER + "  guard \"g\" { expect ok() }\n}\n");
    assertThat(guard.message()).isEqualTo("missing `every` in guard");
    assertThat(guard.span().text()).isEqualTo("\"g\"");
    assertThat(single(HEADER + "  observe e = f()\n}\n").message()).isEqualTo("missing `every` in observe");
  }

  @Test
  void aMissingNameIsOneMessageAndAnEmptyIdent() {
    for (String stmt : new String[] {"let = 5", "for in xs { log x }", "record = 3"}) {
      assertSyntax(step(stmt), "expected a name, found `" + stmt.split(" ")[1] + "`");
    }
    ParseResult result = parse(HEADER + "  observe = f() every 5s\n}\n");
    assertThat(result.diagnostics()).as(render(result)).hasSize(1);
    Member.Observe observe = (Member.Observe) ((Decl.Runbook) result.program().decls().get(0)).members().get(1);
    assertThat(observe.name().isMissing()).isTrue();
    assertThat(observe.value()).isInstanceOf(Expr.Call.class);
  }

  @Test
  void unterminatedInputIsNotAlsoAnEndOfFileSyntaxError() {
    assertThat(codes(parse(HEADER + "  step \"s\" {\n    log \"never closed"))).containsExactly(Code.CH0002);
    assertThat(codes(parse(HEADER + "  /* step \"s\" {}\n}\n"))).containsExactly(Code.CH0003);
  }

  @Test
  void missingClosingBraceIsReportedOnceAtTheEnd() {
    ParseResult result = parse(HEADER + "  step \"s\" {\n    f()\n");
    Diagnostic d = single(HEADER + "  step \"s\" {\n    f()\n");
    assertThat(d.message()).isEqualTo("expected a statement or `}`, found end of file");
    assertThat(d.span().start()).isEqualTo(result.program().span().end() - 1);
  }

  private static String step(String body) {
    return HEADER + "  step \"s\" {\n    " + body + "\n  }\n}\n";
  }

  private static List<Stmt> firstStatements(ParseResult result) {
    Decl.Runbook runbook = (Decl.Runbook) result.program().decls().get(0);
    return ((Member.Step) runbook.members().get(1)).body().statements();
  }

  private static Diagnostic single(String source) {
    ParseResult result = parse(source);
    assertThat(result.diagnostics()).as(render(result)).hasSize(1);
    return result.diagnostics().get(0);
  }

  private static void assertTypo(String source, String message, String keyword) {
    Diagnostic d = single(source);
    assertThat(d.code()).as(source).isEqualTo(Code.CH0011);
    assertThat(d.message()).isEqualTo(message);
    assertThat(d.helps()).containsExactly("did you mean `" + keyword + "`?");
  }

  private static void assertSyntax(String source, String message) {
    assertThat(single(source).message()).as(source).isEqualTo(message);
  }
}
