package dev.chaos.check;

import static dev.chaos.check.CheckFixture.check;
import static dev.chaos.check.CheckFixture.runbook;
import static dev.chaos.check.CheckFixture.step;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chaos.diag.Code;
import dev.chaos.diag.Diagnostic;
import dev.chaos.syntax.ast.Decl;
import dev.chaos.types.Type;
import org.junit.jupiter.api.Test;

class TypesTest {
  private static String expecting(String condition) {
    return "import \"slo\"\n" + runbook("  precondition \"p\" { expect " + condition + " }");
  }

  /** The type of the value of the only top-level `let` of a module. */
  private static Type typeOf(String expr) {
    var result = check("let x = " + expr + "\n");
    result.assertClean();
    Decl.Let let = (Decl.Let) result.program().program().decls().get(0);
    return result.program().typeOf(let.value());
  }

  @Test
  void durationComparedWithANumberProposesTheLiteral() {
    Diagnostic d = check(expecting("slo.p95() < 500")).only(Code.CH0302);
    assertThat(d.message()).isEqualTo("cannot compare `Duration` with `Int`");
    assertThat(d.span().text()).isEqualTo("500");
    assertThat(d.helps()).containsExactly("write the number with its unit: `500ms`");
  }

  @Test
  void percentComparedWithANumberProposesThePercentage() {
    Diagnostic d = check(expecting("slo.error_rate() < 5")).only(Code.CH0302);
    assertThat(d.message()).isEqualTo("cannot compare `Percent` with `Int`");
    assertThat(d.helps()).containsExactly("write the number with its unit: `5%`");
    Diagnostic f = check(expecting("0.5 > slo.error_rate()")).only(Code.CH0302);
    assertThat(f.message()).isEqualTo("cannot compare `Float` with `Percent`");
    assertThat(f.helps()).containsExactly("write the number with its unit: `0.5%`");
  }

  @Test
  void percentComparedWithADurationIsAUnitMismatchAtTheLiteral() {
    Diagnostic d = check(expecting("slo.error_rate() < 5s")).only(Code.CH0302);
    assertThat(d.message()).isEqualTo("cannot compare `Percent` with `Duration`");
    assertThat(d.span().text()).isEqualTo("5s");
    assertThat(d.label()).isEqualTo("expected a `Percent`");
    assertThat(d.helps()).containsExactly("a `Percent` needs `%`: `5%`");
    Diagnostic left = check(expecting("1m30s > slo.error_rate()")).only(Code.CH0302);
    assertThat(left.span().text()).isEqualTo("1m30s");
    assertThat(left.helps()).containsExactly("a `Percent` needs `%`, e.g. `5%`");
    Diagnostic duration = check(expecting("slo.p95() < 500%")).only(Code.CH0302);
    assertThat(duration.label()).isEqualTo("expected a `Duration`");
    assertThat(duration.helps()).containsExactly("a `Duration` needs a time unit: `500ms`");
    Diagnostic computed = check(expecting("slo.p95() == slo.error_rate()")).only(Code.CH0302);
    assertThat(computed.span().text()).isEqualTo("slo.error_rate()");
    assertThat(computed.helps()).isEmpty();
  }

  @Test
  void aDurationWhereAPercentIsExpectedIsAUnitMismatch() {
    Diagnostic d = check(step("    wait 5%")).only(Code.CH0302);
    assertThat(d.helps()).containsExactly("a `Duration` needs a time unit: `5s`");
  }

  @Test
  void aNonLiteralNumberGetsTheConversion() {
    Diagnostic d = check(expecting("slo.p95() < prometheus.scalar(\"q\")")).only(Code.CH0302);
    assertThat(d.helps()).containsExactly("convert seconds with `seconds(prometheus.scalar(\"q\"))`");
  }

  @Test
  void unitArithmetic() {
    assertThat(typeOf("1s + 500ms")).isEqualTo(Type.DURATION);
    assertThat(typeOf("2 * 1s")).isEqualTo(Type.DURATION);
    assertThat(typeOf("1s * 1.5")).isEqualTo(Type.DURATION);
    assertThat(typeOf("1m / 4")).isEqualTo(Type.DURATION);
    assertThat(typeOf("1m / 1s")).isEqualTo(Type.FLOAT);
    assertThat(typeOf("5% + 1%")).isEqualTo(Type.PERCENT);
    assertThat(typeOf("5% * 2")).isEqualTo(Type.PERCENT);
    assertThat(typeOf("5% / 1%")).isEqualTo(Type.FLOAT);
    assertThat(typeOf("now() - now()")).isEqualTo(Type.DURATION);
    assertThat(typeOf("now() + 1m")).isEqualTo(Type.TIME);
    assertThat(typeOf("now() - 1m")).isEqualTo(Type.TIME);
    assertThat(typeOf("1 + 2")).isEqualTo(Type.INT);
    assertThat(typeOf("1 + 2.0")).isEqualTo(Type.FLOAT);
    assertThat(typeOf("1 / 2")).isEqualTo(Type.FLOAT);
    assertThat(typeOf("\"a\" + \"b\"")).isEqualTo(Type.STRING);
    assertThat(typeOf("[1] + [2.5]")).isEqualTo(Type.list(Type.FLOAT));
    assertThat(typeOf("-1s")).isEqualTo(Type.DURATION);
    assertThat(typeOf("1 < 2.5 and not (3s > 2s)")).isEqualTo(Type.BOOL);
  }

  @Test
  void unitsDoNotMixWithNumbersInAddition() {
    Diagnostic d = check("let x = 1s + 500\n").only(Code.CH0302);
    assertThat(d.message()).isEqualTo("cannot add `Int` to `Duration`");
    assertThat(d.helps()).containsExactly("write the number with its unit: `500ms`");
    // nor with each other: that is a unit mismatch too, at the side to rewrite
    Diagnostic p = check("let x = 5% - 1s\n").only(Code.CH0302);
    assertThat(p.message()).isEqualTo("cannot subtract `Duration` from `Percent`");
    assertThat(p.span().text()).isEqualTo("1s");
    // scaling one by the other is no unit slip, just an operation that does not exist
    check("let x = 5% * 1s\n").only(Code.CH0303);
  }

  @Test
  void equalityNeedsCompatibleTypesAndRecordsCompareByValue() {
    check(runbook("""
          let old_master = redis.master("mymaster")
          precondition "p" { expect redis.master("mymaster") != old_master }
        """)).assertClean();
    Diagnostic d = check("let x = \"a\" == 1\n").only(Code.CH0303);
    assertThat(d.message()).isEqualTo("cannot compare `String` with `Int`");
  }

  @Test
  void logicalOperatorsNeedBools() {
    Diagnostic d = check("let x = 1 and true\n").only(Code.CH0303);
    assertThat(d.message()).isEqualTo("`and` needs `Bool` operands, found `Int`");
    assertThat(d.span().text()).isEqualTo("1");
    check("let x = not 1\n").only(Code.CH0303);
  }

  @Test
  void conditionsMustBeBools() {
    Diagnostic d = check(expecting("slo.error_rate()")).only(Code.CH0304);
    assertThat(d.message()).isEqualTo("expected a `Bool` condition, found `Percent`");
    check(step("    if 1 { log \"x\" }")).only(Code.CH0304);
    check(step("    wait until 1 within 1s")).only(Code.CH0304);
  }

  @Test
  void jsonLeavesOnlyThroughAConversion() {
    Diagnostic d = check("let replicas = k8s.get(\"deployment\", \"api\")\nlet x = replicas + 1\n")
        .only(Code.CH0301);
    assertThat(d.span().text()).isEqualTo("replicas");
    assertThat(d.helps()).containsExactly("convert it: `int(replicas)`");
    check("let x = int(k8s.get(\"deployment\", \"api\")[\"spec\"][\"replicas\"]) + 1\n")
        .assertClean();
    check("let x = k8s.get(\"deployment\", \"api\").spec.replicas\n").assertClean();
  }

  @Test
  void aStringWhereADurationIsExpected() {
    Diagnostic d = check(step("    wait \"5s\"")).only(Code.CH0301);
    assertThat(d.message()).isEqualTo("expected `Duration`, found `String`");
    assertThat(d.helps()).containsExactly("write it as a duration literal: `5s`");
  }

  @Test
  void secretsAreNeverInterpolatedOrTurnedIntoText() {
    Diagnostic d = check(step("""
            let token = secret("api-token")
            log "token is ${token}"
        """)).only(Code.CH0301);
    assertThat(d.message()).isEqualTo("a `Secret` cannot be interpolated into a string");
    assertThat(d.span().text()).isEqualTo("token");
    check("let x = string(secret(\"t\"))\n").only(Code.CH0301);
    check(step("    record s = secret(\"t\")")).only(Code.CH0301);
    check(runbook("  observe s = secret(\"t\") every 5s")).only(Code.CH0301);
    check(runbook("""
          precondition "p" {
            expect http.get("http://x", headers: {Authorization: secret("t")}).status == 200
          }
        """)).assertClean();
  }

  @Test
  void oneMistakeOneDiagnostic() {
    var result = check(runbook(
        "  precondition \"p\" { expect undefined_rate() < 5 and 3 + undefined_value > 1s }"));
    assertThat(result.codes()).containsExactly(Code.CH0203, Code.CH0201);
  }

  @Test
  void listsHaveOneElementType() {
    Diagnostic d = check("let x = [1, \"a\"]\n").only(Code.CH0301);
    assertThat(d.span().text()).isEqualTo("\"a\"");
    assertThat(typeOf("[1, 2.5]")).isEqualTo(Type.list(Type.FLOAT));
  }

  @Test
  void indexingAndIteration() {
    assertThat(typeOf("[\"a\"][0]")).isEqualTo(Type.STRING);
    assertThat(typeOf("redis.info(\"server\")[\"role\"]")).isEqualTo(Type.STRING);
    check("let x = 3[0]\n").only(Code.CH0306);
    check("let x = [1][\"a\"]\n").only(Code.CH0301);
    check(step("    for x in 3 { log \"\" }")).only(Code.CH0305);
  }

  @Test
  void fnResultMustMatchItsDeclaredType() {
    Diagnostic d = check("fn p95() -> Duration = prometheus.scalar(\"q\")\n").only(Code.CH0302);
    assertThat(d.helps()).containsExactly("convert seconds with `seconds(prometheus.scalar(\"q\"))`");
    check("fn f(x: Widget) -> Int = 1\n").only(Code.CH0212);
    check("fn f(x: PodSet, y: List[Map[String, Int]]) -> Int = x.ready + len(y)\n").assertClean();
  }

  @Test
  void aCallWithoutValueCannotBeBound() {
    check(runbook("""
          step "s" {
            let x = redis.set("k", "v")
            log "${x}"
          }
        """)).only(Code.CH0301);
  }
}
