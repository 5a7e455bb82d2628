package dev.chaos.lsp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.SymbolKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SymbolsTest {
  @TempDir
  Path dir;

  @Test
  void theOutlineOfARunbook() throws IOException {
    List<DocumentSymbol> symbols = Symbols.of(new FeaturesFixture(dir).analysis().program().program());
    assertThat(symbols).extracting(DocumentSymbol::getName)
        .containsExactly("import \"lib.chaos\"", "double", "runbook \"demo\"");
    DocumentSymbol runbook = symbols.get(2);
    assertThat(runbook.getKind()).isEqualTo(SymbolKind.Namespace);
    assertThat(runbook.getChildren()).extracting(DocumentSymbol::getName).containsExactly(
        "header", "backend", "precondition \"ready\"", "guard \"errors\"", "step \"kill\"",
        "rollback");
    assertThat(runbook.getChildren().get(0).getChildren()).extracting(DocumentSymbol::getName)
        .containsExactly("title", "environment", "blast_radius");
  }

  @Test
  void theWindowAndTheScheduleAreInTheHeader() throws IOException {
    Path file = dir.resolve("nightly.chaos");
    java.nio.file.Files.writeString(file, "runbook \"nightly\" {\n  environment staging\n"
        + "  window 02:00 to 06:00\n  schedule \"30 2 * * *\" zone \"UTC\"\n  step \"s\" { }\n}\n");
    DocumentSymbol runbook = Symbols.of(LspFixtures.analyze(file).program().program()).get(0);
    assertThat(runbook.getChildren().get(0).getChildren()).extracting(DocumentSymbol::getName)
        .containsExactly("environment", "window", "schedule");
    assertThat(runbook.getChildren().get(0).getChildren().get(2).getDetail())
        .isEqualTo("schedule \"30 2 * * *\" zone \"UTC\"");
    assertThat(Keywords.markdown("schedule")).startsWith("```chaos\nschedule \"CRON\" [zone \"ZONE\"]\n```");
  }

  @Test
  void theOutlineOfAModule() throws IOException {
    FeaturesFixture fixture = new FeaturesFixture(dir);
    List<DocumentSymbol> symbols = Symbols.of(LspFixtures.analyze(fixture.module,
        FeaturesFixture.MODULE).program().program());
    assertThat(symbols).extracting(DocumentSymbol::getName, DocumentSymbol::getKind).containsExactly(
        org.assertj.core.groups.Tuple.tuple("failure_rate", SymbolKind.Function),
        org.assertj.core.groups.Tuple.tuple("restart", SymbolKind.Method),
        org.assertj.core.groups.Tuple.tuple("namespace", SymbolKind.Constant));
  }
}
