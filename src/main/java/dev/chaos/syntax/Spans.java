package dev.chaos.syntax;

import dev.chaos.source.SourceFile;
import dev.chaos.source.Span;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;

/**
 * Turns token positions into {@link Span}s. ANTLR counts code points while spans count UTF-16
 * units, so a file with characters outside the BMP needs a translation table.
 */
final class Spans {
  private final SourceFile file;
  /** Char offset of each code point index, or null when the two coincide. */
  private final int[] charOffsets;
  private final int length;

  Spans(SourceFile file) {
    this.file = file;
    String text = file.text();
    this.length = text.length();
    this.charOffsets = hasSurrogates(text) ? codePointOffsets(text) : null;
  }

  SourceFile file() {
    return file;
  }

  /** Char offset of a code point index, clamped to the text. */
  int offset(int codePointIndex) {
    if (codePointIndex <= 0) {
      return 0;
    }
    if (charOffsets == null) {
      return Math.min(codePointIndex, length);
    }
    return charOffsets[Math.min(codePointIndex, charOffsets.length - 1)];
  }

  int start(Token token) {
    return offset(token.getStartIndex());
  }

  int end(Token token) {
    return Math.max(start(token), offset(token.getStopIndex() + 1));
  }

  Span of(Token token) {
    return new Span(file, start(token), end(token));
  }

  Span between(Token first, Token last) {
    int start = start(first);
    return new Span(file, start, Math.max(start, end(last)));
  }

  Span of(ParserRuleContext ctx) {
    Token first = ctx.getStart();
    Token last = ctx.getStop();
    if (last == null || (last.getTokenIndex() >= 0 && last.getTokenIndex() < first.getTokenIndex())) {
      return at(start(first));
    }
    return between(first, last);
  }

  /** An empty span at a char offset: where something is missing. */
  Span at(int offset) {
    int clamped = Math.max(0, Math.min(offset, length));
    return new Span(file, clamped, clamped);
  }

  Span after(Token token) {
    return at(end(token));
  }

  Span whole() {
    return new Span(file, 0, length);
  }

  private static boolean hasSurrogates(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (Character.isSurrogate(text.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /** Pairs a high surrogate with a following low one, as ANTLR's CodePointBuffer does. */
  private static int[] codePointOffsets(String text) {
    int[] offsets = new int[text.length() + 1];
    int count = 0;
    int i = 0;
    while (i < text.length()) {
      offsets[count++] = i;
      boolean pair = Character.isHighSurrogate(text.charAt(i)) && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1));
      i += pair ? 2 : 1;
    }
    offsets[count++] = text.length();
    return java.util.Arrays.copyOf(offsets, count);
  }
}
