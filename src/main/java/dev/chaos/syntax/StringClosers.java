package dev.chaos.syntax;

import static dev.chaos.syntax.grammar.ChaosLexer.*;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.antlr.v4.runtime.CommonToken;
import org.antlr.v4.runtime.Token;

/**
 * A string left open ends at the end of its line (the lexer's rule), so `f("abc)` takes the `)`
 * into the string and the call is left open: a second, misleading error on the next line. The
 * brackets at the end of such a string that close brackets opened before it on its line are
 * given back to the code; the lexer's one diagnostic (CH0007) stays the only one.
 */
final class StringClosers {
  private StringClosers() {}

  /** Rewrites {@code tokens} (the lexer's list, every channel) in place. */
  static void giveBack(List<Token> tokens) {
    boolean changed = false;
    for (int i = 0; i < tokens.size(); i++) {
      Token close = tokens.get(i);
      if (close.getType() != STR_CLOSE || "\"".equals(close.getText()) || i < 2) {
        continue;
      }
      Token text = tokens.get(i - 1);
      Token open = tokens.get(i - 2);
      if (text.getType() != STR_TEXT || open.getType() != STR_OPEN) {
        continue; // only a plain string: its content is one token
      }
      Deque<Integer> openers = openersBefore(tokens, i - 2, open.getLine());
      String content = text.getText();
      int keep = content.length();
      List<Integer> closers = List.of();
      // The longest tail of closers (and spaces) that, read in order, closes the open brackets
      // innermost first.
      for (int k = content.length() - 1; k >= 0; k--) {
        char c = content.charAt(k);
        if (!Character.isWhitespace(c) && type(c) < 0) {
          break;
        }
        List<Integer> tail = closersIn(content.substring(k), openers);
        if (tail != null && !tail.isEmpty() && !Character.isWhitespace(c)) {
          keep = k;
          closers = tail;
        }
      }
      if (closers.isEmpty() || content.codePointCount(0, content.length()) != content.length()) {
        continue; // nothing to give back, or offsets in code points would need translating
      }
      int at = text.getStartIndex() + keep;
      List<Token> replacement = new ArrayList<>();
      if (keep > 0) {
        ((CommonToken) text).setStopIndex(at - 1);
        replacement.add(text);
      }
      String lineBreak = close.getText();
      CommonToken shortClose = (CommonToken) close;
      shortClose.setText(lineBreak);
      shortClose.setStartIndex(at);
      shortClose.setStopIndex(at - 1);
      shortClose.setLine(text.getLine());
      shortClose.setCharPositionInLine(text.getCharPositionInLine() + keep);
      replacement.add(shortClose);
      for (int k = 0; keep + k < content.length(); k++) {
        char c = content.charAt(keep + k);
        if (!Character.isWhitespace(c)) {
          replacement.add(SyntheticTokens.make(text, type(c), at + k, at + k, text.getLine(),
              text.getCharPositionInLine() + keep + k));
        }
      }
      tokens.subList(i - 1, i + 1).clear();
      tokens.addAll(i - 1, replacement);
      i = i - 1 + replacement.size() - 1;
      changed = true;
    }
    if (changed) {
      SyntheticTokens.renumber(tokens);
    }
  }

  /**
   * A text block ended by recovery (an empty `"""`, see {@link TextBlockCut}) closes the
   * brackets opened before it on its line too, as `k8s.apply("""` meant to.
   */
  static void closeAfterCutTextBlock(List<Token> tokens) {
    int open = -1;
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      if (t.getType() == TEXT_OPEN && open < 0) {
        open = i;
      } else if (t.getType() == TEXT_CLOSE && open >= 0) {
        if (t.getStopIndex() < t.getStartIndex()) {
          List<Token> closers = new ArrayList<>();
          for (int opener : openersBefore(tokens, open, tokens.get(open).getLine())) {
            closers.add(SyntheticTokens.before(t, closerOf(opener)));
          }
          tokens.addAll(i + 1, closers);
          SyntheticTokens.renumber(tokens);
          return;
        }
        open = -1;
      }
    }
  }

  /**
   * The closers of {@code tail} in order when it holds only closers and spaces, each closing
   * the next of {@code openers} (innermost first); null when it does not.
   */
  private static List<Integer> closersIn(String tail, Deque<Integer> openers) {
    List<Integer> closers = new ArrayList<>();
    java.util.Iterator<Integer> open = openers.iterator();
    for (int j = 0; j < tail.length(); j++) {
      char c = tail.charAt(j);
      if (Character.isWhitespace(c)) {
        continue;
      }
      if (type(c) < 0 || !open.hasNext() || closerOf(open.next()) != type(c)) {
        return null;
      }
      closers.add(type(c));
    }
    return closers;
  }

  /** The brackets opened on {@code line} before {@code index} and not closed, innermost first. */
  private static Deque<Integer> openersBefore(List<Token> tokens, int index, int line) {
    int from = index;
    while (from > 0 && tokens.get(from - 1).getLine() == line) {
      from--;
    }
    Deque<Integer> open = new ArrayDeque<>();
    for (int j = from; j < index; j++) {
      Token t = tokens.get(j);
      if (t.getChannel() != Token.DEFAULT_CHANNEL) {
        continue;
      }
      switch (t.getType()) {
        case LPAREN, LBRACK, LBRACE -> open.push(t.getType());
        case RPAREN, RBRACK, RBRACE -> {
          if (!open.isEmpty() && closerOf(open.peek()) == t.getType()) {
            open.pop();
          }
        }
        default -> { }
      }
    }
    return open;
  }

  private static int closerOf(int opener) {
    return switch (opener) {
      case LPAREN -> RPAREN;
      case LBRACK -> RBRACK;
      default -> RBRACE;
    };
  }

  private static int type(char c) {
    return switch (c) {
      case ')' -> RPAREN;
      case ']' -> RBRACK;
      case '}' -> RBRACE;
      default -> -1;
    };
  }
}
