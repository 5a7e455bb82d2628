package dev.chaos.syntax;

import dev.chaos.syntax.grammar.ChaosLexer;
import java.util.HashMap;
import java.util.Map;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.WritableToken;

/**
 * The generated lexer with keywords recognised by spelling. The grammar lexes every word as
 * an IDENT: forty-eight keyword rules would multiply the states of the lexer's automaton, which
 * ANTLR builds lazily, and make the first file of every run noticeably slower to lex.
 */
final class KeywordLexer extends ChaosLexer {
  private static final Map<String, Integer> KEYWORDS = new HashMap<>();

  static {
    for (int type = 1; type <= VOCABULARY.getMaxTokenType(); type++) {
      if (Tokens.has(Tokens.RESERVED, type) || Tokens.has(Tokens.CONTEXTUAL, type)) {
        KEYWORDS.put(Tokens.literal(type), type);
      }
    }
  }

  KeywordLexer(CharStream input) {
    super(input);
  }

  @Override
  public Token nextToken() {
    Token token = super.nextToken();
    if (token.getType() == IDENT) {
      Integer keyword = KEYWORDS.get(token.getText());
      if (keyword != null) {
        ((WritableToken) token).setType(keyword);
      }
    }
    return token;
  }
}
