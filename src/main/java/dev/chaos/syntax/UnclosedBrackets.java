package dev.chaos.syntax;

import static dev.chaos.syntax.grammar.ChaosLexer.*;

import dev.chaos.diag.Code;
import dev.chaos.diag.Diagnostic;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.antlr.v4.runtime.Token;

/**
 * An unclosed `{` or `(` would take the rest of the file into its block or call: every section
 * after it read as statements, a cascade of errors, nothing checked. A line that starts with
 * what can only begin a runbook section (`step "..."`, `rollback {`, `on abort`, ...) or a
 * declaration (`fn`, `action`, `runbook "..."`, `import "..."`) is never inside a block or a
 * call, so the brackets still open there are closed just before it, with one diagnostic at
 * the innermost of them; the section or declaration that follows parses as written.
 */
final class UnclosedBrackets {
  private UnclosedBrackets() {}

  private record Open(Token opener, boolean runbookBody) {}

  /**
   * The diagnostic for brackets closed before {@code until} (a char offset). For a `(` or `[`
   * it is {@code tentative}: a syntax error the parser finds inside the brackets already
   * names the mistake (`fn f(x: Int -> Int`: "expected `)`, found `->`"), so it is dropped then.
   */
  record Closed(Diagnostic diagnostic, boolean tentative, int until) {}

  /** Rewrites {@code tokens} (the lexer's list, every channel) in place. */
  static void close(List<Token> tokens, Spans spans, List<Closed> out) {
    List<Open> stack = new ArrayList<>();
    boolean runbookNext = false;
    int strings = 0;
    Token previous = null;
    boolean changed = false;
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      if (t.getChannel() != Token.DEFAULT_CHANNEL || t.getType() == Token.EOF) {
        continue;
      }
      boolean lineStart = previous == null || previous.getLine() != t.getLine();
      previous = t;
      if (lineStart && strings == 0 && !stack.isEmpty()) {
        int keep = keptBelow(tokens, i, stack);
        if (keep < stack.size()) {
          Token innermost = stack.get(stack.size() - 1).opener();
          report(innermost, t, keep == 0, spans, out);
          List<Token> closers = new ArrayList<>();
          for (int k = stack.size() - 1; k >= keep; k--) {
            closers.add(SyntheticTokens.before(t, closerOf(stack.get(k).opener().getType())));
          }
          stack.subList(keep, stack.size()).clear();
          tokens.addAll(i, closers);
          i += closers.size();
          changed = true;
        }
      }
      switch (t.getType()) {
        case RUNBOOK -> runbookNext = stack.isEmpty();
        case LBRACE -> {
          stack.add(new Open(t, runbookNext && stack.isEmpty()));
          runbookNext = false;
        }
        case LPAREN, LBRACK, INTERP_OPEN -> stack.add(new Open(t, false));
        case STR_OPEN, TEXT_OPEN -> {
          stack.add(new Open(t, false));
          strings++;
        }
        case RPAREN, RBRACK, RBRACE, STR_CLOSE, TEXT_CLOSE -> {
          int match = matching(stack, t.getType());
          if (match >= 0) {
            for (int k = stack.size() - 1; k >= match; k--) {
              int type = stack.get(k).opener().getType();
              if (type == STR_OPEN || type == TEXT_OPEN) {
                strings--;
              }
            }
            stack.subList(match, stack.size()).clear();
          }
        }
        default -> { }
      }
    }
    if (changed) {
      SyntheticTokens.renumber(tokens);
    }
  }

  /** How many of the open brackets stay open before the line starting at {@code i}. */
  private static int keptBelow(List<Token> tokens, int i, List<Open> stack) {
    int type = tokens.get(i).getType();
    int next = nextType(tokens, i, 1);
    boolean declaration = switch (type) {
      case FN, ACTION -> Tokens.isName(next) || Tokens.has(Tokens.RESERVED, next);
      case RUNBOOK, IMPORT -> next == STR_OPEN;
      default -> false;
    };
    if (declaration) {
      return 0;
    }
    boolean member = type != RUNBOOK && startsSection(tokens, i);
    if (member) {
      for (int k = stack.size() - 1; k >= 0; k--) {
        if (stack.get(k).runbookBody()) {
          return k + 1;
        }
      }
    }
    // A statement keyword (or a `let` declaration or member) is no part of an expression: the
    // parentheses and brackets since the innermost block are left open.
    if (Tokens.has(Tokens.STATEMENTS, type) && next != COLON) {
      for (int k = stack.size() - 1; k >= 0; k--) {
        int opener = stack.get(k).opener().getType();
        if (opener == LBRACE || opener == INTERP_OPEN) {
          return k + 1;
        }
      }
      return 0;
    }
    return stack.size();
  }

  /**
   * The indexes of the words in {@code tokens} that begin a line as only a section or a
   * declaration can: the parser never takes one as an operand.
   */
  static BitSet sectionStarts(List<Token> tokens) {
    BitSet starts = new BitSet();
    Token previous = null;
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      if (t.getChannel() != Token.DEFAULT_CHANNEL || t.getType() == Token.EOF) {
        continue;
      }
      boolean lineStart = previous == null || previous.getLine() != t.getLine();
      previous = t;
      if (lineStart && startsSection(tokens, i)) {
        starts.set(t.getTokenIndex());
      }
    }
    return starts;
  }

  private static boolean startsSection(List<Token> tokens, int i) {
    int type = tokens.get(i).getType();
    int next = nextType(tokens, i, 1);
    return switch (type) {
      case RUNBOOK -> next == STR_OPEN;
      case PRECONDITION, GUARD, STEP, VERIFY, TITLE, OBJECTIVE, OWNER, SCHEDULE -> next == STR_OPEN;
      case ROLLBACK -> next == LBRACE;
      case ON -> next == ABORT;
      case RECOVERY -> next == WITHIN;
      case OBSERVE -> Tokens.isName(next) && nextType(tokens, i, 2) == ASSIGN;
      default -> false;
    };
  }

  private static int nextType(List<Token> tokens, int i, int ahead) {
    for (int j = i + 1; j < tokens.size(); j++) {
      if (tokens.get(j).getChannel() == Token.DEFAULT_CHANNEL && --ahead == 0) {
        return tokens.get(j).getType();
      }
    }
    return Token.EOF;
  }

  private static int matching(List<Open> stack, int closer) {
    for (int k = stack.size() - 1; k >= 0; k--) {
      if (closerOf(stack.get(k).opener().getType()) == closer) {
        return k;
      }
    }
    return -1;
  }

  private static int closerOf(int opener) {
    return switch (opener) {
      case LPAREN -> RPAREN;
      case LBRACK -> RBRACK;
      case STR_OPEN -> STR_CLOSE;
      case TEXT_OPEN -> TEXT_CLOSE;
      default -> RBRACE;
    };
  }

  private static void report(Token opener, Token next, boolean topLevel, Spans spans, List<Closed> out) {
    String bracket = opener.getType() == INTERP_OPEN ? "${" : opener.getText();
    String closer = opener.getType() == LPAREN ? ")" : opener.getType() == LBRACK ? "]" : "}";
    int type = next.getType();
    String what = Tokens.has(Tokens.DECLARATIONS, type) && topLevel ? "the next declaration"
        : Tokens.has(Tokens.STATEMENTS, type) ? "a statement"
        : Tokens.has(Tokens.HEADER_ATTRIBUTES, type) ? "a header attribute" : "the next section";
    Diagnostic d = Diagnostic.of(Code.CH0010, spans.of(opener), "unclosed `" + bracket + "`")
        .withLabel("not closed before line " + next.getLine())
        .withHelp("add `" + closer + "` before line " + next.getLine() + ", where `" + next.getText()
            + "` starts " + what);
    out.add(new Closed(d, opener.getType() == LPAREN || opener.getType() == LBRACK, spans.start(next)));
  }
}
