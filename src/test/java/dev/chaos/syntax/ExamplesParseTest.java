package dev.chaos.syntax;

import static dev.chaos.syntax.ParserTesting.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chaos.syntax.ast.Decl;
import dev.chaos.syntax.ast.Expr;
import dev.chaos.syntax.ast.Member;
import dev.chaos.syntax.ast.Program;
import dev.chaos.syntax.ast.Stmt;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The contract's examples parse without a diagnostic and into the expected shape. */
class ExamplesParseTest {
  private static Decl.Runbook runbook(String name) {
    Path path = EXAMPLES.resolve(name);
    Program program = parseClean(read(path));
    assertThat(program.imports()).hasSize(1);
    assertThat(program.imports().get(0).path().text()).isEqualTo("slo");
    assertThat(program.imports().get(0).alias()).isNull();
    assertThat(program.decls()).hasSize(1);
    return (Decl.Runbook) program.decls().get(0);
  }

  private static List<Member.Kind> kinds(Decl.Runbook runbook) {
    return runbook.members().stream().map(Member::kind).collect(Collectors.toList());
  }

  @Test
  void everyExampleParsesCleanly() {
    assertThat(examples()).hasSize(3);
    for (Path path : examples()) {
      ParseResult result = parse(read(path));
      assertThat(result.diagnostics()).as(path.toString()).isEmpty();
    }
  }

  @Test
  void podFailureHasItsSectionsInOrder() {
    Decl.Runbook runbook = runbook("pod-failure.chaos");
    assertThat(runbook.name().text()).isEqualTo("pod-failure");
    assertThat(runbook.name().span().text()).isEqualTo("\"pod-failure\"");
    assertThat(kinds(runbook)).containsExactly(
        Member.Kind.ATTRIBUTE, Member.Kind.ATTRIBUTE, Member.Kind.ATTRIBUTE, Member.Kind.ATTRIBUTE,
        Member.Kind.ATTRIBUTE, Member.Kind.ATTRIBUTE, Member.Kind.ATTRIBUTE, Member.Kind.ATTRIBUTE,
        Member.Kind.LET, Member.Kind.LET,
        Member.Kind.PRECONDITION, Member.Kind.PRECONDITION, Member.Kind.PRECONDITION,
        Member.Kind.OBSERVE, Member.Kind.OBSERVE, Member.Kind.GUARD, Member.Kind.GUARD,
        Member.Kind.STEP, Member.Kind.STEP, Member.Kind.VERIFY, Member.Kind.VERIFY,
        Member.Kind.ROLLBACK, Member.Kind.RECOVERY);

    Member.Attribute environment = (Member.Attribute) runbook.members().get(2);
    assertThat(environment.key().name()).isEqualTo("environment");
    assertThat(environment.value()).isEqualTo(new Expr.Name(environment.value().span(), "staging"));
    Member.Attribute blastRadius = (Member.Attribute) runbook.members().get(3);
    assertThat(((Expr.PercentLit) blastRadius.value()).percent()).isEqualTo(30.0);
    Member.Attribute maxDuration = (Member.Attribute) runbook.members().get(4);
    assertThat(((Expr.DurationLit) maxDuration.value()).value()).isEqualTo(Duration.ofMinutes(10));
    Member.Attribute tags = (Member.Attribute) runbook.members().get(6);
    assertThat(((Expr.ListLit) tags.value()).elements()).hasSize(2);

    Member.Step kill = (Member.Step) runbook.members().get(17);
    assertThat(kill.name().text()).isEqualTo("kill 30% of backend pods");
    assertThat(kill.undo()).isNull();
    Stmt.Let killed = (Stmt.Let) kill.body().statements().get(0);
    Expr.Call call = (Expr.Call) killed.value();
    assertThat(call.span().text()).isEqualTo("k8s.kill_pods(backend, fraction: 30%)");
    assertThat(call.args().get(1).name().name()).isEqualTo("fraction");
    assertThat(kill.body().statements().get(1)).isInstanceOf(Stmt.Record.class);

    Member.Step recreated = (Member.Step) runbook.members().get(18);
    Stmt.WaitUntil wait = (Stmt.WaitUntil) recreated.body().statements().get(0);
    assertThat(((Expr.DurationLit) wait.every()).value()).isEqualTo(Duration.ofSeconds(2));
    assertThat(((Expr.DurationLit) wait.within()).value()).isEqualTo(Duration.ofSeconds(30));

    Member.Verify throughout = (Member.Verify) runbook.members().get(19);
    assertThat(throughout.throughout()).isTrue();
    assertThat(((Member.Verify) runbook.members().get(20)).throughout()).isFalse();

    Member.Recovery recovery = (Member.Recovery) runbook.members().get(22);
    assertThat(((Expr.DurationLit) recovery.within()).value()).isEqualTo(Duration.ofMinutes(2));
    assertThat(((Expr.DurationLit) recovery.every()).value()).isEqualTo(Duration.ofSeconds(5));
    assertThat(recovery.body().statements()).hasSize(2);
  }

  @Test
  void redisFailoverHasExpectWithMessageAndTimeArithmetic() {
    Decl.Runbook runbook = runbook("redis-failover.chaos");
    Member.Step trigger = runbook.members().stream()
        .filter(m -> m instanceof Member.Step).map(m -> (Member.Step) m).findFirst().orElseThrow();
    List<Stmt> body = trigger.body().statements();
    assertThat(body).extracting(Stmt::kind).containsExactly(
        Stmt.Kind.LET, Stmt.Kind.EXPR, Stmt.Kind.WAIT_UNTIL, Stmt.Kind.RECORD);
    Stmt.Record record = (Stmt.Record) body.get(3);
    Expr.Binary minus = (Expr.Binary) record.value();
    assertThat(minus.op()).isEqualTo(Expr.BinaryOp.SUB);
    assertThat(minus.opSpan().text()).isEqualTo("-");

    Member.Step works = (Member.Step) runbook.members().stream()
        .filter(m -> m instanceof Member.Step).skip(1).findFirst().orElseThrow();
    Stmt.Expect expect = (Stmt.Expect) works.body().statements().get(1);
    assertThat(((Expr.Str) expect.message()).constant()).isEqualTo("cache write did not read back");
  }

  @Test
  void dbExhaustionInterpolatesInTheRollbackLog() {
    Decl.Runbook runbook = runbook("db-connection-exhaustion.chaos");
    Member.Rollback rollback = (Member.Rollback) runbook.members().stream()
        .filter(m -> m.kind() == Member.Kind.ROLLBACK).findFirst().orElseThrow();
    Stmt.Log log = (Stmt.Log) rollback.body().statements().get(1);
    Expr.Str message = (Expr.Str) log.message();
    assertThat(message.parts()).hasSize(3);
    Expr.StrPart.Interp interp = (Expr.StrPart.Interp) message.parts().get(1);
    assertThat(interp.span().text()).isEqualTo("${terminated}");
    assertThat(((Expr.Name) interp.expr()).name()).isEqualTo("terminated");
    assertThat(((Expr.StrPart.Text) message.parts().get(2)).text()).isEqualTo(" chaos connections");
  }
}
