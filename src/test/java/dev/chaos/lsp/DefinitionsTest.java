package dev.chaos.lsp;

import static dev.chaos.lsp.FeaturesFixture.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Position;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DefinitionsTest {
  @TempDir
  Path dir;
  FeaturesFixture fixture;
  Analysis analysis;

  @BeforeEach
  void check() throws IOException {
    fixture = new FeaturesFixture(dir);
    analysis = fixture.analysis();
  }

  private Target target(int offset) {
    return Targets.at(analysis, offset, LspFixtures.DRIVERS).orElseThrow();
  }

  private Position position(int offset) {
    return Positions.position(analysis.source(), offset);
  }

  @Test
  void aLetIsDefinedWhereItsNameIs() {
    List<Location> defs = Definitions.definition(target(at("backend).ready", 1)));
    assertThat(defs).singleElement().satisfies(l -> {
      assertThat(l.getUri()).isEqualTo(fixture.runbook.toUri().toString());
      assertThat(l.getRange().getStart()).isEqualTo(position(at("backend = k8s", 0)));
    });
  }

  @Test
  void aFunctionOfAModuleIsDefinedInTheModule() {
    List<Location> defs = Definitions.definition(target(at("failure_rate()", 0)));
    assertThat(defs).singleElement().satisfies(l -> {
      assertThat(l.getUri()).isEqualTo(fixture.module.toUri().toString());
      assertThat(l.getRange().getStart()).isEqualTo(new Position(2, 3));
    });
  }

  @Test
  void anImportIsDefinedAsItsFile() {
    assertThat(Definitions.definition(target(at("\"lib.chaos\"", 2))))
        .singleElement().satisfies(l -> {
          assertThat(l.getUri()).isEqualTo(fixture.module.toUri().toString());
          assertThat(l.getRange().getStart()).isEqualTo(new Position(0, 0));
        });
    assertThat(Definitions.definition(target(at("lib.restart", 1))))
        .extracting(Location::getUri).containsExactly(fixture.module.toUri().toString());
  }

  @Test
  void aParameterAndAUserFunction() {
    assertThat(Definitions.definition(target(at("n * 2", 0))))
        .extracting(l -> l.getRange().getStart()).containsExactly(position(at("n: Int", 0)));
    assertThat(Definitions.definition(target(at("double(1)", 0))))
        .extracting(l -> l.getRange().getStart()).containsExactly(position(at("double(n", 0)));
  }

  @Test
  void referencesOfALetAndOfAModuleFunction() {
    List<Location> refs = Definitions.references(target(at("backend = k8s", 0)), analysis,
        List.of(), true);
    assertThat(refs).hasSize(3); // the declaration and two uses
    assertThat(Definitions.references(target(at("backend = k8s", 0)), analysis, List.of(), false))
        .hasSize(2);
    List<Location> fnRefs = Definitions.references(target(at("restart(\"api\")", 0)), analysis,
        List.of(), true);
    assertThat(fnRefs).extracting(Location::getUri).containsExactlyInAnyOrder(
        fixture.module.toUri().toString(), fixture.runbook.toUri().toString());
  }

  /** With no stdlib beside the runbook, a stdlib function is shown in a copy of the jar's. */
  @Test
  void aBundledStdlibFunctionIsShownInACopy() throws IOException {
    Path alone = java.nio.file.Files.createDirectories(dir.resolve("alone")).resolve("r.chaos");
    String text = "import \"slo\"\nlet rate = slo.error_rate()\n";
    Analysis bundled = LspFixtures.analyze(alone, text);
    assertThat(bundled.program().modules().get("slo").source().path()).isEqualTo("stdlib/slo.chaos");
    Target fn = Targets.at(bundled, text.indexOf("error_rate"), LspFixtures.DRIVERS).orElseThrow();
    Location def = Definitions.definition(fn).get(0);
    Path copy = Path.of(java.net.URI.create(def.getUri()));
    String copied = java.nio.file.Files.readString(copy);
    assertThat(copy.toString()).endsWith("stdlib/slo.chaos");
    assertThat(copied).isEqualTo(bundled.program().modules().get("slo").source().text());
    int line = def.getRange().getStart().getLine();
    assertThat(copied.lines().skip(line).findFirst().orElseThrow()).contains("fn error_rate");
  }

  @Test
  void builtinsHaveNoDefinitionInAFile() {
    assertThat(Definitions.definition(target(at("kill_pods", 0)))).isEmpty();
  }
}
