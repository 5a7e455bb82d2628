package dev.chaos.check;

import static dev.chaos.check.CheckFixture.check;
import static dev.chaos.check.CheckFixture.runbook;
import static dev.chaos.check.CheckFixture.step;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chaos.diag.Code;
import dev.chaos.diag.Diagnostic;
import dev.chaos.syntax.ast.Member;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EffectsTest {
  @Test
  void mutationInAGuard() {
    Diagnostic d = check(runbook("""
          guard "g" every 5s { k8s.delete("pod", "x") }
        """)).only(Code.CH0401);
    assertThat(d.message()).isEqualTo("`k8s.delete` changes the world and cannot be called in a guard");
    assertThat(d.span().text()).isEqualTo("k8s.delete");
    assertThat(d.helps()).containsExactly(
        "move it into a `step` (with an `undo`), a `rollback` or an `on abort` block");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "precondition \"p\" { redis.flushall() }|a precondition",
      "verify \"v\" { redis.flushall() }|a verify",
      "verify \"v\" throughout { redis.flushall() }|a `throughout` verify",
      "recovery within 1m { redis.flushall() }|a recovery",
      "let x = redis.del(\"k\")|a runbook-level `let`",
      "observe o = redis.del(\"k\") every 5s|an observe"})
  void readOnlySections(String member, String where) {
    Diagnostic d = check(runbook("  " + member)).first(Code.CH0401);
    assertThat(d.message()).endsWith("cannot be called in " + where);
  }

  @Test
  void mutationInAFnAndATopLevelLet() {
    Diagnostic d = check("fn wipe() -> Bool = redis.del(\"k\")\n").only(Code.CH0401);
    assertThat(d.helps()).containsExactly(
        "a fn is read-only: make it an `action`, or move the call into a `step`");
    check("let x = redis.del(\"k\")\n").only(Code.CH0401);
  }

  @Test
  void actionCallsMutate() {
    Diagnostic d = check("""
        action cleanup() { redis.flushall() }
        """ + runbook("  guard \"g\" every 5s { cleanup() }")).only(Code.CH0401);
    assertThat(d.message()).startsWith("`cleanup` changes the world");
  }

  @Test
  void mutationIsAllowedInStepsUndoRollbackOnAbortAndActions() {
    check("""
        action cleanup() { redis.flushall() }
        """ + runbook("""
          step "s" { redis.failover("m") } undo { redis.flushall() }
          rollback { cleanup() }
          on abort { notify.send("aborted") }
        """)).assertClean();
  }

  @Test
  void waitIsNotAllowedInAGuard() {
    Diagnostic d = check(runbook("  guard \"g\" every 5s { wait 1s }")).only(Code.CH0405);
    assertThat(d.message()).isEqualTo("`wait` is not allowed in a guard");
    assertThat(d.span().text()).isEqualTo("wait");
    check(runbook("  precondition \"p\" { wait until true within 1s }")).only(Code.CH0405);
    check(runbook("  guard \"g\" every 5s { record x = 1 }")).only(Code.CH0405);
  }

  @Test
  void waitUntilNeedsWithin() {
    Diagnostic d = check(step("    wait until redis.ping() < 5ms every 1s")).only(Code.CH0402);
    assertThat(d.span().text()).isEqualTo("wait until redis.ping() < 5ms every 1s");
    assertThat(d.helps()).containsExactly("add a deadline: `within 30s`");
  }

  @Test
  void mutatingStepWithoutUndo() {
    Diagnostic d = check(step("    redis.failover(\"mymaster\")")).only(Code.CH0403);
    assertThat(d.span().text()).isEqualTo("\"s\"");
    assertThat(d.message()).isEqualTo("step \"s\" changes the world and nothing undoes it");
    assertThat(d.helps()).hasSize(3);
  }

  @Test
  void eachOfTheFourWaysCoversAStep() {
    check(step("    redis.set(\"k\", \"v\")")).assertClean();
    check(runbook("  step \"s\" { redis.failover(\"m\") } undo { log \"undone\" }")).assertClean();
    check(runbook("  step \"s\" irreversible { redis.failover(\"m\") }")).assertClean();
    check(runbook("  step \"s\" { redis.failover(\"m\") }\n  rollback { log \"x\" }")).assertClean();
  }

  @Test
  void undoCoverageLooksThroughActions() {
    String action = "action fail_over() { redis.failover(\"m\") }\n";
    Diagnostic d = check(action + step("    fail_over()")).only(Code.CH0403);
    assertThat(d.label()).isEqualTo("`redis.failover` on line 1 has no automatic inverse");
    check("action write() { redis.set(\"k\", \"v\") }\n" + step("    write()")).assertClean();
  }

  @Test
  void stepInfoRecordsMutatingAndInvertibleCalls() {
    var result = check(runbook("""
          step "s" {
            redis.set("a", "1")
            let n = redis.dbsize()
            redis.failover("m")
            log "${n}"
          }
          rollback { }
        """));
    result.assertClean();
    Member.Step s = (Member.Step) result.program().runbook().orElseThrow().members().stream()
        .filter(m -> m instanceof Member.Step).findFirst().orElseThrow();
    StepInfo info = result.program().stepInfo(s);
    assertThat(info.undo()).isEqualTo(StepInfo.Undo.ROLLBACK);
    assertThat(info.mutatingCalls()).extracting(c -> c.callee().span().text())
        .containsExactly("redis.set", "redis.failover");
    assertThat(info.invertibleCalls()).extracting(c -> c.callee().span().text())
        .containsExactly("redis.set");
  }

  @Test
  void actionsThatOnlyReadAreMarkedSo() {
    var result = check("""
        action look() { log "${redis.dbsize()}" }
        action touch() { look()
          redis.flushall() }
        """);
    result.assertClean();
    var decls = result.program().program().decls();
    assertThat(result.program().mutates((dev.chaos.syntax.ast.Decl.Action) decls.get(0))).isFalse();
    assertThat(result.program().mutates((dev.chaos.syntax.ast.Decl.Action) decls.get(1))).isTrue();
  }
}
