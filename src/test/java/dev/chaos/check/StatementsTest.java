package dev.chaos.check;

import static dev.chaos.check.CheckFixture.check;
import static dev.chaos.check.CheckFixture.step;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chaos.diag.Code;
import dev.chaos.diag.Diagnostic;
import dev.chaos.diag.Severity;
import org.junit.jupiter.api.Test;

class StatementsTest {
  @Test
  void anExpressionStatementMustBeACall() {
    Diagnostic d = check(step("""
            let b = k8s.selector("a", "b")
            k8s.pods(b).ready
        """)).only(Code.CH0404);
    assertThat(d.span().text()).isEqualTo("k8s.pods(b).ready");
    assertThat(d.message()).isEqualTo("expression used as a statement");
  }

  @Test
  void aLineStartingWithAnOperatorContinuesThePreviousOne() {
    var result = check(step("""
            let a = redis.dbsize()
            - 1
            log "${a}"
        """));
    Diagnostic d = result.only(Code.CH0604);
    assertThat(d.severity()).isEqualTo(Severity.WARNING);
    assertThat(d.span().text()).isEqualTo("-");
    assertThat(d.label()).isEqualTo("`-` continues the expression on line 4");
  }

  @Test
  void aLineStartingWithAParenthesisCallsThePreviousExpression() {
    var result = check(step("""
            let n = 1
            let a = redis.dbsize()
            (n)
            log "${a}"
        """));
    assertThat(result.only(Code.CH0208).helps()).singleElement().asString()
        .startsWith("the `(` on line 6 continues the expression");
    Diagnostic d = check(step("""
            let a = len
            ("abc")
            log "${a}"
        """)).only(Code.CH0604);
    assertThat(d.span().text()).isEqualTo("(");
    assertThat(d.label()).isEqualTo("`(` continues the expression on line 4");
  }

  @Test
  void continuationInsideBracketsIsFine() {
    check(step("""
            let a = (redis.dbsize()
              - 1)
            let b = [1,
              2]
            log "${a + len(b)}"
        """)).assertClean();
  }

  @Test
  void statementsAfterFailAreUnreachable() {
    Diagnostic d = check(step("""
            fail "stop here"
            log "never"
            log "nor this"
        """)).only(Code.CH0603);
    assertThat(d.severity()).isEqualTo(Severity.WARNING);
    assertThat(d.span().text()).startsWith("log \"never\"").endsWith("log \"nor this\"");
  }

  @Test
  void messagesAreStrings() {
    Diagnostic d = check(step("    log 3")).only(Code.CH0301);
    assertThat(d.helps()).containsExactly("interpolate it: `\"${3}\"`");
    check(step("    expect true else 3")).only(Code.CH0301);
    check(step("    fail 3")).only(Code.CH0301);
  }

  @Test
  void ifAndForBodiesAreChecked() {
    check(step("""
            let pods = k8s.pods(k8s.selector("a", "b"))
            if pods.ready == 0 {
              fail "none ready"
            } else if pods.ready < pods.total {
              log "partially ready"
            } else {
              for name in pods.names { log name }
            }
        """)).assertClean();
  }

  @Test
  void forIteratesListsMapKeysAndJson() {
    check(step("""
            for key in redis.info("server") { log key }
            for item in k8s.get("deployment", "api")["spec"]["containers"] { log string(item) }
        """)).assertClean();
  }

  @Test
  void aComparisonOnItsOwnIsOneDiagnosticThatSuggestsExpect() {
    Diagnostic d = check(step("""
            let x = 1
            x == 1
        """)).only(Code.CH0404);
    assertThat(d.span().text()).isEqualTo("x == 1");
    assertThat(d.helps()).containsExactly("to check it, write `expect x == 1`");
  }

  @Test
  void anyValueOnItsOwnIsCH0404AndOnlyABoolSuggestsExpect() {
    assertThat(check(step("    1 + 2 * 3")).only(Code.CH0404).helps()).isEmpty();
    assertThat(check(step("    \"text\"")).only(Code.CH0404).helps()).isEmpty();
    assertThat(check(step("    not true")).only(Code.CH0404).helps())
        .containsExactly("to check it, write `expect not true`");
    assertThat(check(step("    k8s.pods(k8s.selector(\"a\", \"b\")).ready == 0")).only(Code.CH0404)
        .helps()).containsExactly("to check it, write `expect` before it");
  }

  @Test
  void aValueThatIsAlreadyWrongIsNotAlsoAStatementError() {
    check(step("    undefined_name")).only(Code.CH0201);
    check(step("    let x = 1\n    x.field")).only(Code.CH0209);
  }

  @Test
  void anAssignmentIsOneDiagnostic() {
    check(step("    let x = 1\n    x = 2\n    log \"${x}\"")).only(Code.CH0010);
  }

  @Test
  void waitUntilWithoutAConditionIsOnlyTheSyntaxError() {
    check(step("    wait until\n")).only(Code.CH0010);
    check(CheckFixture.runbook("  guard \"g\" every 5s {\n    wait until\n  }\n  step \"s\" { wait 1s }"))
        .only(Code.CH0010);
  }

  @Test
  void aMissingNameDeclaresNothing() {
    assertThat(check(step("    let = 1\n    let = 2\n    for in [1] { log \"x\" }")).codes())
        .containsExactly(Code.CH0010, Code.CH0010, Code.CH0010);
    assertThat(check(CheckFixture.runbook("  let = 1\n  observe = 1 every 5s\n  observe = 2 every 5s\n"
        + "  step \"s\" { wait 1s }")).codes())
        .containsExactly(Code.CH0010, Code.CH0010, Code.CH0010);
    assertThat(check("let = 1\nlet = 2\nfn (x: Int) -> Int = x\n").codes())
        .containsExactly(Code.CH0010, Code.CH0010, Code.CH0010);
  }
}
