package dev.chaos.syntax;

import static dev.chaos.syntax.grammar.ChaosLexer.*;

import dev.chaos.diag.Code;
import dev.chaos.diag.Diagnostic;
import dev.chaos.diag.Suggest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.WritableToken;

/**
 * Finds misspelled statement keywords (`expct x > 1`) before parsing. Such a line is
 * grammatical (a bare name, then another statement), so the parser would report nothing or a
 * confusing error later in the line. A name that starts a line inside a block and is followed
 * on that line by an operand is no statement; when it is close to a statement keyword, it is
 * reported once and re-typed as that keyword, so the rest of the line parses as meant.
 *
 * <p>The keywords inside a statement are found the same way: a name between an operand and
 * another operand on one line (`} esle {`, `ready() evry 2s`, `wait untl ready()`) joins two
 * expression statements at best, so one close to `else`, `every`, `within` or `until` is that
 * keyword misspelled.
 */
final class StatementTypos {
  private StatementTypos() {}

  private enum Brace { RUNBOOK_BODY, BLOCK, OTHER }

  private static final List<String> STATEMENT_WORDS = new ArrayList<>();

  static {
    for (int type = Tokens.STATEMENTS.nextSetBit(0); type >= 0;
        type = Tokens.STATEMENTS.nextSetBit(type + 1)) {
      STATEMENT_WORDS.add(Tokens.literal(type));
    }
  }

  static void fix(List<Token> tokens, Spans spans, List<Diagnostic> out) {
    Deque<Brace> braces = new ArrayDeque<>();
    boolean runbookHeader = false;
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      switch (t.getType()) {
        case RUNBOOK:
          runbookHeader = braces.isEmpty();
          break;
        case LBRACE:
          braces.push(runbookHeader && braces.isEmpty() ? Brace.RUNBOOK_BODY : Brace.BLOCK);
          runbookHeader = false;
          break;
        case LPAREN:
        case LBRACK:
        case INTERP_OPEN:
          braces.push(Brace.OTHER);
          break;
        case RBRACE:
        case RPAREN:
        case RBRACK:
          braces.poll();
          break;
        case IDENT:
          if (braces.peek() == Brace.BLOCK) {
            Token previous = i > 0 ? tokens.get(i - 1) : null;
            Token next = i + 1 < tokens.size() ? tokens.get(i + 1) : null;
            fixOne(previous, t, next, spans, out);
          }
          break;
        default:
          break;
      }
    }
  }

  private static void fixOne(Token previous, Token word, Token next, Spans spans, List<Diagnostic> out) {
    if (fixInner(previous, word, next, spans, out)) {
      return;
    }
    boolean startsStatement = previous == null || previous.getLine() != word.getLine()
        && (previous.getType() == LBRACE || NestingLimit.endsOperand(previous));
    if (!startsStatement || next == null || next.getLine() != word.getLine() || !startsOperand(next)) {
      return;
    }
    Optional<String> keyword = Suggest.closest(word.getText(), STATEMENT_WORDS);
    if (keyword.isEmpty()) {
      return;
    }
    out.add(Diagnostic.of(Code.CH0011, spans.of(word), "unknown statement " + Tokens.quote(word.getText()))
        .withLabel("not a statement keyword")
        .withHelp("did you mean `" + keyword.get() + "`?"));
    ((WritableToken) word).setType(typeOf(keyword.get()));
  }

  private static final List<String> INNER_WORDS = List.of("else", "every", "within");

  private static boolean fixInner(Token previous, Token word, Token next, Spans spans, List<Diagnostic> out) {
    if (previous == null || previous.getLine() != word.getLine() || next == null
        || next.getLine() != word.getLine() || word.getText().length() < 4
        || !(startsOperand(next) || next.getType() == LBRACE)) {
      return false;
    }
    List<String> candidates = previous.getType() == WAIT ? List.of("until")
        : NestingLimit.endsOperand(previous) ? INNER_WORDS : List.of();
    Optional<String> keyword = Suggest.closest(word.getText(), candidates);
    if (keyword.isEmpty()) {
      return false;
    }
    out.add(Diagnostic.of(Code.CH0011, spans.of(word), "unknown keyword " + Tokens.quote(word.getText()))
        .withLabel("not a keyword")
        .withHelp("did you mean `" + keyword.get() + "`?"));
    ((WritableToken) word).setType(typeOf(keyword.get()));
    return true;
  }

  private static boolean startsOperand(Token next) {
    int type = next.getType();
    return Tokens.isName(type) || Tokens.has(Tokens.LITERALS, type) || type == STR_OPEN
        || type == TEXT_OPEN || type == TRUE || type == FALSE || type == NOT || type == UNTIL;
  }

  private static int typeOf(String keyword) {
    for (int type = Tokens.RESERVED.nextSetBit(0); type >= 0;
        type = Tokens.RESERVED.nextSetBit(type + 1)) {
      if (Tokens.literal(type).equals(keyword)) {
        return type;
      }
    }
    throw new IllegalStateException(keyword);
  }
}
