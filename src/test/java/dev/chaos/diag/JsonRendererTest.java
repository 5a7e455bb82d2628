package dev.chaos.diag;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaos.source.SourceFile;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class JsonRendererTest {
  private final JsonMapper mapper = JsonMapper.builder().build();

  @Test
  void writesEveryFieldOfEachDiagnosticAndTheCounts() {
    SourceFile clean = new SourceFile("runbooks/clean.chaos", "import \"slo\"\n");
    String out = new JsonRenderer().render(List.of(DiagnosticSamples.unknownFunction()),
        List.of(clean, DiagnosticSamples.POD_FAILURE));

    assertThat(out).endsWith("}\n");
    JsonNode root = mapper.readTree(out);
    assertThat(root.at("/counts/files").asInt()).isEqualTo(2);
    assertThat(root.at("/counts/errors").asInt()).isEqualTo(1);
    assertThat(root.at("/counts/warnings").asInt()).isZero();
    assertThat(root.at("/files/0").asString()).isEqualTo("runbooks/clean.chaos");
    assertThat(root.at("/files/1").asString()).isEqualTo("runbooks/pod-failure.chaos");

    JsonNode d = root.at("/diagnostics/0");
    assertThat(root.get("diagnostics").size()).isEqualTo(1);
    assertThat(d.get("code").asString()).isEqualTo("CH0203");
    assertThat(d.get("severity").asString()).isEqualTo("error");
    assertThat(d.get("title").asString()).isEqualTo("unknown function");
    assertThat(d.get("message").asString()).isEqualTo("unknown function `k8s.kill_pod`");
    assertThat(d.get("label").asString()).isEqualTo("not provided by driver `k8s`");
    assertThat(d.at("/helps/0").asString()).isEqualTo("did you mean `k8s.kill_pods`?");
    assertThat(d.get("file").asString()).isEqualTo("runbooks/pod-failure.chaos");
    int start = 30 * "// filler\n".length() + 4;
    assertThat(d.at("/span/start").asInt()).isEqualTo(start);
    assertThat(d.at("/span/end").asInt()).isEqualTo(start + "k8s.kill_pod".length());
    assertThat(d.at("/span/startLine").asInt()).isEqualTo(31);
    assertThat(d.at("/span/startColumn").asInt()).isEqualTo(5);
    assertThat(d.at("/span/endLine").asInt()).isEqualTo(31);
    assertThat(d.at("/span/endColumn").asInt()).isEqualTo(17);
    assertThat(d.get("fixes").isArray()).isTrue();
  }

  /** A mechanical fix is written with the span it replaces and its replacement. */
  @Test
  void writesTheFixes() {
    SourceFile file = new SourceFile("f.chaos", "k8s.kill_pod(x)\n");
    Diagnostic d = Diagnostic.of(Code.CH0203, file.span(0, 12), "unknown function `k8s.kill_pod`")
        .withFix(Fix.replace(file.span(0, 12), "k8s.kill_pods"));
    JsonNode fix = mapper.readTree(new JsonRenderer().render(List.of(d), List.of(file)))
        .at("/diagnostics/0/fixes/0");
    assertThat(fix.get("title").asString()).isEqualTo("replace with `k8s.kill_pods`");
    assertThat(fix.get("file").asString()).isEqualTo("f.chaos");
    assertThat(fix.at("/span/start").asInt()).isZero();
    assertThat(fix.at("/span/endColumn").asInt()).isEqualTo(13);
    assertThat(fix.get("replacement").asString()).isEqualTo("k8s.kill_pods");
  }

  @Test
  void countsWarningsApartAndKeepsTextAsIs() {
    SourceFile file = new SourceFile("w.chaos", "let \"q\" = 1\n");
    Diagnostic warning = Diagnostic.of(Code.CH0601, file.span(4, 7), "unused let `\"q\"`\nsecond line");
    JsonNode root = mapper.readTree(new JsonRenderer().render(List.of(warning), List.of(file)));

    assertThat(root.at("/counts/errors").asInt()).isZero();
    assertThat(root.at("/counts/warnings").asInt()).isEqualTo(1);
    assertThat(root.at("/diagnostics/0/severity").asString()).isEqualTo("warning");
    assertThat(root.at("/diagnostics/0/message").asString()).isEqualTo("unused let `\"q\"`\nsecond line");
    assertThat(root.at("/diagnostics/0/label").asString()).isEmpty();
    assertThat(root.at("/diagnostics/0/helps").isArray()).isTrue();
  }

  @Test
  void aSecondPlaceIsListedWithItsLabelAndSpan() {
    JsonNode d = mapper.readTree(new JsonRenderer().render(List.of(DiagnosticSamples.definedTwice()),
        List.of(DiagnosticSamples.TWICE))).at("/diagnostics/0");

    assertThat(d.at("/related").size()).isEqualTo(1);
    assertThat(d.at("/related/0/label").asString()).isEqualTo("first defined here");
    assertThat(d.at("/related/0/file").asString()).isEqualTo("a.chaos");
    assertThat(d.at("/related/0/span/startLine").asInt()).isEqualTo(1);
    assertThat(d.at("/related/0/span/startColumn").asInt()).isEqualTo(5);
    assertThat(d.at("/related/0/span/endColumn").asInt()).isEqualTo(10);
  }

  @Test
  void cleanRunHasAnEmptyList() {
    JsonNode root = mapper.readTree(new JsonRenderer().render(List.of(), List.of()));

    assertThat(root.get("diagnostics").isArray()).isTrue();
    assertThat(root.get("diagnostics").size()).isZero();
    assertThat(root.at("/counts/files").asInt()).isZero();
  }
}
