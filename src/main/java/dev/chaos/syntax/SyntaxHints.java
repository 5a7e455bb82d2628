package dev.chaos.syntax;

import static dev.chaos.syntax.grammar.ChaosLexer.*;

import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;

/** A `help:` line for the syntax errors people make most, when one applies. */
final class SyntaxHints {
  private SyntaxHints() {}

  /**
   * @param previous the token before {@code found} on the same line, or null
   */
  static String help(Token found, Token previous, IntervalSet expected) {
    int type = found.getType();
    int before = previous == null ? Token.INVALID_TYPE : previous.getType();
    if (type == ASSIGN && NestingLimit.endsOperand(previous) && !expected.contains(ASSIGN)) {
      if (Tokens.isName(before) && expected.contains(COMMA) && expected.contains(RPAREN)) {
        return "a named argument is written `" + previous.getText() + ": value`";
      }
      if (expected.contains(EQ) || expected.contains(EXPECT)) {
        return "use `==` to compare";
      }
    }
    if (before == IMPORT && Tokens.isWord(type)) {
      return "write the module in quotes: `import \"" + found.getText() + "\"`";
    }
    if (type == IDENT && (before == INT || before == FLOAT)) {
      String intended = Literals.intendedDuration(previous.getText() + found.getText());
      if (intended != null) {
        return "write a duration as one word: `" + intended + "`";
      }
    }
    if (type == EVERY && expected.contains(WITHIN)) {
      return "`within` comes first: `recovery within 2m every 5s`";
    }
    if (type == EVERY && !expected.contains(EVERY)) {
      return "`every` comes before `within`: `wait until ready() every 2s within 30s`";
    }
    if (Tokens.isName(before) && expected.contains(COMMA) && expected.contains(RPAREN)
        && startsValue(type)) {
      return "a named argument is written `" + previous.getText() + ": value`";
    }
    return null;
  }

  private static boolean startsValue(int type) {
    return Tokens.isName(type) || Tokens.has(Tokens.LITERALS, type) || type == STR_OPEN
        || type == TEXT_OPEN || type == TRUE || type == FALSE || type == LBRACK;
  }
}
