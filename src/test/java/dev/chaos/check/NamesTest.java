package dev.chaos.check;

import static dev.chaos.check.CheckFixture.check;
import static dev.chaos.check.CheckFixture.runbook;
import static dev.chaos.check.CheckFixture.step;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chaos.diag.Code;
import dev.chaos.diag.Diagnostic;
import dev.chaos.diag.Severity;
import org.junit.jupiter.api.Test;

class NamesTest {
  @Test
  void unknownDriverFunctionIsTheContractExample() {
    Diagnostic d = check(step("""
            let backend = k8s.selector("llm-marketplace", "tier=backend")
            k8s.kill_pod(backend, fraction: 30%)
        """)).only(Code.CH0203);
    assertThat(d.message()).isEqualTo("unknown function `k8s.kill_pod`");
    assertThat(d.span().text()).isEqualTo("k8s.kill_pod");
    assertThat(d.label()).isEqualTo("not provided by driver `k8s`");
    assertThat(d.helps()).containsExactly("did you mean `k8s.kill_pods`?");
  }

  @Test
  void undefinedNameSuggestsANameInScope() {
    Diagnostic d = check(runbook("""
          let backend = k8s.selector("ns", "app=x")
          precondition "p" { expect k8s.pods(backnd).ready > 0 }
        """)).only(Code.CH0201);
    assertThat(d.message()).isEqualTo("undefined name `backnd`");
    assertThat(d.span().text()).isEqualTo("backnd");
    assertThat(d.helps()).containsExactly("did you mean `backend`?");
  }

  @Test
  void unknownNamespaceIsCh0202WithSuggestion() {
    Diagnostic d = check(runbook("""
          precondition "p" { expect k8z.pods(k8s.selector("a", "b")).ready > 0 }
        """)).only(Code.CH0202);
    assertThat(d.message()).isEqualTo("unknown driver or module `k8z`");
    assertThat(d.span().text()).isEqualTo("k8z");
    assertThat(d.helps()).containsExactly("did you mean `k8s`?");
  }

  @Test
  void unknownFieldSuggestsAField() {
    Diagnostic d = check(runbook("""
          let b = k8s.selector("a", "b")
          precondition "p" { expect k8s.pods(b).redy > 0 }
        """)).only(Code.CH0209);
    assertThat(d.span().text()).isEqualTo("redy");
    assertThat(d.message()).isEqualTo("no field `redy` on `PodSet`");
    assertThat(d.helps()).containsExactly("did you mean `ready`?");
  }

  @Test
  void unknownModuleMemberNamesTheModule() {
    Diagnostic d = check("import \"slo\"\n" + runbook("""
          precondition "p" { expect slo.error_rat() < 1% }
        """)).only(Code.CH0203);
    assertThat(d.label()).isEqualTo("not provided by module `slo`");
    assertThat(d.helps()).containsExactly("did you mean `slo.error_rate`?");
  }

  @Test
  void unknownBareFunctionSuggestsACallable() {
    Diagnostic d = check(runbook("""
          precondition "p" { expect lenn([1]) == 1 }
        """)).only(Code.CH0203);
    assertThat(d.helps()).containsExactly("did you mean `len`?");
  }

  @Test
  void implicitRunbookIsEverywhereInARunbookAndAbortOnlyInOnAbort() {
    check(runbook("""
          step "s" { log "${runbook.name} in ${runbook.environment}: ${runbook.title}" }
          on abort { log "aborted in ${abort.phase}: ${abort.reason}" }
        """)).assertClean();
    Diagnostic d = check(step("    log abort.reason")).only(Code.CH0201);
    assertThat(d.helps()).contains("`abort` is only defined inside `on abort`");
  }

  @Test
  void topLevelDeclarationsSeeEachOtherInAnyOrder() {
    check("""
        fn doubled() -> Int = base() * 2
        fn base() -> Int = limit
        let limit = 3
        """).assertClean();
  }

  @Test
  void blockLetsAreSequential() {
    Diagnostic d = check(step("""
            log "${later}"
            let later = "x"
        """)).first(Code.CH0201);
    assertThat(d.span().text()).isEqualTo("later");
  }

  @Test
  void duplicateDefinitionsInOneScopeAreErrors() {
    Diagnostic d = check(step("""
            let x = 1
            let x = 2
            log "${x}"
        """)).only(Code.CH0211);
    assertThat(d.label()).contains("already defined on line");
    check("fn f() -> Int = 1\nfn f() -> Int = 2\n").only(Code.CH0211);
  }

  @Test
  void shadowingAnOuterNameIsAllowed() {
    check(runbook("""
          let x = 1
          step "s" {
            let x = "inner"
            log x
          }
          precondition "p" { expect x == 1 }
        """)).assertClean();
  }

  @Test
  void unusedLetsAreWarningsExceptUnderscoreAndModuleLets() {
    var result = check(runbook("""
          let unused_runbook_let = 1
          let _ignored = 2
          step "s" {
            let unused_block_let = "x"
          }
        """));
    assertThat(result.codes()).containsExactly(Code.CH0601, Code.CH0601);
    assertThat(result.diagnostics()).allMatch(d -> d.severity() == Severity.WARNING);
    assertThat(result.diagnostics().get(0).message()).isEqualTo("unused let `unused_runbook_let`");
    check("let exported = 1\n").assertClean();
  }

  @Test
  void unusedLetOfACallSuggestsDroppingTheLet() {
    Diagnostic d = check(step("    let s = redis.del(\"k\")")).only(Code.CH0601);
    assertThat(d.helps()).containsExactly("to make the call only for its effect, drop `let s =`");
  }

  @Test
  void unusedImportIsAWarning() {
    Diagnostic d = check("import \"slo\"\n" + runbook("")).only(Code.CH0605);
    assertThat(d.severity()).isEqualTo(Severity.WARNING);
    assertThat(d.message()).isEqualTo("unused import `slo`");
  }

  @Test
  void forVariableIsScopedToTheLoop() {
    check(step("""
            for name in ["a", "b"] { log name }
        """)).assertClean();
    check(step("""
            for name in ["a", "b"] { log name }
            log name
        """)).only(Code.CH0201);
  }

  @Test
  void functionsAreNotValues() {
    Diagnostic d = check("import \"slo\"\nlet f = slo.error_rate\n").only(Code.CH0208);
    assertThat(d.label()).isEqualTo("call it: `slo.error_rate(...)`");
  }

  @Test
  void topLevelLetsThatNeedEachOther() {
    Diagnostic d = check("let a = b + 1\nlet b = a + 1\n").only(Code.CH0201);
    assertThat(d.message()).isEqualTo("`a` is defined in terms of itself");
  }

  @Test
  void parameterDefaultsAreTypedAndReadOnly() {
    check("fn f(x: Int = \"a\") -> Int = x\n").only(Code.CH0301);
    check("action a(x: Bool = redis.del(\"k\")) { log \"${x}\" }\n").only(Code.CH0401);
    check("fn f(x: Int, x: Int) -> Int = x\n").only(Code.CH0211);
  }

  @Test
  void recordFieldsAreUnique() {
    check("let r = {a: 1, a: 2}\n").only(Code.CH0211);
    check("let r = {a: 1, b: \"x\"}\nlet s = r.b + \"y\"\n").assertClean();
  }
}
