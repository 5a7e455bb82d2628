package dev.chaos.lsp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaos.source.SourceFile;
import dev.chaos.source.Span;
import java.util.List;
import java.util.Random;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.junit.jupiter.api.Test;

/** Text sync: whole and incremental changes, positions in UTF-16 units, any line ending. */
class DocumentsTest {
  @Test
  void incrementalChangesApplyInOrder() {
    Documents docs = new Documents();
    docs.open("file:///a.chaos", 1, "let a = 1\nlet b = 2\n");
    docs.change("file:///a.chaos", 2, List.of(
        new TextDocumentContentChangeEvent(new Range(new Position(1, 4), new Position(1, 5)), "bee"),
        new TextDocumentContentChangeEvent(new Range(new Position(0, 8), new Position(0, 9)), "10")));
    assertThat(docs.get("file:///a.chaos").text()).isEqualTo("let a = 10\nlet bee = 2\n");
    assertThat(docs.get("file:///a.chaos").version()).isEqualTo(2);
  }

  @Test
  void aChangeWithoutRangeReplacesTheText() {
    Documents docs = new Documents();
    docs.open("file:///a.chaos", 1, "old");
    docs.change("file:///a.chaos", 5, List.of(new TextDocumentContentChangeEvent("new text")));
    assertThat(docs.get("file:///a.chaos").text()).isEqualTo("new text");
  }

  @Test
  void columnsCountUtf16UnitsAndLinesEndAnyWay() {
    // the emoji is two UTF-16 units: the `x` after it is at character 3 of line 1
    String text = "a\r\n\"\uD83D\uDE00\"x\rlast";
    SourceFile file = new SourceFile("t.chaos", text);
    int x = text.indexOf('x');
    assertThat(Positions.position(file, x)).isEqualTo(new Position(1, 4));
    assertThat(Positions.offset(file, new Position(1, 4))).isEqualTo(x);
    assertThat(Positions.position(file, text.indexOf("last"))).isEqualTo(new Position(2, 0));
    // past the end of a line is its end; past the last line is the end of the text
    assertThat(Positions.offset(file, new Position(0, 99))).isEqualTo(1);
    assertThat(Positions.offset(file, new Position(9, 0))).isEqualTo(text.length());
    assertThat(Positions.range(new Span(file, x, x + 1)))
        .isEqualTo(new Range(new Position(1, 4), new Position(1, 5)));
  }

  /** Random edits through positions give the same text as edits by offset. */
  @Test
  void randomEditsAgreeWithOffsets() {
    long seed = System.nanoTime();
    System.out.println("DocumentsTest seed " + seed);
    Random random = new Random(seed);
    String alphabet = "ab \n\r\uD83D\uDE00é{}";
    StringBuilder text = new StringBuilder("start\n");
    Documents docs = new Documents();
    docs.open("u", 0, text.toString());
    for (int i = 1; i < 300; i++) {
      int start = safe(text, random.nextInt(text.length() + 1));
      int end = Math.max(start, safe(text, Math.min(text.length(), start + random.nextInt(4))));
      StringBuilder insert = new StringBuilder();
      for (int k = random.nextInt(4); k > 0; k--) {
        insert.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String inserted = insert.toString().replace("\uD83D", "\uD83D\uDE00").replace("\uDE00\uDE00", "\uDE00");
      SourceFile file = new SourceFile("u", text.toString());
      Range range = new Range(Positions.position(file, start), Positions.position(file, end));
      // a position inside a CRLF pair cannot be written: skip such edits
      if (Positions.offset(file, range.getStart()) != start || Positions.offset(file, range.getEnd()) != end) {
        continue;
      }
      text.replace(start, end, inserted);
      docs.change("u", i, List.of(new TextDocumentContentChangeEvent(range, inserted)));
      assertThat(docs.get("u").text()).as("seed %d, edit %d", seed, i).isEqualTo(text.toString());
    }
  }

  private static int safe(StringBuilder text, int offset) {
    return offset > 0 && offset < text.length() && Character.isLowSurrogate(text.charAt(offset))
        ? offset - 1 : offset;
  }
}
