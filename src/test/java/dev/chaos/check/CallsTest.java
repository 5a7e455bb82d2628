package dev.chaos.check;

import static dev.chaos.check.CheckFixture.check;
import static dev.chaos.check.CheckFixture.runbook;
import static dev.chaos.check.CheckFixture.step;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chaos.diag.Code;
import dev.chaos.diag.Diagnostic;
import org.junit.jupiter.api.Test;

class CallsTest {
  private static String killStep(String call) {
    return runbook("""
          let backend = k8s.selector("ns", "tier=backend")
          step "kill" {
            %s
          }
          rollback { }
        """.formatted(call));
  }

  @Test
  void misspelledNamedArgumentSuggestsTheParameter() {
    // one mistake: the argument that looks missing is the misspelled one, so no CH0210
    Diagnostic d = check(killStep("k8s.kill_pods(backend, fracton: 30%)")).only(Code.CH0205);
    assertThat(d.span().text()).isEqualTo("fracton");
    assertThat(d.message()).isEqualTo("unknown named argument `fracton`");
    assertThat(d.helps()).containsExactly("did you mean `fraction:`?");
  }

  @Test
  void exactlyOneOfFractionAndCount() {
    Diagnostic neither = check(killStep("k8s.kill_pods(backend)")).only(Code.CH0210);
    assertThat(neither.message()).isEqualTo("`k8s.kill_pods` needs exactly one of `fraction:` or `count:`");
    Diagnostic both = check(killStep("k8s.kill_pods(backend, fraction: 30%, count: 2)"))
        .only(Code.CH0210);
    assertThat(both.span().text()).isEqualTo("count: 2");
    check(killStep("k8s.kill_pods(backend, count: 2)")).assertClean();
  }

  @Test
  void tooManyAndTooFewPositionalArguments() {
    Diagnostic many = check(runbook("  let s = k8s.selector(\"a\", \"b\", \"c\")\n"
        + "  precondition \"p\" { expect k8s.pods(s).ready > 0 }")).only(Code.CH0204);
    assertThat(many.span().text()).isEqualTo("\"c\"");
    assertThat(many.message()).isEqualTo("`k8s.selector` takes 2 positional arguments but 3 were given");
    Diagnostic few = check(runbook("  precondition \"p\" { expect len() == 0 }")).only(Code.CH0204);
    assertThat(few.label()).isEqualTo("missing `value: List[T] | String | Map[K, V]`");
  }

  @Test
  void argumentGivenTwice() {
    Diagnostic d = check(runbook("""
          precondition "p" { expect http.get("http://x", timeout: 1s, timeout: 2s).status == 200 }
        """)).only(Code.CH0207);
    assertThat(d.span().text()).isEqualTo("timeout: 2s");
  }

  @Test
  void positionalParameterPassedByName() {
    Diagnostic d = check(runbook("""
          precondition "p" { expect http.get(url: "http://x").status == 200 }
        """)).only(Code.CH0205);
    assertThat(d.helps()).containsExactly("`url` is positional: pass it without `url:`");
  }

  @Test
  void argumentTypesUseTheUnitHelp() {
    Diagnostic d = check(runbook("""
          precondition "p" { expect http.get("http://x", timeout: 2).status == 200 }
        """)).only(Code.CH0302);
    assertThat(d.span().text()).isEqualTo("2");
    assertThat(d.message()).isEqualTo("expected `Duration`, found `Int`");
    assertThat(d.helps()).containsExactly("write the number with its unit: `2s`");
    Diagnostic s = check(runbook("""
          precondition "p" { expect http.get("http://x", timeout: "2s").status == 200 }
        """)).only(Code.CH0301);
    assertThat(s.helps()).containsExactly("write it as a duration literal: `2s`");
  }

  @Test
  void genericParametersUnify() {
    check(runbook("""
          precondition "p" {
            expect min(1, 2.5) < 3.0
            expect max(1s, 500ms) < 2s
            expect len(["a"]) + len("abc") + len(redis.info("server")) > 0
            expect contains(["a", "b"], "a")
          }
        """)).assertClean();
  }

  @Test
  void genericParameterMismatch() {
    Diagnostic d = check(runbook("""
          precondition "p" { expect min(1s, 5%) < 1s }
        """)).only(Code.CH0302);
    assertThat(d.span().text()).isEqualTo("5%");
    assertThat(d.message()).isEqualTo("expected `Duration`, found `Percent`");
    assertThat(d.helps()).containsExactly("a `Duration` needs a time unit: `5s`");
    check(runbook("""
          precondition "p" { expect min(1s, "x") < 1s }
        """)).only(Code.CH0301);
  }

  @Test
  void variadicTail() {
    check(runbook("""
          step "run" irreversible {
            let r = shell.run("kubectl", "get", "pods", "-n", "x")
            expect r.exit == 0
          }
        """)).assertClean();
    Diagnostic d = check(runbook("""
          step "run" irreversible { shell.run("kubectl", "get", 3) }
        """)).only(Code.CH0301);
    assertThat(d.span().text()).isEqualTo("3");
  }

  @Test
  void userFunctionsTakeArgumentsByPositionOrName() {
    String module = """
        fn scaled(value: Int, factor: Int = 2) -> Int = value * factor
        action restart(name: String, namespace: String = "default") {
          k8s.rollout_restart("deployment", name, namespace: namespace)
        }
        """;
    check(module + runbook("""
          step "s" irreversible {
            restart("api")
            restart(name: "api", namespace: "x")
            log "${scaled(1) + scaled(1, 3) + scaled(value: 1, factor: 4)}"
          }
        """)).assertClean();
    Diagnostic missing = check(module + runbook("""
          step "s" irreversible { restart(namespace: "x") }
        """)).only(Code.CH0206);
    assertThat(missing.message()).isEqualTo("missing argument `name: String` in call to `restart`");
    Diagnostic unknown = check(module + runbook("""
          step "s" irreversible { restart("api", namespac: "x") }
        """)).only(Code.CH0205);
    assertThat(unknown.helps()).containsExactly("did you mean `namespace:`?");
    check(module + "let x = scaled(\"a\")\n").only(Code.CH0301);
  }

  @Test
  void callingANonFunction() {
    Diagnostic d = check(step("""
            let x = 3
            x(1)
        """)).only(Code.CH0208);
    assertThat(d.message()).isEqualTo("`x` is not a function");
    assertThat(d.label()).isEqualTo("`x` is an `Int`");
  }

  @Test
  void argumentsOfAnUnknownFunctionAreStillChecked() {
    var result = check(runbook("""
          precondition "p" { expect nosuch(undefined_thing) }
        """));
    assertThat(result.codes()).containsExactly(Code.CH0203, Code.CH0201);
  }

  @Test
  void requiredNamedArgumentOfADriverFunction() {
    Diagnostic d = check(runbook("  rollback { postgres.terminate() }")).only(Code.CH0206);
    assertThat(d.message()).isEqualTo("missing argument `application:` in call to `postgres.terminate`");
    assertThat(d.span().text()).isEqualTo("postgres.terminate");
  }
}
