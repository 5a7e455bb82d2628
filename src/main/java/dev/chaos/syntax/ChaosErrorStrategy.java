package dev.chaos.syntax;

import static dev.chaos.syntax.grammar.ChaosLexer.*;

import dev.chaos.diag.Code;
import dev.chaos.diag.Diagnostic;
import dev.chaos.diag.Suggest;
import dev.chaos.source.Span;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Optional;
import org.antlr.v4.runtime.CommonToken;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.InputMismatchException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenStream;
import org.antlr.v4.runtime.WritableToken;
import org.antlr.v4.runtime.atn.ATNState;
import org.antlr.v4.runtime.misc.IntervalSet;
import org.antlr.v4.runtime.misc.Pair;

/**
 * ANTLR's recovery with three changes: messages read "expected `{`, found `step`"; a word close
 * to the keyword the grammar expects is reported as a misspelling and then read as that keyword;
 * and resynchronisation skips whole bracketed groups and stops only where a construct can
 * really start again, so one mistake does not cascade into the next lines.
 */
final class ChaosErrorStrategy extends DefaultErrorStrategy {
  /** Past this many, further syntax errors are noise. */
  private static final int MAX_ERRORS = 100;

  private final Spans spans;
  private final List<Diagnostic> out;
  private int reported;
  /** Token index of the last error; an error on the very next token is its echo. */
  private int lastErrorToken = -2;
  /** Set while a `{` known to be missing is conjured, for the message to say where it goes. */
  private boolean missingBrace;
  private static final int UNKNOWN = -2;
  /** See {@link #lastStrayCloser}; computed on the first error that needs it. */
  private int lastStrayCloser = UNKNOWN;

  /** Reserved words the file declares as names (see {@link ReservedNames}). */
  private final Set<String> declaredReserved;
  /** Token indexes of uses of those words that broke the parse: the next pass reads them as names. */
  private final Set<Integer> usesAsNames;

  ChaosErrorStrategy(Spans spans, List<Diagnostic> out, Set<String> declaredReserved,
      Set<Integer> usesAsNames) {
    this.spans = spans;
    this.out = out;
    this.declaredReserved = declaredReserved;
    this.usesAsNames = usesAsNames;
  }

  @Override
  public void reportError(Parser parser, RecognitionException e) {
    if (inErrorRecoveryMode(parser)) {
      return;
    }
    beginErrorCondition(parser);
    Token found = e.getOffendingToken() != null ? e.getOffendingToken() : parser.getCurrentToken();
    IntervalSet expected = e.getExpectedTokens();
    report(parser, found, expected == null ? parser.getExpectedTokens() : expected);
  }

  @Override
  protected void reportUnwantedToken(Parser parser) {
    if (inErrorRecoveryMode(parser)) {
      return;
    }
    beginErrorCondition(parser);
    report(parser, parser.getCurrentToken(), getExpectedTokens(parser));
  }

  @Override
  protected void reportMissingToken(Parser parser) {
    reportUnwantedToken(parser);
  }

  @Override
  public Token recoverInline(Parser parser) throws RecognitionException {
    if (!inErrorRecoveryMode(parser) && fixMisspelledKeyword(parser, getExpectedTokens(parser))) {
      Token keyword = parser.getCurrentToken();
      reportMatch(parser);
      parser.consume();
      return keyword;
    }
    // ANTLR would describe the error from the last optional part it passed (`=` of a
    // parameter default, say), not from the token that is missing here.
    nextTokensContext = null;
    nextTokensState = ATNState.INVALID_STATE_NUMBER;
    // A missing name (`let = 5`) is conjured before the next token is taken for the name.
    if (getExpectedTokens(parser).contains(IDENT) && singleTokenInsertion(parser)) {
      return getMissingSymbol(parser);
    }
    return super.recoverInline(parser);
  }

  /**
   * Brackets and reserved words are never dropped alone: they give the input its structure.
   * An unexpected `}` dropped makes the next section an operand; in `for in xs`, dropping `in`
   * makes `xs` the variable and the error reappears at `{`.
   */
  @Override
  protected Token singleTokenDeletion(Parser parser) {
    int type = parser.getInputStream().LA(1);
    boolean structural = Tokens.has(Tokens.OPENERS, type) || Tokens.has(Tokens.CLOSERS, type)
        || Tokens.has(Tokens.RESERVED, type);
    return structural ? null : super.singleTokenDeletion(parser);
  }

  /**
   * A missing name or punctuation is conjured; a missing `{` or keyword is not. A conjured `{`
   * would take its body from the lines that follow, and a missing keyword is more often a line
   * that went wrong, where skipping is safer.
   */
  @Override
  protected boolean singleTokenInsertion(Parser parser) {
    IntervalSet expected = getExpectedTokens(parser);
    int missing = expected.getMinElement();
    missingBrace = missing == LBRACE && unmatchedCloserAhead(parser);
    boolean conjurable = expected.contains(IDENT) || (missing != LBRACE && !Tokens.isWord(missing))
        || missingBrace;
    try {
      return conjurable && super.singleTokenInsertion(parser);
    } finally {
      missingBrace = false;
    }
  }

  /**
   * Whether a `}` further on closes nothing: then the `{` missing here is the one it closes,
   * and conjuring it gives the lines that follow the block they were written as, so the stray
   * `}` is no second error.
   */
  private boolean unmatchedCloserAhead(Parser parser) {
    if (lastStrayCloser == UNKNOWN) {
      lastStrayCloser = lastStrayCloser(parser.getInputStream());
    }
    return lastStrayCloser >= parser.getInputStream().index();
  }

  /** The index of the last `}` that closes no `{` (nor `${`), counting from the start; or -1. */
  private static int lastStrayCloser(TokenStream tokens) {
    int last = -1;
    int depth = 0;
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      if (t.getType() == Token.EOF) {
        break;
      }
      if (t.getChannel() != Token.DEFAULT_CHANNEL) {
        continue;
      }
      if (t.getType() == LBRACE || t.getType() == INTERP_OPEN) {
        depth++;
      } else if (t.getType() == RBRACE && --depth < 0) {
        last = i;
        depth = 0;
      }
    }
    return last;
  }

  @Override
  protected Token getMissingSymbol(Parser parser) {
    Token current = parser.getCurrentToken();
    Token previous = parser.getInputStream().LT(-1);
    IntervalSet expecting = getExpectedTokens(parser);
    int expected = expecting.contains(IDENT) ? IDENT : expecting.getMinElement();
    int at = previous != null ? previous.getStopIndex() + 1 : current.getStartIndex();
    CommonToken missing = new CommonToken(
        new Pair<>(current.getTokenSource(), current.getTokenSource().getInputStream()),
        expected, Token.DEFAULT_CHANNEL, at, at - 1);
    missing.setText("");
    missing.setLine(current.getLine());
    missing.setCharPositionInLine(current.getCharPositionInLine());
    return missing;
  }

  /** As ANTLR's, but any sync failure resynchronises in place rather than leaving the rule. */
  @Override
  public void sync(Parser parser) throws RecognitionException {
    if (inErrorRecoveryMode(parser)) {
      return;
    }
    ATNState state = parser.getInterpreter().atn.states.get(parser.getState());
    TokenStream tokens = parser.getInputStream();
    int la = tokens.LA(1);
    IntervalSet next = parser.getATN().nextTokens(state);
    if (next.contains(la)) {
      nextTokensContext = null;
      nextTokensState = ATNState.INVALID_STATE_NUMBER;
      return;
    }
    if (next.contains(Token.EPSILON)) {
      if (nextTokensContext == null) {
        nextTokensContext = parser.getContext();
        nextTokensState = parser.getState();
      }
      return;
    }
    if (next.contains(LBRACE) && Tokens.has(Tokens.STATEMENT_STARTS, la) && unmatchedCloserAhead(parser)) {
      return; // a block's `{` is missing: matching it conjures one (see singleTokenInsertion)
    }
    switch (state.getStateType()) {
      case ATNState.BLOCK_START:
      case ATNState.STAR_BLOCK_START:
      case ATNState.PLUS_BLOCK_START:
      case ATNState.STAR_LOOP_ENTRY:
      case ATNState.PLUS_LOOP_BACK:
      case ATNState.STAR_LOOP_BACK:
        IntervalSet expecting = getExpectedTokens(parser);
        if (fixMisspelledKeyword(parser, expecting) || singleTokenDeletion(parser) != null) {
          return;
        }
        reportUnwantedToken(parser);
        consumeUntil(parser, expecting.or(getErrorRecoverySet(parser)));
        if (!expecting.contains(tokens.LA(1))) {
          throw new InputMismatchException(parser);
        }
        return;
      default:
        return;
    }
  }

  /**
   * Skips to a token in {@code set} that can restart parsing: a closing bracket, a comma or a
   * reserved keyword, or any token that begins a line. Bracketed groups are skipped whole.
   */
  @Override
  protected void consumeUntil(Parser parser, IntervalSet set) {
    TokenStream tokens = parser.getInputStream();
    int depth = 0;
    while (true) {
      Token t = tokens.LT(1);
      int type = t.getType();
      if (type == Token.EOF) {
        return;
      }
      if (depth == 0 && set.contains(type) && restartsParsing(t, tokens.LT(-1))) {
        return;
      }
      if (Tokens.has(Tokens.OPENERS, type)) {
        depth++;
      } else if (Tokens.has(Tokens.CLOSERS, type) && depth > 0) {
        depth--;
      }
      parser.consume();
    }
  }

  private static boolean restartsParsing(Token t, Token previous) {
    int type = t.getType();
    if (type == RBRACE || type == RPAREN || type == RBRACK || type == COMMA
        || type == STR_CLOSE || type == TEXT_CLOSE) {
      return true;
    }
    if (Tokens.has(Tokens.RESERVED, type) && type != TRUE && type != FALSE && type != NOT) {
      return true;
    }
    return previous == null || previous.getLine() != t.getLine();
  }

  /**
   * When the current token is a name close to a keyword the grammar requires here (`gaurd`
   * where a section must start), reports it once and re-types it as that keyword.
   */
  private boolean fixMisspelledKeyword(Parser parser, IntervalSet expected) {
    Token word = parser.getCurrentToken();
    if (word.getType() != IDENT) {
      return false;
    }
    Map<String, Integer> keywords = Tokens.expectedKeywords(expected);
    Optional<String> match = Suggest.closest(word.getText(), keywords.keySet());
    if (match.isEmpty()) {
      return false;
    }
    String text = Tokens.quote(word.getText());
    int type = keywords.get(match.get());
    String message;
    if (expected.contains(PRECONDITION)) {
      message = Tokens.has(Tokens.HEADER_ATTRIBUTES, type)
          ? "unknown header attribute " + text : "unknown section " + text;
    } else if (expected.contains(RUNBOOK)) {
      message = "unknown declaration " + text;
    } else {
      message = "unknown keyword " + text;
    }
    add(Diagnostic.of(Code.CH0011, spans.of(word), message)
        .withLabel("expected " + Tokens.describeExpected(expected))
        .withHelp("did you mean `" + match.get() + "`?"));
    ((WritableToken) word).setType(type);
    return true;
  }

  private void report(Parser parser, Token found, IntervalSet expected) {
    if (expected != null && expected.contains(IDENT) && Tokens.has(Tokens.RESERVED, found.getType())
        && declaredReserved.contains(found.getText())) {
      usesAsNames.add(found.getTokenIndex());
    }
    int index = found.getTokenIndex();
    boolean echo = index >= 0 && index <= lastErrorToken + 1 && index >= lastErrorToken;
    lastErrorToken = Math.max(lastErrorToken, index);
    if (echo) {
      return;
    }
    if (found.getStopIndex() < found.getStartIndex() && Tokens.has(Tokens.CLOSERS, found.getType())) {
      return; // a closer recovery supplied for an unclosed bracket, which is reported already
    }
    Token previous = previousOnLine(parser, found);
    if (previous != null && reportMisspelledBefore(previous)) {
      return;
    }
    String expectedText = Tokens.describeExpected(expected);
    Span span = found.getType() == Token.EOF ? endOfCode(parser, found) : spans.of(found);
    // A word alone at the start of a runbook line is an attempt at an attribute or section.
    boolean member = expected != null && expected.contains(PRECONDITION) && !expected.contains(IDENT)
        && found.getType() == IDENT && previous == null;
    Diagnostic d = member
        ? Diagnostic.of(Code.CH0011, span, "unknown header attribute or section " + Tokens.quote(found.getText()))
            .withLabel("expected " + expectedText)
        : Diagnostic.of(Code.CH0010, span, "expected " + expectedText + ", found " + Tokens.describeFound(found))
            .withLabel(found.getType() == Token.EOF ? "file ends here" : "unexpected " + Tokens.describeUnexpected(found));
    String help = expected == null ? null : SyntaxHints.help(found, previous, expected);
    if (help == null && expected != null) {
      help = unclosedBefore(parser, found, expected);
    }
    Token before = parser.getInputStream().LT(-1);
    if (missingBrace && before != null) {
      help = "add `{` at the end of line " + before.getLine();
    }
    add(help == null ? d : d.withHelp(help));
  }

  /**
   * `f(a, b` then `}` on a later line: the help names the `(` that is still open, when a closer
   * of another kind (or the end of the file) comes where its own was expected.
   */
  private static String unclosedBefore(Parser parser, Token found, IntervalSet expected) {
    int type = found.getType();
    boolean otherCloser = type == RBRACE || type == RBRACK || type == RPAREN || type == Token.EOF;
    int want = expected.contains(RPAREN) ? RPAREN : expected.contains(RBRACK) ? RBRACK : -1;
    if (!otherCloser || want < 0 || type == want || found.getTokenIndex() < 0) {
      return null;
    }
    int opener = want == RPAREN ? LPAREN : LBRACK;
    int depth = 0;
    for (int i = found.getTokenIndex() - 1; i >= 0; i--) {
      Token t = parser.getInputStream().get(i);
      if (t.getChannel() != Token.DEFAULT_CHANNEL) {
        continue;
      }
      if (t.getType() == want) {
        depth++;
      } else if (t.getType() == opener && depth-- == 0) {
        return t.getLine() == found.getLine() ? null
            : "close the `" + t.getText() + "` of line " + t.getLine() + " with `" + Tokens.literal(want) + "`";
      }
    }
    return null;
  }

  /**
   * `} esle {`: the misspelled word parses as a statement and the error shows at the next
   * token, so a keyword-like word just before it is the likelier mistake.
   */
  private boolean reportMisspelledBefore(Token previous) {
    if (previous.getType() != IDENT || previous.getText().length() < 4) {
      return false;
    }
    Optional<String> match = Suggest.closest(previous.getText(), List.of("else", "every", "within", "until"));
    if (match.isEmpty()) {
      return false;
    }
    add(Diagnostic.of(Code.CH0011, spans.of(previous), "unknown keyword " + Tokens.quote(previous.getText()))
        .withLabel("not a keyword")
        .withHelp("did you mean `" + match.get() + "`?"));
    return true;
  }

  private static Token previousOnLine(Parser parser, Token found) {
    if (found.getTokenIndex() <= 0) {
      return null;
    }
    for (int i = found.getTokenIndex() - 1; i >= 0; i--) {
      Token t = parser.getInputStream().get(i);
      if (t.getChannel() == Token.DEFAULT_CHANNEL) {
        return t.getLine() == found.getLine() ? t : null;
      }
    }
    return null;
  }

  /** Just after the last real token, so "found end of file" points at the code, not past it. */
  private Span endOfCode(Parser parser, Token eof) {
    for (int i = eof.getTokenIndex() - 1; i >= 0; i--) {
      Token t = parser.getInputStream().get(i);
      if (t.getChannel() == Token.DEFAULT_CHANNEL) {
        return spans.after(t);
      }
    }
    return spans.of(eof);
  }

  private void add(Diagnostic d) {
    if (reported++ < MAX_ERRORS) {
      out.add(d);
    }
  }
}
