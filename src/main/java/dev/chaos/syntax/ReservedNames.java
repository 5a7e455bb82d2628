package dev.chaos.syntax;

import static dev.chaos.syntax.grammar.ChaosLexer.*;

import dev.chaos.diag.Code;
import dev.chaos.diag.Diagnostic;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.WritableToken;

/**
 * A reserved word where a declaration names something (`fn every(...)`, `let within = 2m`,
 * `let if = 3`): reported once, at the word, and re-typed as a name so that the declaration
 * parses with it. Without this, the parser gives up on the declaration and misreads whatever
 * follows (`undefined name runbook`), and nothing after it is checked.
 *
 * <p>The words so declared are remembered: where a use of one breaks the parse, the parser
 * reads it as the name too (see {@link Parser}), so the one mistake is one message.
 */
final class ReservedNames {
  private ReservedNames() {}

  /** Re-types the declared reserved words among {@code code} and returns their spellings. */
  static Set<String> fix(List<Token> code, Spans spans, List<Diagnostic> out) {
    Set<String> declared = new HashSet<>();
    int headerDepth = -1; // paren depth inside a fn/action header's parameters, or -1
    for (int i = 1; i + 1 < code.size(); i++) {
      Token word = code.get(i);
      int previous = code.get(i - 1).getType();
      int next = code.get(i + 1).getType();
      if (headerDepth >= 0) {
        if (word.getType() == LPAREN) {
          headerDepth++;
        } else if (word.getType() == RPAREN && --headerDepth == 0) {
          headerDepth = -1;
        }
      }
      if (previous == FN || previous == ACTION) {
        headerDepth = 0; // counts the `(` that follows
      }
      if (!reserved(word.getType()) || code.get(i - 1).getLine() != word.getLine()) {
        continue;
      }
      boolean declares = switch (previous) {
        case LET, RECORD -> next == ASSIGN;
        case FN, ACTION -> next == LPAREN;
        case FOR -> next == IN;
        case AS -> i >= 2 && code.get(i - 2).getType() == STR_CLOSE
            && (next == Token.EOF || code.get(i + 1).getLine() != word.getLine());
        case LPAREN, COMMA -> headerDepth == 1 && next == COLON;
        default -> false;
      };
      if (!declares) {
        continue;
      }
      String text = word.getText();
      out.add(Diagnostic.of(Code.CH0010, spans.of(word), Tokens.quote(text) + " is a reserved word and cannot be a name")
          .withLabel("reserved word")
          .withHelp("rename it, as `" + text + "_` or a word that says what it holds"));
      ((WritableToken) word).setType(IDENT);
      declared.add(text);
    }
    return declared;
  }

  private static boolean reserved(int type) {
    return Tokens.has(Tokens.RESERVED, type);
  }
}
