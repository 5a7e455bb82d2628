package dev.chaos.format;

import static dev.chaos.syntax.grammar.ChaosLexer.BLOCK_COMMENT;
import static dev.chaos.syntax.grammar.ChaosLexer.LINE_COMMENT;
import static dev.chaos.syntax.grammar.ChaosLexer.STR_CLOSE;
import static dev.chaos.syntax.grammar.ChaosLexer.STR_OPEN;
import static dev.chaos.syntax.grammar.ChaosLexer.TEXT_CLOSE;
import static dev.chaos.syntax.grammar.ChaosLexer.TEXT_OPEN;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.Interval;

/** Where each comment goes: after the code on its line, or before the next code. */
final class Comments {
  private final CharStream chars;
  private final List<Token> tokens;
  private final Map<Integer, List<Token>> leading = new HashMap<>();
  private final Map<Integer, List<Token>> trailing = new HashMap<>();

  Comments(CharStream chars, List<Token> tokens) {
    this.chars = chars;
    this.tokens = tokens;
    Token lastCode = null;
    List<Token> pending = new ArrayList<>();
    int stringDepth = 0;
    for (Token t : tokens) {
      if (isComment(t)) {
        if (stringDepth > 0) {
          continue; // inside an interpolation: printed with its string
        }
        if (lastCode != null && pending.isEmpty() && !gap(lastCode, t).contains("\n")) {
          trailing.computeIfAbsent(lastCode.getTokenIndex(), k -> new ArrayList<>()).add(t);
        } else {
          pending.add(t);
        }
        continue;
      }
      if (t.getChannel() != Token.DEFAULT_CHANNEL && t.getType() != Token.EOF) {
        continue;
      }
      switch (t.getType()) {
        case STR_OPEN, TEXT_OPEN -> stringDepth++;
        case STR_CLOSE, TEXT_CLOSE -> stringDepth--;
        default -> { }
      }
      if (!pending.isEmpty()) {
        leading.put(t.getTokenIndex(), pending);
        pending = new ArrayList<>();
      }
      lastCode = t;
    }
  }

  static boolean isComment(Token t) {
    return t.getType() == LINE_COMMENT || t.getType() == BLOCK_COMMENT;
  }

  private String gap(Token before, Token after) {
    int from = before.getStopIndex() + 1;
    int to = after.getStartIndex() - 1;
    return to < from ? "" : chars.getText(Interval.of(from, to));
  }

  private boolean blankBefore(Token t) {
    int i = t.getTokenIndex();
    if (i <= 0) {
      return false;
    }
    String g = gap(tokens.get(i - 1), t);
    return g.indexOf('\n') != g.lastIndexOf('\n');
  }

  boolean hasLeading(Token t) {
    return leading.containsKey(t.getTokenIndex());
  }

  /** Whether the author left an empty line before a statement or its comments. */
  boolean blankBeforeStatement(Token first) {
    List<Token> before = leading.get(first.getTokenIndex());
    return blankBefore(before == null ? first : before.get(0));
  }

  /** The comments on lines of their own before {@code t}, each on its own line. */
  Doc leading(Token t, boolean firstBlankIsCallers) {
    List<Token> list = leading.get(t.getTokenIndex());
    if (list == null) {
      return Doc.EMPTY;
    }
    Doc.Parts p = new Doc.Parts();
    for (int i = 0; i < list.size(); i++) {
      Token c = list.get(i);
      p.add(Doc.FRESH_LINE);
      if (blankBefore(c) && !(i == 0 && firstBlankIsCallers)) {
        p.add(Doc.BLANK_LINE);
      }
      p.add(c.getType() == LINE_COMMENT ? c.getText().stripTrailing() : c.getText()).add(Doc.HARD_LINE);
    }
    if (t.getType() != Token.EOF && blankBefore(t)) {
      p.add(Doc.BLANK_LINE);
    }
    return p.doc();
  }

  /** The comments after {@code t} on its line: a `//` goes at the end of the line. */
  Doc trailing(Token t) {
    return trailing(t, false);
  }

  /** As {@link #trailing(Token)}; {@code breaks}: a `//` comment breaks the groups around it. */
  Doc trailing(Token t, boolean breaks) {
    List<Token> list = trailing.get(t.getTokenIndex());
    if (list == null) {
      return Doc.EMPTY;
    }
    Doc.Parts p = new Doc.Parts();
    for (Token c : list) {
      boolean line = c.getType() == LINE_COMMENT || c.getText().contains("\n");
      String text = c.getType() == LINE_COMMENT ? c.getText().stripTrailing() : c.getText();
      p.add(line ? Doc.lineSuffix(" " + text, breaks) : Doc.text(" " + text));
    }
    return p.doc();
  }
}
