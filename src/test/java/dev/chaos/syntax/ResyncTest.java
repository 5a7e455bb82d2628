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

/**
 * A syntax error costs at most the declaration or section it is in: one message, and what
 * follows parses as written (the golden files recover-*.chaos show the checker then reports
 * every later mistake).
 */
class ResyncTest {
  private static final String HEADER = "runbook \"r\" {\n  title \"t\"\n";
  private static final String AFTER = "  step \"after\" { log \"fine\" }\n  verify \"v\" { expect ok() }\n}\n";

  @Test
  void aReservedWordAsADeclaredNameIsOneErrorAndTheNameIsKept() {
    ParseResult fn = parse("fn every(x: Int) -> Int = x\nlet y = every(2) + every(3)\n");
    Diagnostic d = single(fn);
    assertThat(d.message()).isEqualTo("`every` is a reserved word and cannot be a name");
    assertThat(d.span().text()).isEqualTo("every");
    assertThat(d.span().startLine()).isEqualTo(1);
    assertThat(d.helps()).containsExactly("rename it, as `every_` or a word that says what it holds");
    assertThat(((Decl.Fn) fn.program().decls().get(0)).name().name()).isEqualTo("every");
    assertThat(((Decl.Let) fn.program().decls().get(1)).value()).isInstanceOf(Expr.Binary.class);

    ParseResult let = parse("let if = 3\n" + HEADER + "  let w = if + 1\n" + AFTER);
    assertThat(single(let).message()).isEqualTo("`if` is a reserved word and cannot be a name");
    assertThat(members(let, 1)).extracting(Member::kind).containsExactly(Member.Kind.ATTRIBUTE,
        Member.Kind.LET, Member.Kind.STEP, Member.Kind.VERIFY);

    ParseResult member = parse(HEADER + "  let within = 2m\n  recovery within within { f() }\n" + AFTER);
    assertThat(single(member).span().startLine()).isEqualTo(3);
    assertThat(members(member, 0)).extracting(Member::kind).containsExactly(Member.Kind.ATTRIBUTE,
        Member.Kind.LET, Member.Kind.RECOVERY, Member.Kind.STEP, Member.Kind.VERIFY);

    // a parameter, a loop variable, an import alias
    assertThat(single(parse("fn f(until: Int) -> Int = until\n")).span().text()).isEqualTo("until");
    assertThat(single(parse(HEADER + "  step \"s\" {\n    for in in xs { log in }\n  }\n}\n")).message())
        .isEqualTo("`in` is a reserved word and cannot be a name");
    assertThat(single(parse("import \"slo\" as if\n")).span().text()).isEqualTo("if");
  }

  @Test
  void aStringLeftOpenGivesBackTheBracketsItTook() {
    ParseResult result = parse(HEADER + "  step \"s\" {\n    log f(g(\"abc))\n    log h(\"x )  \n  }\n" + AFTER);
    assertThat(codes(result)).as(render(result)).containsExactly(Code.CH0007, Code.CH0007);
    List<Stmt> body = ((Member.Step) members(result, 0).get(1)).body().statements();
    assertThat(body).hasSize(2);
    Expr.Call outer = (Expr.Call) ((Stmt.Log) body.get(0)).message();
    Expr.Call inner = (Expr.Call) outer.args().get(0).value();
    assertThat(((Expr.Str) inner.args().get(0).value()).constant()).isEqualTo("abc");
    assertThat(members(result, 0)).hasSize(4);
    // brackets in the text that close nothing stay in it
    ParseResult kept = parse(HEADER + "  step \"s\" {\n    log \"note (x)\n  }\n" + AFTER);
    assertThat(codes(kept)).containsExactly(Code.CH0007);
  }

  @Test
  void anUnclosedBlockEndsWhereTheNextSectionStarts() {
    ParseResult result = parse(HEADER + "  step \"s\" {\n    wait 1s\n    if ok() {\n      f()\n"
        + "  rollback { g() }\n" + AFTER);
    Diagnostic d = single(result);
    assertThat(d.message()).isEqualTo("unclosed `{`");
    assertThat(d.span().startLine()).isEqualTo(5);
    assertThat(d.helps()).containsExactly("add `}` before line 7, where `rollback` starts the next section");
    assertThat(members(result, 0)).extracting(Member::kind).containsExactly(Member.Kind.ATTRIBUTE,
        Member.Kind.STEP, Member.Kind.ROLLBACK, Member.Kind.STEP, Member.Kind.VERIFY);

    ParseResult decl = parse("action a() {\n  f(\n\nfn g() -> Int = 1\n" + HEADER + AFTER);
    assertThat(decl.program().decls()).extracting(x -> x.getClass().getSimpleName())
        .containsExactly("Action", "Fn", "Runbook");
  }

  @Test
  void anUnclosedParenthesisEndsAtTheNextStatement() {
    ParseResult result = parse(HEADER + "  step \"s\" {\n    let p = f(g(1)\n    log p\n  }\n" + AFTER);
    Diagnostic d = single(result);
    assertThat(d.message()).isEqualTo("unclosed `(`");
    assertThat(d.span().startLine()).isEqualTo(4);
    assertThat(((Member.Step) members(result, 0).get(1)).body().statements()).extracting(Stmt::kind)
        .containsExactly(Stmt.Kind.LET, Stmt.Kind.LOG);
    // a `}` where the `)` belongs: the help names the `(` left open
    Diagnostic brace = single(parse(HEADER + "  step \"s\" {\n    log f(1,\n      2\n  }\n" + AFTER));
    assertThat(brace.message()).isEqualTo("expected `)` or `,`, found `}`");
    assertThat(brace.helps()).containsExactly("close the `(` of line 4 with `)`");
    // the parser's own message, when it has one inside the brackets, is the only one
    assertThat(single(parse("fn f(x: Int -> Int = x\nfn g() -> Int = 1\n")).message())
        .isEqualTo("expected `)`, found `->`");
  }

  @Test
  void anExpressionLeftOpenDoesNotTakeTheNextSection() {
    ParseResult result = parse(HEADER + "  let x = 1 +\n" + AFTER);
    assertThat(single(result).message()).isEqualTo("expected an expression, found `step`");
    assertThat(members(result, 0)).extracting(Member::kind).containsExactly(Member.Kind.ATTRIBUTE,
        Member.Kind.LET, Member.Kind.STEP, Member.Kind.VERIFY);
    ParseResult decl = parse("fn f() -> Int = 1 +\n" + HEADER + AFTER);
    assertThat(decl.program().decls()).hasSize(2);
  }

  @Test
  void anUnclosedTextBlockEndsBeforeTheCodeAfterIt() {
    ParseResult result = parse(HEADER + "  let m = \"\"\"\n    a: b\n    c: d\n" + AFTER);
    Diagnostic d = single(result);
    assertThat(d.code()).isEqualTo(Code.CH0002);
    assertThat(d.helps()).containsExactly("close the text block with `\"\"\"`; it is read as ending before line 6");
    Member.Let let = (Member.Let) members(result, 0).get(1);
    assertThat(((Expr.Str) let.value()).constant()).contains("a: b").contains("c: d");
    assertThat(members(result, 0)).hasSize(4);
  }

  @Test
  void missingPartsOfASectionHeaderAreOneMessageEach() {
    ParseResult result = parse(HEADER + "  step \"s\" timeout { wait 1s }\n  guard every 5s { expect ok() }\n"
        + "  precondition { expect ok() }\n  verify throughout { expect ok() }\n  step \"t\" retry { f() }\n" + AFTER);
    assertThat(result.diagnostics()).extracting(Diagnostic::message).containsExactly(
        "missing the value of `timeout`", "missing the name of this guard",
        "missing the name of this precondition", "missing the name of this verify",
        "missing the value of `retry`");
    assertThat(members(result, 0)).extracting(Member::kind).containsExactly(Member.Kind.ATTRIBUTE,
        Member.Kind.STEP, Member.Kind.GUARD, Member.Kind.PRECONDITION, Member.Kind.VERIFY,
        Member.Kind.STEP, Member.Kind.STEP, Member.Kind.VERIFY);
    Member.Step step = (Member.Step) members(result, 0).get(1);
    assertThat(step.body().statements()).hasSize(1);
  }

  private static List<Member> members(ParseResult result, int decl) {
    return ((Decl.Runbook) result.program().decls().get(decl)).members();
  }

  private static Diagnostic single(ParseResult result) {
    assertThat(result.diagnostics()).as(render(result)).hasSize(1);
    return result.diagnostics().get(0);
  }
}
