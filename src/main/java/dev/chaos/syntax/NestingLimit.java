package dev.chaos.syntax;

import static dev.chaos.syntax.grammar.ChaosLexer.*;

import dev.chaos.diag.Code;
import dev.chaos.diag.Diagnostic;
import java.util.List;
import org.antlr.v4.runtime.Token;

/**
 * Refuses input nested deeper than any runbook needs, before the recursive-descent parser (and
 * every later tree walk) could exhaust the stack on it.
 */
final class NestingLimit {
  private NestingLimit() {}

  /** Brackets, braces, string interpolations and prefix operators, counted together. */
  static final int MAX_DEPTH = 200;
  /** Operators chained in one expression: each one is a level of the expression tree. */
  static final int MAX_CHAIN = 1000;

  /** True, after reporting once, when the tokens nest too deeply to parse safely. */
  static boolean exceeded(List<Token> tokens, Spans spans, List<Diagnostic> out) {
    Openers open = new Openers();
    int prefixRun = 0;
    int[] chains = new int[MAX_DEPTH + 2];
    Token previous = null;
    for (Token t : tokens) {
      int type = t.getType();
      boolean prefix = (type == NOT || type == BANG || type == MINUS) && !endsOperand(previous);
      prefixRun = prefix ? prefixRun + 1 : 0;
      if (Tokens.has(Tokens.OPENERS, type)) {
        open.push(type);
        if (open.depth() + prefixRun <= MAX_DEPTH) {
          chains[open.depth()] = 0;
        }
      } else if (Tokens.has(Tokens.CLOSERS, type)) {
        open.close(type);
      } else if (Tokens.has(Tokens.OPERATORS, type) && !prefix) {
        chains[open.depth()]++;
      } else if (type == COMMA || startsNewStatement(previous, t)) {
        chains[open.depth()] = 0;
      }
      if (open.depth() + prefixRun > MAX_DEPTH) {
        out.add(Diagnostic.of(Code.CH0012, spans.of(t), "nesting too deep")
            .withLabel("more than " + MAX_DEPTH + " levels of brackets and prefix operators")
            .withHelp("split the expression into smaller ones with `let`"));
        return true;
      }
      if (chains[open.depth()] > MAX_CHAIN) {
        out.add(Diagnostic.of(Code.CH0012, spans.of(t), "expression too long")
            .withLabel("more than " + MAX_CHAIN + " operators in one expression")
            .withHelp("split the expression into smaller ones with `let`"));
        return true;
      }
      previous = t;
    }
    return false;
  }

  /**
   * The open brackets. A closing bracket closes its nearest partner and every bracket left
   * open inside it, as the parser's recovery does, so unclosed `(`s do not add up.
   */
  private static final class Openers {
    private final int[] stack = new int[MAX_DEPTH + 2];
    private final int[] counts = new int[Tokens.MAX_TYPE + 1];
    private int size;

    int depth() {
      return size;
    }

    void push(int opener) {
      stack[size++] = opener;
      counts[opener]++;
    }

    void close(int closer) {
      int a = partner(closer);
      int b = closer == RBRACE ? INTERP_OPEN : a;
      if (counts[a] == 0 && counts[b] == 0) {
        return;
      }
      int popped;
      do {
        popped = stack[--size];
        counts[popped]--;
      } while (popped != a && popped != b);
    }

    private static int partner(int closer) {
      switch (closer) {
        case RPAREN:
          return LPAREN;
        case RBRACK:
          return LBRACK;
        case RBRACE:
          return LBRACE;
        case STR_CLOSE:
          return STR_OPEN;
        default:
          return TEXT_OPEN;
      }
    }
  }

  /** Whether a token ends an operand, so that a following `-` is binary. */
  static boolean endsOperand(Token t) {
    if (t == null) {
      return false;
    }
    int type = t.getType();
    return Tokens.isName(type) || Tokens.has(Tokens.LITERALS, type) || Tokens.has(Tokens.CLOSERS, type)
        || type == TRUE || type == FALSE || type == RUNBOOK;
  }

  private static boolean startsNewStatement(Token previous, Token t) {
    return previous != null && previous.getLine() != t.getLine() && endsOperand(previous)
        && Tokens.isWord(t.getType());
  }
}
