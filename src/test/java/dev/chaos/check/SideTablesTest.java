package dev.chaos.check;

import static dev.chaos.check.CheckFixture.check;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chaos.spi.Effect;
import dev.chaos.syntax.ast.Decl;
import dev.chaos.syntax.ast.Expr;
import dev.chaos.syntax.ast.Member;
import dev.chaos.syntax.ast.Stmt;
import dev.chaos.types.Type;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the interpreter reads: types, resolved references and bound calls, by node. */
class SideTablesTest {
  private static final String SOURCE = """
      import "slo"
      action restart(name: String, namespace: String = "default") {
        k8s.rollout_restart("deployment", name, namespace: namespace)
      }
      runbook "r" {
        environment staging
        let backend = k8s.selector("ns", "tier=backend")
        precondition "healthy" { expect slo.error_rate() < 1% }
        step "kill" {
          let killed = k8s.kill_pods(backend, fraction: 30%)
          restart("api")
          record pods_killed = len(killed)
        }
        rollback { }
      }
      """;

  private final CheckFixture.Result result = check(SOURCE);
  private final CheckedProgram program = result.program();
  private final Decl.Runbook runbook = program.runbook().orElseThrow();

  private <T extends Member> T member(Class<T> kind) {
    return runbook.members().stream().filter(kind::isInstance).map(kind::cast).findFirst()
        .orElseThrow();
  }

  private List<Stmt> stepStatements() {
    return member(Member.Step.class).body().statements();
  }

  @Test
  void checksClean() {
    result.assertClean();
  }

  @Test
  void driverCallsAreBoundByParameterName() {
    Expr.Call kill = (Expr.Call) ((Stmt.Let) stepStatements().get(0)).value();
    CallInfo info = program.callOf(kill);
    assertThat(info.callee()).isInstanceOf(Callee.Native.class);
    assertThat(((Callee.Native) info.callee()).builtin().qualifiedName()).isEqualTo("k8s.kill_pods");
    assertThat(info.effect()).isEqualTo(Effect.MUTATE);
    assertThat(info.arguments().keySet()).containsExactly("selector", "fraction");
    assertThat(program.typeOf(kill)).isEqualTo(Type.list(Type.STRING));
  }

  @Test
  void namesResolveToTheirDeclarations() {
    Expr.Call kill = (Expr.Call) ((Stmt.Let) stepStatements().get(0)).value();
    Expr backendUse = kill.args().get(0).value();
    Ref ref = program.refOf(backendUse);
    assertThat(ref).isInstanceOf(Ref.Local.class);
    assertThat(((Ref.Local) ref).declaration()).isSameAs(member(Member.Let.class));
    Stmt.Record record = (Stmt.Record) stepStatements().get(2);
    Expr.Call len = (Expr.Call) record.value();
    assertThat(program.refOf(len.callee())).isInstanceOf(Ref.BuiltinFn.class);
    assertThat(((Ref.Local) program.refOf(len.args().get(0).value())).declaration())
        .isSameAs(stepStatements().get(0));
  }

  @Test
  void userActionsAndModuleFunctionsPointAtTheirOwner() {
    Expr.Call restart = (Expr.Call) ((Stmt.ExprStmt) stepStatements().get(1)).expr();
    CallInfo info = program.callOf(restart);
    assertThat(info.callee()).isInstanceOf(Callee.UserAction.class);
    assertThat(((Callee.UserAction) info.callee()).owner()).isSameAs(program);
    assertThat(info.arguments().keySet()).containsExactly("name");

    Stmt.Expect expect = (Stmt.Expect) member(Member.Precondition.class).body().statements().get(0);
    Expr.Call errorRate = (Expr.Call) ((Expr.Binary) expect.condition()).left();
    Callee.UserFn fn = (Callee.UserFn) program.callOf(errorRate).callee();
    assertThat(fn.owner()).isSameAs(program.modules().get("slo"));
    assertThat(fn.fn().name().name()).isEqualTo("error_rate");
    assertThat(fn.owner().callOf((Expr.Call) fn.fn().body())).isNotNull();
    assertThat(program.typeOf(expect.condition())).isEqualTo(Type.BOOL);
  }

  @Test
  void stepsKnowWhatTheyChangeAndHowItIsUndone() {
    StepInfo info = program.stepInfo(member(Member.Step.class));
    assertThat(info.mutatingCalls()).extracting(c -> c.callee().span().text())
        .containsExactly("k8s.kill_pods", "k8s.rollout_restart");
    assertThat(info.invertibleCalls()).isEmpty();
    assertThat(info.undo()).isEqualTo(StepInfo.Undo.ROLLBACK);
  }
}
