package dev.chaos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaos.runtime.html.WellFormed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every run writes report.html beside report.md: for the pod-failure rehearsal it charts every
 * observe, guard, throughout verify, check and the recovery condition, and marks the steps;
 * for a variant whose guard trips (and whose title carries markup), the violation and the
 * abort are marked and the title is escaped.
 */
@Timeout(120)
class HtmlReportRehearsalTest {
  static final Path POD_FAILURE = dev.chaos.ContractExamples.path("pod-failure.chaos");

  /**
   * pod-failure with a guard the kill breaks, and a title full of markup. The kill takes every
   * backend pod (the gateway then fails every request until they are back): with the causal
   * world, killing one of five no longer raises the error rate, which the guard alone used to
   * catch when the world added a fixed share per pod down.
   */
  static Path abortingVariant(Path dir) throws Exception {
    String text = Files.readString(POD_FAILURE)
        .replace("runbook \"pod-failure\"", "runbook \"pod-abort\"")
        .replace("blast_radius 30%", "blast_radius 100%")
        .replace("fraction: 30%", "fraction: 100%")
        .replace("expect slo.error_rate() < 5%", "expect slo.error_rate() < 0.1%")
        .replace("title \"Pod failure: random pod kill\"",
            "title \"Pod kill <script>alert(1)</script> & \\\"co\\\"\"");
    Path file = dir.resolve("pod-abort.chaos");
    Files.writeString(file, text);
    return file;
  }

  @Test
  void aRehearsalChartsEverySeriesAndMarksItsSteps(@TempDir Path dir) throws Exception {
    CliRunner.Result r = new CliRunner().run("exec", "--sandbox", POD_FAILURE.toString(),
        "--journal", dir.resolve("journal.jsonl").toString());
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    String html = Files.readString(dir.resolve("report.html"));
    WellFormed.parse(html);
    for (String series : List.of("observe error_rate", "observe p95",
        "guard &quot;error rate under 5%&quot;", "guard &quot;gateway answers&quot;",
        "verify (throughout) &quot;no user-facing errors&quot;",
        "precondition &quot;backend fully ready&quot;",
        "verify &quot;no pod evictions&quot;", "recovery condition")) {
      assertThat(html).contains("aria-label=\"" + series + " over the run\"");
    }
    assertThat(html).contains("<dt>Exit code</dt><dd>0</dd>", "class=\"band band-chaos\"",
        "step 1 &quot;kill 30% of backend pods&quot; starts",
        "step 2 &quot;pods recreated within 30s&quot; starts", "recovery deadline",
        "k8s.kill_pods", "the rollback block").doesNotContain("aborted in ");
  }

  @Test
  void anAbortedRunMarksTheViolationAndTheAbort(@TempDir Path dir) throws Exception {
    Path runbook = abortingVariant(dir);
    CliRunner.Result r = new CliRunner().run("exec", "--sandbox", runbook.toString(),
        "--journal", dir.resolve("run/journal.jsonl").toString());
    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(ExitCodes.ABORTED);
    String html = Files.readString(dir.resolve("run/report.html"));
    WellFormed.parse(html);
    assertThat(html).contains("class=\"mark mark-violation\"><title>guard &quot;error rate",
        "class=\"mark mark-abort\"><title>aborted in steps: guard",
        "<dt>Exit code</dt><dd>4</dd>",
        "Pod kill &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;co&quot;")
        .doesNotContain("<script");
  }
}
