package dev.chaos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaos.runtime.html.WellFormed;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * `chaos report` over a folder of runs: two rehearsals of pod-failure and an aborted variant,
 * beside a folder that is no run and a report.json that does not parse (both named in a
 * warning and skipped, never a stack trace).
 */
@Timeout(180)
class ReportCommandTest {
  @TempDir
  static Path dir;
  static Path runs;

  @BeforeAll
  static void rehearse() throws Exception {
    runs = dir.resolve("chaos-runs");
    for (String name : new String[] {"pod-failure-20260101-100000", "pod-failure-20260102-100000"}) {
      CliRunner.Result r = new CliRunner().run("exec", "--sandbox",
          HtmlReportRehearsalTest.POD_FAILURE.toString(), "--journal",
          runs.resolve(name).resolve("journal.jsonl").toString());
      assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    }
    CliRunner.Result r = new CliRunner().run("exec", "--sandbox",
        HtmlReportRehearsalTest.abortingVariant(dir).toString(), "--journal",
        runs.resolve("pod-abort").resolve("journal.jsonl").toString());
    assertThat(r.exitCode()).isEqualTo(ExitCodes.ABORTED);
    Files.createDirectories(runs.resolve("notes"));
    Files.createDirectories(runs.resolve("broken"));
    Files.writeString(runs.resolve("broken/report.json"), "{\"runbook\": ");
  }

  @Test
  void textShowsEachRunbooksRunsOutcomesAndRecoveryTrend() {
    CliRunner.Result r = new CliRunner().run("report", runs.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("pod-failure (Pod failure: random pod kill): 2 runs: 2 passed",
        "pod-abort (Pod kill <script>alert(1)</script> & \"co\"): 1 run: 1 aborted",
        "recovered in 0s", "recovery time: 0s \u2192 0s (last vs first: +0s, unchanged; mean 0s)",
        "recovery time: 15s (one run recorded)");
    assertThat(r.err()).contains("warning: skipped " + runs.resolve("notes")
        + ": not a run folder (no report.json)", "warning: skipped "
        + runs.resolve("broken/report.json") + ": not valid JSON")
        .doesNotContain("Exception", "\tat ");
  }

  @Test
  void jsonHasTheSameFacts() {
    CliRunner.Result r = new CliRunner().run("report", "--format", "json", runs.toString());
    assertThat(r.exitCode()).isZero();
    JsonNode root = JsonMapper.builder().build().readTree(r.out());
    JsonNode pod = root.get("runbooks").get(1);
    assertThat(pod.get("name").asString()).isEqualTo("pod-failure");
    assertThat(pod.get("outcomes").get("passed").asInt()).isEqualTo(2);
    assertThat(pod.get("runs")).hasSize(2);
    assertThat(pod.get("recovery_trend").get("times")).hasSize(2);
    assertThat(root.get("runbooks").get(0).get("runs").get(0).get("outcome").asString())
        .isEqualTo("aborted");
    assertThat(root.get("skipped")).hasSize(2);
  }

  @Test
  void htmlIsASelfContainedPageWithAChartPerRunbook() throws Exception {
    Path out = dir.resolve("history.html");
    CliRunner.Result r = new CliRunner().run("report", "--format", "html", "-o", out.toString(),
        runs.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    String html = Files.readString(out);
    WellFormed.parse(html);
    assertThat(html).contains("aria-label=\"runs of pod-failure over time\"",
        "aria-label=\"runs of pod-abort over time\"", "class=\"dot run-passed\"",
        "class=\"dot run-aborted\"", "class=\"trend\"",
        "Pod kill &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;co&quot;",
        "Content-Security-Policy").doesNotContain("<script", " src=", " href=");
  }

  @Test
  void aRunFolderGivenAloneIsRead() {
    CliRunner.Result r = new CliRunner().run("report",
        runs.resolve("pod-failure-20260101-100000").toString(), dir.resolve("nowhere").toString());
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("pod-failure (Pod failure: random pod kill): 1 run: 1 passed");
    assertThat(r.err()).contains("warning: skipped " + dir.resolve("nowhere") + ": no such folder");
  }
}
