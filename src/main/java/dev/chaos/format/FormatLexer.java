package dev.chaos.format;

import dev.chaos.syntax.grammar.ChaosLexer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.WritableToken;

/**
 * The grammar's lexer with keywords typed by spelling, as the parser's own lexer does: the
 * grammar lexes every word as a name, and each keyword is a token of the `tokens {}` block
 * (no lexer rule) spelled as its lowercase name.
 */
final class FormatLexer extends ChaosLexer {
  private static final Map<String, Integer> KEYWORDS = new HashMap<>();

  static {
    Set<String> rules = new HashSet<>(Arrays.asList(ruleNames));
    for (int type = 1; type <= VOCABULARY.getMaxTokenType(); type++) {
      String name = VOCABULARY.getSymbolicName(type);
      if (name != null && type != INTERP_OPEN && !rules.contains(name) && name.matches("[A-Z_]+")) {
        KEYWORDS.put(name.toLowerCase(java.util.Locale.ROOT), type);
      }
    }
  }

  FormatLexer(CharStream input) {
    super(input);
    removeErrorListeners();
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
