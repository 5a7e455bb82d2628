package dev.chaos.syntax;

import java.util.List;
import org.antlr.v4.runtime.CommonToken;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.Pair;

/** Tokens that recovery adds to the lexer's list: made, and the list numbered again. */
final class SyntheticTokens {
  private SyntheticTokens() {}

  /** A token of {@code type} over the code points {@code start..stop} of {@code like}'s input. */
  static CommonToken make(Token like, int type, int start, int stop, int line, int column) {
    CommonToken token = new CommonToken(
        new Pair<>(like.getTokenSource(), like.getInputStream()), type, Token.DEFAULT_CHANNEL, start, stop);
    token.setLine(line);
    token.setCharPositionInLine(column);
    if (stop < start) {
      token.setText("");
    }
    return token;
  }

  /** An empty token of {@code type} just before {@code at}: a closer recovery supplies. */
  static CommonToken before(Token at, int type) {
    return make(at, type, at.getStartIndex(), at.getStartIndex() - 1, at.getLine(), at.getCharPositionInLine());
  }

  /** Token indexes must match positions in the list for the parser's stream to seek. */
  static void renumber(List<Token> tokens) {
    for (int i = 0; i < tokens.size(); i++) {
      ((CommonToken) tokens.get(i)).setTokenIndex(i);
    }
  }
}
