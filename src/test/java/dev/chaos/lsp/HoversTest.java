package dev.chaos.lsp;

import static dev.chaos.lsp.FeaturesFixture.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.eclipse.lsp4j.Hover;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HoversTest {
  @TempDir
  Path dir;
  Analysis analysis;

  @BeforeEach
  void check() throws IOException {
    analysis = new FeaturesFixture(dir).analysis();
    assertThat(analysis.diagnostics()).isEmpty();
  }

  private String hover(int offset) {
    Hover hover = Hovers.at(analysis, offset, LspFixtures.DRIVERS);
    return hover == null ? null : hover.getContents().getRight().getValue();
  }

  @Test
  void aDriverFunctionShowsItsSignatureAndDocumentation() {
    String text = hover(at("kill_pods(", 2));
    assertThat(text).contains("k8s.kill_pods(selector, fraction: | count:", "**mutate**", "undo:",
        "- `fraction:` `Percent`");
  }

  @Test
  void aDriverNamespaceShowsTheDriver() {
    assertThat(hover(at("k8s.kill_pods", 1))).contains("driver k8s");
  }

  @Test
  void aStdlibFunctionShowsItsDeclarationAndDocComment() {
    assertThat(hover(at("failure_rate()", 3)))
        .contains("fn failure_rate(window: Duration = 1m) -> Percent")
        .contains("The share of requests that failed, over the last minute.\nRead from Prometheus.")
        .contains("lib.chaos");
  }

  @Test
  void aUserFunctionAndAnAction() {
    assertThat(hover(at("double(1)", 1))).contains("fn double(n: Int) -> Int");
    assertThat(hover(at("restart(\"api\")", 1))).contains("action restart(name: String)");
  }

  @Test
  void theTypeOfNamesAndExpressions() {
    assertThat(hover(at("backend).ready", 2))).contains("let backend: Selector");
    assertThat(hover(at("ready >=", 1))).contains("k8s.pods(backend).ready: Int");
    assertThat(hover(at("killed)}", 1))).contains("let killed: List[String]");
    assertThat(hover(at("namespace, ", 2))).contains("let namespace: String");
  }

  @Test
  void theUnitOfALiteral() {
    assertThat(hover(at("5s {", 0))).startsWith("duration: 5 seconds").contains("Duration");
    assertThat(hover(at("30%)", 1))).startsWith("percentage: 30% (the fraction 0.3)");
  }

  @Test
  void durationsInWords() {
    assertThat(LiteralUnits.words(java.time.Duration.ofMillis(500))).isEqualTo("500 milliseconds");
    assertThat(LiteralUnits.words(java.time.Duration.ofMillis(1500))).isEqualTo("1.5 seconds");
    assertThat(LiteralUnits.words(java.time.Duration.ofSeconds(90)))
        .isEqualTo("1 minute 30 seconds (90 seconds)");
    assertThat(LiteralUnits.words(java.time.Duration.ofSeconds(1))).isEqualTo("1 second");
  }

  @Test
  void aHeaderAttributeShowsWhatItIs() {
    assertThat(hover(at("blast_radius", 3))).contains("blast_radius Percent").contains("prod: at most 30%");
  }

  @Test
  void aNamedArgumentShowsItsParameter() {
    assertThat(hover(at("fraction:", 2))).contains("`fraction:` `Percent`");
  }
}
