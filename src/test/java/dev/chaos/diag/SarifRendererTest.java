package dev.chaos.diag;

import static dev.chaos.diag.DiagnosticSamples.span;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chaos.source.SourceFile;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SarifRendererTest {
  private final SarifRenderer renderer = new SarifRenderer("1.2.3");

  @Test
  void describesTheToolAndEveryRuleUsedOnce() {
    SourceFile file = new SourceFile("my runbooks/a.chaos", "let x = nme\nlet y = nme\n");
    Diagnostic undefined1 = Diagnostic.of(Code.CH0201, file.span(8, 11), "undefined name `nme`");
    Diagnostic undefined2 = Diagnostic.of(Code.CH0201, file.span(20, 23), "undefined name `nme`");
    Diagnostic unused = Diagnostic.of(Code.CH0601, span(file, "x"), "unused let `x`");
    JsonNode root = parse(renderer.render(DiagnosticSamples.sorted(undefined1, undefined2, unused),
        List.of(file, DiagnosticSamples.POD_FAILURE)));

    assertThat(root.get("$schema").asString()).isEqualTo(SarifRenderer.SCHEMA);
    assertThat(root.get("version").asString()).isEqualTo("2.1.0");
    assertThat(root.get("runs").size()).isEqualTo(1);
    JsonNode driver = root.at("/runs/0/tool/driver");
    assertThat(driver.get("name").asString()).isEqualTo("chaos");
    assertThat(driver.get("version").asString()).isEqualTo("1.2.3");
    // no web address is made up: the project has none that is fixed
    assertThat(driver.has("informationUri")).isFalse();
    JsonNode rules = driver.get("rules");
    assertThat(rules.size()).isEqualTo(2);
    assertThat(rules.at("/0/id").asString()).isEqualTo("CH0201");
    assertThat(rules.at("/0/shortDescription/text").asString()).isEqualTo("undefined name");
    assertThat(rules.get(0).has("helpUri")).isFalse();
    assertThat(rules.at("/0/help/text").asString())
        .isEqualTo("CH0201 (undefined name): see docs/diagnostics.md#ch0201 for what it means and how to fix it");
    assertThat(rules.at("/0/defaultConfiguration/level").asString()).isEqualTo("error");
    assertThat(rules.at("/1/id").asString()).isEqualTo("CH0601");
    assertThat(rules.at("/1/defaultConfiguration/level").asString()).isEqualTo("warning");

    JsonNode results = root.at("/runs/0/results");
    assertThat(results.size()).isEqualTo(3);
    assertThat(results.at("/0/ruleId").asString()).isEqualTo("CH0601");
    assertThat(results.at("/0/ruleIndex").asInt()).isEqualTo(1);
    assertThat(results.at("/0/level").asString()).isEqualTo("warning");
    assertThat(results.at("/1/ruleId").asString()).isEqualTo("CH0201");
    assertThat(results.at("/1/ruleIndex").asInt()).isZero();
    assertThat(results.at("/2/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(2);
    assertThat(results.at("/2/locations/0/physicalLocation/artifactLocation/uri").asString())
        .isEqualTo("my%20runbooks/a.chaos");
  }

  @Test
  void resultCarriesMessageLabelHelpsAndRegion() {
    JsonNode root = parse(renderer.render(List.of(DiagnosticSamples.unknownFunction()), List.of(DiagnosticSamples.POD_FAILURE)));
    JsonNode result = root.at("/runs/0/results/0");

    assertThat(result.get("ruleId").asString()).isEqualTo("CH0203");
    assertThat(result.get("level").asString()).isEqualTo("error");
    assertThat(result.at("/message/text").asString()).isEqualTo(
        "unknown function `k8s.kill_pod`: not provided by driver `k8s`\nhelp: did you mean `k8s.kill_pods`?");
    JsonNode location = result.at("/locations/0/physicalLocation");
    assertThat(location.at("/artifactLocation/uri").asString()).isEqualTo("runbooks/pod-failure.chaos");
    assertThat(location.at("/region/startLine").asInt()).isEqualTo(31);
    assertThat(location.at("/region/startColumn").asInt()).isEqualTo(5);
    assertThat(location.at("/region/endLine").asInt()).isEqualTo(31);
    assertThat(location.at("/region/endColumn").asInt()).isEqualTo(17);
  }

  @Test
  void aSecondPlaceIsARelatedLocation() {
    JsonNode result = parse(renderer.render(List.of(DiagnosticSamples.definedTwice()),
        List.of(DiagnosticSamples.TWICE))).at("/runs/0/results/0");

    assertThat(result.at("/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(3);
    JsonNode related = result.at("/relatedLocations/0");
    assertThat(related.at("/physicalLocation/artifactLocation/uri").asString()).isEqualTo("a.chaos");
    assertThat(related.at("/physicalLocation/region/startLine").asInt()).isEqualTo(1);
    assertThat(related.at("/physicalLocation/region/startColumn").asInt()).isEqualTo(5);
    assertThat(related.at("/message/text").asString()).isEqualTo("first defined here");
    assertThat(result.at("/message/text").asString()).isEqualTo("`limit` is defined twice: "
        + "`limit` was first defined on line 1\nfirst defined here: a.chaos:1:5\n"
        + "help: rename one of them");
  }

  @Test
  void cleanRunHasNoResultsAndNoRules() {
    JsonNode root = parse(renderer.render(List.of(), List.of(DiagnosticSamples.POD_FAILURE)));

    assertThat(root.at("/runs/0/results").isArray()).isTrue();
    assertThat(root.at("/runs/0/results").size()).isZero();
    assertThat(root.at("/runs/0/tool/driver/rules").size()).isZero();
  }

  @Test
  void encodesPathsAsUriReferences() {
    assertThat(SarifRenderer.uriReference("runbooks/pod-failure.chaos")).isEqualTo("runbooks/pod-failure.chaos");
    assertThat(SarifRenderer.uriReference("a b/c#d%.chaos")).isEqualTo("a%20b/c%23d%25.chaos");
    assertThat(SarifRenderer.uriReference("caf\u00E9.chaos")).isEqualTo("caf%C3%A9.chaos");
  }

  private JsonNode parse(String sarif) {
    return JsonMapper.builder().build().readTree(sarif);
  }
}
