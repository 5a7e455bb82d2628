package dev.chaos.diag;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaos.source.SourceFile;
import dev.chaos.source.Span;
import org.junit.jupiter.api.Test;

/** Which helps are mechanical fixes, and the edit each one is. */
class FixTest {
  private static Span span(String text, String word) {
    SourceFile file = new SourceFile("t.chaos", text);
    int at = text.indexOf(word);
    return new Span(file, at, at + word.length());
  }

  @Test
  void didYouMeanReplacesTheWordUnderTheSpan() {
    Span s = span("k8s.kill_pod(x)", "k8s.kill_pod");
    assertThat(Fix.fromHelp(s, "did you mean `k8s.kill_pods`?"))
        .hasValue(new Fix("replace with `k8s.kill_pods`", s, "k8s.kill_pods"));
  }

  @Test
  void aNamedArgumentLosesItsColonAndAStringKeepsItsQuotes() {
    Span arg = span("f(fractoin: 3%)", "fractoin");
    assertThat(Fix.fromHelp(arg, "did you mean `fraction:`?").orElseThrow().replacement())
        .isEqualTo("fraction");
    Span zone = span("zone \"Europe/Pariss\"", "\"Europe/Pariss\"");
    assertThat(Fix.fromHelp(zone, "did you mean `Europe/Paris`?").orElseThrow().replacement())
        .isEqualTo("\"Europe/Paris\"");
  }

  @Test
  void aSuggestionForALargerSpanIsNoFix() {
    Span call = span("k8s.kill_pod(backend, fraction: 30%)", "k8s.kill_pod(backend, fraction: 30%)");
    assertThat(Fix.fromHelp(call, "did you mean `k8s.kill_pods`?")).isEmpty();
  }

  @Test
  void unitsAreFixes() {
    Span n = span("wait 30", "30");
    assertThat(Fix.fromHelp(n, "write the number with its unit: `30s`").orElseThrow().replacement())
        .isEqualTo("30s");
    assertThat(Fix.fromHelp(n, "a `Percent` needs `%`: `30%`").orElseThrow().replacement())
        .isEqualTo("30%");
    assertThat(Fix.fromHelp(n, "convert seconds with `seconds(x)`")).isEmpty();
  }

  @Test
  void theSinkAttachesFixesAndKeepsThem() {
    Span s = span("backnd", "backnd");
    Diagnostics sink = new Diagnostics();
    sink.add(Diagnostic.of(Code.CH0201, s, "undefined name `backnd`").withHelp("did you mean `backend`?"));
    Diagnostic d = sink.sorted().get(0);
    assertThat(d.fixes()).extracting(Fix::replacement).containsExactly("backend");
    assertThat(d.withLabel("x").withHelp("y").fixes()).hasSize(1);
  }
}
