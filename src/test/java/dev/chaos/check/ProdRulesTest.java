package dev.chaos.check;

import static dev.chaos.check.CheckFixture.check;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chaos.diag.Code;
import dev.chaos.diag.Diagnostic;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ProdRulesTest {
  private static final String SAFE_MEMBERS = """
        blast_radius 30%
        window 02:00 to 06:00 zone "UTC"
        precondition "no critical alert" { expect len(prometheus.alerts(severity: "critical")) == 0 }
        guard "alive" every 5s { expect prometheus.ready() }
        lock "shop"
      """;

  private static String prod(String members) {
    return "runbook \"r\" {\n  environment prod\n" + members + "}\n";
  }

  @Test
  void aSafeProductionRunbookIsClean() {
    check(prod(SAFE_MEMBERS)).assertClean();
  }

  @Test
  void everyRuleIsReportedAtTheRunbookNameWithTheSnippetToAdd() {
    var result = check(prod(""));
    assertThat(result.codes()).containsExactly(Code.CH0501, Code.CH0502, Code.CH0503,
        Code.CH0504, Code.CH0507);
    assertThat(result.diagnostics()).allMatch(d -> d.span().text().equals("\"r\""));
    assertThat(result.first(Code.CH0501).helps())
        .containsExactly("declare it, at most 30%: `blast_radius 30%`");
    assertThat(result.first(Code.CH0502).helps())
        .containsExactly("add a low-traffic window: `window 02:00 to 06:00 zone \"UTC\"`");
    assertThat(result.first(Code.CH0504).helps()).singleElement().asString()
        .contains("prometheus.alerts(severity: \"critical\")");
    assertThat(result.first(Code.CH0503).label()).isEqualTo("required for `environment prod`");
  }

  @Test
  void aProductionRunbookWithoutALockIsAnError() {
    Diagnostic d = check(prod(SAFE_MEMBERS.replace("  lock \"shop\"\n", ""))).only(Code.CH0507);
    assertThat(d.message()).isEqualTo("production runbook without a `lock`");
    assertThat(d.span().text()).isEqualTo("\"r\"");
    assertThat(d.helps()).singleElement().asString().contains("lock \"llm-marketplace\"");
    var asProd = check("runbook \"r\" {\n  environment staging\n" + SAFE_MEMBERS.replace(
        "  lock \"shop\"\n", "") + "}\n", new CheckOptions(true)).only(Code.CH0507);
    assertThat(asProd.label()).isEqualTo("required by `--as prod`");
  }

  @Test
  void blastRadiusAboveThirtyPercent() {
    Diagnostic d = check(prod(SAFE_MEMBERS.replace("30%", "50%"))).only(Code.CH0501);
    assertThat(d.span().text()).isEqualTo("50%");
    assertThat(d.message()).isEqualTo("blast radius 50% is above 30% in production");
  }

  @Test
  void criticalAlertPreconditionThroughFunctions() {
    String noAlerts = SAFE_MEMBERS.replace(
        "expect len(prometheus.alerts(severity: \"critical\")) == 0", "expect slo.no_critical_alerts()");
    check("import \"slo\"\n" + prod(noAlerts)).assertClean();
    check("""
        fn calm() -> Bool = quiet()
        fn quiet() -> Bool = len(prometheus.alerts(severity: "critical")) == 0
        """ + prod(SAFE_MEMBERS.replace(
            "expect len(prometheus.alerts(severity: \"critical\")) == 0", "expect calm()")))
        .assertClean();
    check(prod(SAFE_MEMBERS.replace("\"critical\"", "\"warning\""))).only(Code.CH0504);
  }

  @Test
  void stagingRunbooksAreNotHeldToProductionRules() {
    check(prod("").replace("environment prod", "environment staging")).assertClean();
  }

  @Test
  void asProdAppliesTheRulesToAnyRunbook() throws Exception {
    Path examples = dev.chaos.ContractExamples.dir();
    var podFailure = check(Files.readString(examples.resolve("pod-failure.chaos")),
        new CheckOptions(true));
    assertThat(podFailure.codes()).containsExactly(Code.CH0502, Code.CH0504);
    assertThat(podFailure.first(Code.CH0502).label()).isEqualTo("required by `--as prod`");
    var redisFailover = check(Files.readString(examples.resolve("redis-failover.chaos")),
        new CheckOptions(true));
    assertThat(redisFailover.codes()).containsExactly(Code.CH0501, Code.CH0502);
  }
}
