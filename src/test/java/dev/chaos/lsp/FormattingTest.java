package dev.chaos.lsp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaos.format.Formatter;
import dev.chaos.source.SourceFile;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.lsp4j.TextEdit;
import org.junit.jupiter.api.Test;

/** Formatting is `chaos fmt` of the whole document, and nothing for a broken one. */
class FormattingTest {
  private static final Path FILE = Path.of("scratch.chaos").toAbsolutePath();

  @Test
  void theWholeDocumentAsChaosFmtLaysItOut() {
    String messy = "let   a=1\nfn  double( n:Int )->Int=n*2\n";
    List<TextEdit> edits = Formatting.edits(LspFixtures.analyze(FILE, messy));
    assertThat(edits).singleElement().satisfies(e -> {
      assertThat(e.getNewText()).isEqualTo(Formatter.format(new SourceFile("x", messy)).text());
      assertThat(e.getRange().getStart().getLine()).isZero();
      assertThat(e.getRange().getStart().getCharacter()).isZero();
      assertThat(e.getRange().getEnd().getLine()).isEqualTo(2);
    });
  }

  @Test
  void nothingForAFormattedOrBrokenFile() {
    String formatted = Formatter.format(new SourceFile("x", "let a = 1\n")).text();
    assertThat(Formatting.edits(LspFixtures.analyze(FILE, formatted))).isEmpty();
    assertThat(Formatting.edits(LspFixtures.analyze(FILE, "let a = (\n"))).isEmpty();
  }
}
