package dev.chaos.syntax;

import static dev.chaos.syntax.ParserTesting.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chaos.syntax.ast.Decl;
import dev.chaos.syntax.ast.Expr;
import dev.chaos.syntax.ast.Member;
import dev.chaos.syntax.ast.ParamDecl;
import dev.chaos.syntax.ast.Program;
import dev.chaos.syntax.ast.Stmt;
import dev.chaos.syntax.ast.TypeRef;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Declarations, runbook members and statements build the AST the checker expects. */
class StructureTest {
  private static final Path EVERYTHING =
      Path.of(System.getProperty("user.dir")).resolve("src/test/resources/syntax/everything.chaos");

  @Test
  void importsAndTopLevelDeclarations() {
    Program program = parseClean(read(EVERYTHING));
    assertThat(program.imports()).hasSize(2);
    Program.Import common = program.imports().get(1);
    assertThat(common.path().text()).isEqualTo("../lib/common.chaos");
    assertThat(common.alias().name()).isEqualTo("common");
    assertThat(program.decls()).extracting(Decl::kind).containsExactly(
        Decl.Kind.LET, Decl.Kind.LET, Decl.Kind.LET, Decl.Kind.FN, Decl.Kind.FN, Decl.Kind.FN,
        Decl.Kind.FN, Decl.Kind.ACTION, Decl.Kind.RUNBOOK);

    Decl.Fn budget = (Decl.Fn) program.decls().get(4);
    assertThat(budget.name().name()).isEqualTo("within_budget");
    assertThat(budget.result().name()).isEqualTo("Bool");
    List<ParamDecl> params = budget.params();
    assertThat(params).extracting(p -> p.name().name()).containsExactly("p", "budget");
    assertThat(params.get(0).defaultValue()).isNull();
    assertThat(((Expr.PercentLit) params.get(1).defaultValue()).percent()).isEqualTo(1.0);
    assertThat(params.get(1).span().text()).isEqualTo("budget: Percent = 1%");

    TypeRef map = ((Decl.Fn) program.decls().get(5)).params().get(0).type();
    assertThat(map.name()).isEqualTo("Map");
    assertThat(map.args()).extracting(TypeRef::name).containsExactly("String", "Int");
    assertThat(map.span().text()).isEqualTo("Map[String, Int]");
    TypeRef nested = ((Decl.Fn) program.decls().get(6)).params().get(0).type();
    assertThat(nested.args().get(0).args().get(0).name()).isEqualTo("String");

    Decl.Action action = (Decl.Action) program.decls().get(7);
    Stmt.For loop = (Stmt.For) action.body().statements().get(0);
    assertThat(loop.variable().name()).isEqualTo("kind");
    assertThat(loop.body().statements()).hasSize(1);
  }

  @Test
  void headerAttributesAndWindow() {
    Decl.Runbook runbook = runbookOf(read(EVERYTHING));
    List<Member> members = runbook.members();
    assertThat(members.subList(0, 9)).extracting(Member::kind).containsOnly(
        Member.Kind.ATTRIBUTE, Member.Kind.WINDOW);
    Member.Window window = (Member.Window) members.get(4);
    assertThat(((Expr.TimeOfDayLit) window.from()).hour()).isEqualTo(2);
    assertThat(((Expr.TimeOfDayLit) window.to()).hour()).isEqualTo(6);
    assertThat(((Expr.Str) window.zone()).constant()).isEqualTo("UTC");
    assertThat(((Member.Window) runbookOf("runbook \"r\" { window 22:00 to 23:30 }").members().get(0)).zone())
        .isNull();
  }

  @Test
  void schedule() {
    Member.Schedule schedule = (Member.Schedule) runbookOf(
        "runbook \"r\" { schedule \"0 3 * * MON\" zone \"Europe/Paris\" }").members().get(0);
    assertThat(schedule.kind()).isEqualTo(Member.Kind.SCHEDULE);
    assertThat(((Expr.Str) schedule.cron()).constant()).isEqualTo("0 3 * * MON");
    assertThat(((Expr.Str) schedule.zone()).constant()).isEqualTo("Europe/Paris");
    assertThat(((Member.Schedule) runbookOf("runbook \"r\" { schedule \"@daily\" }").members().get(0))
        .zone()).isNull();
  }

  @Test
  void sections() {
    Decl.Runbook runbook = runbookOf(read(EVERYTHING));
    Member.Step kill = step(runbook, "kill pods");
    assertThat(((Expr.DurationLit) kill.timeout()).value()).isEqualTo(Duration.ofMinutes(2));
    assertThat(((Expr.IntLit) kill.retry()).value()).isEqualTo(3);
    assertThat(kill.irreversible()).isFalse();
    assertThat(kill.undo().statements()).hasSize(1);
    assertThat(kill.span().text()).startsWith("step \"kill pods\"").endsWith("namespace: \"llm-marketplace\")\n  }");

    Member.Step irreversible = step(runbook, "irreversible one");
    assertThat(irreversible.irreversible()).isTrue();
    assertThat(irreversible.timeout()).isNull();
    assertThat(irreversible.undo()).isNull();

    Member.Observe observe = (Member.Observe) first(runbook, Member.Kind.OBSERVE);
    assertThat(observe.name().name()).isEqualTo("error_rate");
    assertThat(((Expr.DurationLit) observe.every()).value()).isEqualTo(Duration.ofSeconds(5));
    Member.Guard guard = (Member.Guard) first(runbook, Member.Kind.GUARD);
    assertThat(guard.name().span().text()).isEqualTo("\"error rate under 5%\"");
    assertThat(first(runbook, Member.Kind.ON_ABORT)).isInstanceOf(Member.OnAbort.class);
    assertThat(first(runbook, Member.Kind.PRECONDITION)).isInstanceOf(Member.Precondition.class);
    assertThat(((Member.Let) first(runbook, Member.Kind.LET)).name().name()).isEqualTo("backend");
  }

  @Test
  void everyStatementKind() {
    List<Stmt> body = step(runbookOf(read(EVERYTHING)), "irreversible one").body().statements();
    assertThat(body).extracting(Stmt::kind).containsExactly(Stmt.Kind.WAIT, Stmt.Kind.WAIT_UNTIL,
        Stmt.Kind.WAIT_UNTIL, Stmt.Kind.IF, Stmt.Kind.FOR, Stmt.Kind.EXPR, Stmt.Kind.EXPR);
    Stmt.WaitUntil noWithin = (Stmt.WaitUntil) body.get(2);
    assertThat(noWithin.within()).isNull();
    assertThat(noWithin.every()).isNull();

    Stmt.If branches = (Stmt.If) body.get(3);
    assertThat(branches.branches()).hasSize(2);
    assertThat(branches.branches().get(1).span().text()).startsWith("if not len(names)").endsWith("}");
    assertThat(branches.orElse().statements()).hasSize(1);
    Stmt.Expect expect = (Stmt.Expect) branches.orElse().statements().get(0);
    assertThat(((Expr.Str) expect.message()).constant()).isEqualTo("error rate \"too\" high\n\t\\ $");

    Stmt.ExprStmt call = (Stmt.ExprStmt) body.get(5);
    assertThat(call.expr().span().text()).isEqualTo("common.helper(to: 1, in: 2, as: 3)");
    assertThat(((Expr.Call) call.expr()).args()).extracting(a -> a.name().name())
        .containsExactly("to", "in", "as");
  }

  @Test
  void statementsNeedNoSeparator() {
    List<Stmt> stmts = statements("let a = 1 let b = a log \"x\" f() g() wait 1s record r = 2 fail \"no\"");
    assertThat(stmts).extracting(Stmt::kind).containsExactly(Stmt.Kind.LET, Stmt.Kind.LET,
        Stmt.Kind.LOG, Stmt.Kind.EXPR, Stmt.Kind.EXPR, Stmt.Kind.WAIT, Stmt.Kind.RECORD, Stmt.Kind.FAIL);
  }

  @Test
  void aLineStartingWithAnOperatorContinuesThePreviousOne() {
    List<Stmt> stmts = statements("let a = 1\n  - 2\nlet b = f\n  (3)");
    assertThat(stmts).hasSize(2);
    assertThat(((Stmt.Let) stmts.get(0)).value()).isInstanceOf(Expr.Binary.class);
    assertThat(((Stmt.Let) stmts.get(1)).value()).isInstanceOf(Expr.Call.class);
  }

  private static Decl.Runbook runbookOf(String text) {
    Program program = parseClean(text);
    return (Decl.Runbook) program.decls().get(program.decls().size() - 1);
  }

  private static Member first(Decl.Runbook runbook, Member.Kind kind) {
    return runbook.members().stream().filter(m -> m.kind() == kind).findFirst().orElseThrow();
  }

  private static Member.Step step(Decl.Runbook runbook, String name) {
    return runbook.members().stream().filter(m -> m instanceof Member.Step)
        .map(m -> (Member.Step) m).filter(s -> s.name().text().equals(name)).findFirst().orElseThrow();
  }
}
