package dev.chaos.syntax;

import dev.chaos.source.Span;
import dev.chaos.syntax.ast.Expr;
import java.util.ArrayList;
import java.util.List;

/**
 * The content of a `"""` text block as Java text blocks have it: the line break after the
 * opening quotes is dropped, the indentation common to all non-blank lines (and to the closing
 * line) is removed, trailing spaces go, and line breaks become `\n`. Interpolations count as
 * text that is not blank.
 */
final class TextBlocks {
  private TextBlocks() {}

  /** Raw text as written (with its source span), or an interpolation ({@code text} null). */
  record Piece(String text, Span span, Expr.StrPart.Interp interp) {
    static Piece text(String text, Span span) {
      return new Piece(text, span, null);
    }

    static Piece interp(Expr.StrPart.Interp interp) {
      return new Piece(null, interp.span(), interp);
    }

    boolean isText() {
      return interp == null;
    }

    /** The span of text[from, to), assuming the text was written as is (clamped otherwise). */
    Span sub(int from, int to) {
      int start = Math.min(span.start() + from, span.end());
      int end = Math.max(start, Math.min(span.start() + to, span.end()));
      return new Span(span.source(), start, end);
    }
  }

  static List<Expr.StrPart> strip(List<Piece> pieces) {
    List<List<Piece>> lines = splitLines(pieces);
    if (lines.size() > 1 && isBlank(lines.get(0))) {
      lines.remove(0);
    }
    int indent = Integer.MAX_VALUE;
    for (int i = 0; i < lines.size(); i++) {
      List<Piece> line = lines.get(i);
      boolean last = i == lines.size() - 1;
      if (!isBlank(line)) {
        indent = Math.min(indent, leadingWhitespace(line));
      } else if (last) {
        indent = Math.min(indent, length(line));
      }
    }
    StrPartsBuilder parts = new StrPartsBuilder();
    for (int i = 0; i < lines.size(); i++) {
      List<Piece> line = lines.get(i);
      if (!isBlank(line)) {
        addLine(parts, trimTrailing(dropLeading(line, indent)));
      }
      if (i < lines.size() - 1) {
        Span at = line.isEmpty() ? lines.get(i + 1).isEmpty() ? null : lines.get(i + 1).get(0).span()
            : line.get(line.size() - 1).span();
        parts.text("\n", at == null ? pieces.get(0).span() : at);
      }
    }
    return parts.build();
  }

  private static List<List<Piece>> splitLines(List<Piece> pieces) {
    List<List<Piece>> lines = new ArrayList<>();
    List<Piece> line = new ArrayList<>();
    lines.add(line);
    for (Piece piece : pieces) {
      if (!piece.isText()) {
        line.add(piece);
        continue;
      }
      String text = piece.text();
      int start = 0;
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c == '\n' || c == '\r') {
          if (i > start) {
            line.add(Piece.text(text.substring(start, i), piece.sub(start, i)));
          }
          if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
            i++;
          }
          line = new ArrayList<>();
          lines.add(line);
          start = i + 1;
        }
      }
      if (start < text.length()) {
        line.add(Piece.text(text.substring(start), piece.sub(start, text.length())));
      }
    }
    return lines;
  }

  private static boolean isBlank(List<Piece> line) {
    for (Piece piece : line) {
      if (!piece.isText() || !piece.text().isBlank()) {
        return false;
      }
    }
    return true;
  }

  private static int length(List<Piece> line) {
    int n = 0;
    for (Piece piece : line) {
      n += piece.text().length();
    }
    return n;
  }

  private static int leadingWhitespace(List<Piece> line) {
    int n = 0;
    for (Piece piece : line) {
      if (!piece.isText()) {
        return n;
      }
      String text = piece.text();
      int i = 0;
      while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      n += i;
      if (i < text.length()) {
        return n;
      }
    }
    return n;
  }

  private static List<Piece> dropLeading(List<Piece> line, int count) {
    List<Piece> out = new ArrayList<>();
    int left = count;
    for (Piece piece : line) {
      if (left > 0 && piece.isText()) {
        int cut = Math.min(left, piece.text().length());
        left -= cut;
        if (cut < piece.text().length()) {
          out.add(Piece.text(piece.text().substring(cut), piece.sub(cut, piece.text().length())));
        }
      } else {
        left = 0;
        out.add(piece);
      }
    }
    return out;
  }

  private static List<Piece> trimTrailing(List<Piece> line) {
    List<Piece> out = new ArrayList<>(line);
    while (!out.isEmpty() && out.get(out.size() - 1).isText()) {
      Piece last = out.remove(out.size() - 1);
      String trimmed = last.text().stripTrailing();
      if (!trimmed.isEmpty()) {
        out.add(Piece.text(trimmed, last.sub(0, trimmed.length())));
        break;
      }
    }
    return out;
  }

  private static void addLine(StrPartsBuilder parts, List<Piece> line) {
    for (Piece piece : line) {
      if (piece.isText()) {
        parts.text(piece.text(), piece.span());
      } else {
        parts.interp(piece.interp());
      }
    }
  }
}
