package dev.chaos.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaos.runtime.RunResult.StepResult;
import dev.chaos.runtime.RunResult.UndoResult;
import dev.chaos.runtime.html.Html;
import dev.chaos.runtime.html.Marks;
import dev.chaos.runtime.html.Series;
import dev.chaos.runtime.html.WellFormed;
import dev.chaos.spi.Redactor;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * report.html from a run whose names and messages carry markup and a secret: everything is
 * escaped (the page parses as XML), the secret is masked in every form, every series is
 * charted, and the steps, the guard violation, the abort and the recovery deadline are marked.
 */
class HtmlReportTest {
  private static final Instant T0 = Instant.parse("2025-01-06T03:00:00Z");
  private static final String EVIL = "<script>alert(\"x\")</script> & 'co'";
  private static final String STEP = "kill <b>pods</b> & \"wait\"";
  private static final String GUARD = "errors < 1% & \"sane\"";
  private static final String SECRET = "Sup3r&Secret<pw>\"";

  private static Instant at(long seconds) {
    return T0.plusSeconds(seconds);
  }

  static List<RunEvent> events() {
    return List.of(
        new RunEvent.PhaseEntered(at(0), RunPhase.PRECONDITIONS),
        new RunEvent.CheckEvaluated(at(0), "precondition", EVIL, ProbeOutcome.TRUE, "5 == 5",
            null),
        new RunEvent.PhaseEntered(at(1), RunPhase.BASELINE),
        new RunEvent.ProbeSampled(at(1), "observe", "error_rate", ProbeOutcome.TRUE, "0.02%",
            null, null, "baseline"),
        new RunEvent.ProbeSampled(at(1), "observe", "p95", ProbeOutcome.TRUE, "180ms", null,
            null, "baseline"),
        new RunEvent.PhaseEntered(at(5), RunPhase.STEPS),
        new RunEvent.StepStarted(at(5), STEP, "block", null, 0, false),
        new RunEvent.Call(at(6), "k8s.kill_pods", Map.of(), "step", STEP, null, false),
        new RunEvent.ProbeSampled(at(8), "guard", "gateway answers", ProbeOutcome.TRUE, null,
            "200 == 200", null, null),
        new RunEvent.ProbeSampled(at(10), "observe", "error_rate", ProbeOutcome.TRUE, "4.5%",
            null, null, null),
        new RunEvent.ProbeSampled(at(10), "guard", GUARD, ProbeOutcome.FALSE, null,
            "4.5% < 1%", "the server said <em>" + SECRET + "</em>", null),
        new RunEvent.Abort(at(10), "guard \"" + GUARD + "\" tripped", RunPhase.STEPS),
        new RunEvent.StepFinished(at(10), STEP, 1, StepResult.Status.ABORTED, "stopped", null),
        new RunEvent.PhaseEntered(at(11), RunPhase.UNDO),
        new RunEvent.UndoStarted(at(11), 1, "undo " + STEP, 1),
        new RunEvent.UndoFinished(at(15), 1, "undo " + STEP, 1, true, null, null),
        new RunEvent.PhaseEntered(at(15), RunPhase.RECOVERY),
        new RunEvent.WaitUntil(at(15), "recovery", "", "recovery", Duration.ofSeconds(5),
            Duration.ofMinutes(2), at(135), false),
        new RunEvent.ProbeSampled(at(20), "recovery", "recovery", ProbeOutcome.TRUE, null,
            "0.1% < 0.5%", null, null),
        new RunEvent.Recovery(at(20), true, Duration.ofSeconds(5), Duration.ofMinutes(2), null),
        new RunEvent.RunFinished(at(20), Outcome.ABORTED, "guard tripped", List.of(),
            Duration.ofSeconds(20)));
  }

  static RunResult result() {
    RunResult.Header header = new RunResult.Header("evil.chaos", "evil", EVIL,
        "objective " + EVIL, "staging", "team & co", List.of(), "30%", "10m", null, null,
        "evil-20250106-030000-abcd");
    String reason = "guard \"" + GUARD + "\" tripped";
    return new RunResult(header, false, at(0), at(20), Outcome.ABORTED, reason,
        new RunResult.Abort(reason, "steps"),
        List.of(new RunResult.Check(EVIL, ProbeOutcome.TRUE, "5 == 5", null)), List.of(),
        List.of(new RunResult.ProbeSummary(GUARD, "5s", 1, 0, 1, 0, ProbeOutcome.FALSE,
            "4.5% < 1%", "the server said " + SECRET, true)),
        List.of(),
        List.of(new RunResult.ObserveSummary("error_rate", "5s", "0.02%", "4.5%", "4.5%", 2, 0,
            null)),
        List.of(new StepResult(STEP, StepResult.Status.ABORTED, 1, Duration.ofSeconds(5),
            "stopped by " + SECRET, null, "block")),
        List.of(new UndoResult(STEP, "undo " + STEP, UndoResult.Kind.BLOCK,
            UndoResult.Status.DONE, 1, null)),
        new RunResult.Recovery(true, true, "2m", Duration.ofSeconds(5), null),
        Map.of("rto", "5s"),
        List.of(new RunResult.Disruption("step \"" + STEP + "\"", "k8s.kill_pods(<sel>)",
            "[pod-1]", "1 of 5 pods (20%)")),
        List.of(), List.of("guard \"" + GUARD + "\" tripped: " + SECRET));
  }

  private static String page() {
    Redactor redactor = new Redactor();
    redactor.learn(SECRET);
    return HtmlReport.render(result(), events(), 4, redactor);
  }

  @Test
  void everyTextIsEscapedAndThePageIsWellFormed() throws Exception {
    String html = page();
    Document doc = WellFormed.parse(html);
    assertThat(doc.getDocumentElement().getTagName()).isEqualTo("html");
    assertThat(html).doesNotContain("<script", "<b>", "<em>", "<sel>")
        .contains(Html.escape(EVIL), Html.escape(STEP), Html.escape(GUARD),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;");
  }

  @Test
  void aSecretIsMaskedInEveryForm() {
    String html = page();
    assertThat(html).doesNotContain(SECRET, Html.escape(SECRET), "Sup3r").contains("***");
  }

  @Test
  void theHeaderSaysWhatHappened() {
    assertThat(page()).contains("aborted", "evil.chaos", "staging",
        "evil-20250106-030000-abcd", "2025-01-06T03:00:00Z", "2025-01-06T03:00:20Z",
        "<dt>Exit code</dt><dd>4</dd>");
  }

  @Test
  void isSelfContained() {
    String html = page();
    assertThat(html).contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src"
        + " 'none';").doesNotContain(" src=", " href=", "url(", "@import");
  }

  @Test
  void everySeriesIsChartedWithTheMarks() {
    String html = page();
    for (String title : List.of("precondition \"" + EVIL + "\"", "observe error_rate",
        "observe p95", "guard \"gateway answers\"", "guard \"" + GUARD + "\"",
        "recovery condition")) {
      assertThat(html).contains("aria-label=\"" + Html.escape(title) + " over the run\"");
    }
    assertThat(html).contains("class=\"band band-baseline\"", "class=\"band band-chaos\"",
        "class=\"mark mark-step\"", "class=\"mark mark-violation\"", "class=\"mark mark-abort\"",
        "class=\"mark mark-deadline-arrow\"", "class=\"threshold\"", "class=\"dot dot-false\"",
        "recovery deadline +2m15s");
  }

  @Test
  void theChaosWindowRunsFromTheFirstMutatingStepToTheEndOfUndo() {
    RunTimeline timeline = new RunTimeline(events(), at(0), at(20));
    Marks marks = timeline.marks();
    assertThat(marks.spans()).contains(new Marks.Span(Marks.Kind.CHAOS, at(5), at(15),
        "chaos window"), new Marks.Span(Marks.Kind.BASELINE, at(1), at(5), "baseline phase"));
    assertThat(marks.marks()).extracting(Marks.Mark::kind).containsExactly(Marks.Kind.STEP,
        Marks.Kind.VIOLATION, Marks.Kind.ABORT, Marks.Kind.DEADLINE);
    assertThat(timeline.end()).as("a deadline is not a time the run reached").isEqualTo(at(20));
  }

  @Test
  void anAbortWithoutItsOwnEventIsMarkedWhereTheStepItStoppedEnded() {
    List<RunEvent> withoutAbort = events().stream()
        .filter(e -> !(e instanceof RunEvent.Abort)).toList();
    Marks marks = new RunTimeline(withoutAbort, at(0), at(20))
        .marks(new RunResult.Abort("guard tripped", "steps"));
    assertThat(marks.marks()).contains(new Marks.Mark(Marks.Kind.ABORT, at(10),
        "aborted in steps: guard tripped"));
  }

  @Test
  void aGuardsDetailGivesItsFigureAndThreshold() {
    Series guard = new RunTimeline(events(), at(0), at(20)).series(result()).stream()
        .filter(s -> s.name().equals("\"" + GUARD + "\"")).findFirst().orElseThrow();
    assertThat(guard.unit()).isEqualTo(dev.chaos.runtime.html.Magnitude.Unit.PERCENT);
    assertThat(guard.threshold()).isEqualTo(1.0);
    assertThat(guard.comparison()).isEqualTo("<");
    assertThat(guard.points()).extracting(Series.Point::value).containsExactly(4.5);
    assertThat(guard.points()).extracting(Series.Point::outcome).containsExactly("false");
  }
}
