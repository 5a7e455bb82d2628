package dev.chaos.syntax;

import static dev.chaos.syntax.grammar.ChaosLexer.*;

import dev.chaos.diag.Code;
import dev.chaos.diag.Diagnostic;
import dev.chaos.source.Span;
import dev.chaos.units.UnitException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.WritableToken;

/**
 * Reports lexical errors from the token list, before parsing: the lexer turns every bad input
 * into a token (never an exception), and this pass gives each one a single diagnostic.
 */
final class LexicalCheck {
  private final Spans spans;
  private final List<Diagnostic> out;
  private boolean unterminated;

  private LexicalCheck(Spans spans, List<Diagnostic> out) {
    this.spans = spans;
    this.out = out;
  }

  /** Reports into {@code out}; true when a string or comment runs to the end of the file. */
  static boolean check(List<Token> tokens, Spans spans, List<Diagnostic> out) {
    LexicalCheck check = new LexicalCheck(spans, out);
    check.run(tokens);
    return check.unterminated;
  }

  private void run(List<Token> tokens) {
    hideStringTails(tokens);
    Deque<Token> openStrings = new ArrayDeque<>();
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      if (t.getChannel() == Token.HIDDEN_CHANNEL) {
        continue;
      }
      switch (t.getType()) {
        case INVALID:
          i = invalidRun(tokens, i);
          break;
        case HASH_COMMENT:
          Span hash = new Span(spans.file(), spans.start(t), spans.start(t) + 1);
          out.add(Diagnostic.of(Code.CH0001, hash, "invalid character `#`")
              .withLabel("not a comment")
              .withHelp("comments start with `//`"));
          break;
        case UNTERMINATED_COMMENT:
          unterminated = true;
          Span open = new Span(spans.file(), spans.start(t), spans.start(t) + 2);
          out.add(Diagnostic.of(Code.CH0003, open, "unterminated block comment")
              .withLabel("comment starts here and never ends")
              .withHelp("close the comment with `*/`"));
          break;
        case STR_OPEN:
        case TEXT_OPEN:
          openStrings.push(t);
          break;
        case STR_CLOSE:
          Token opening = openStrings.isEmpty() ? null : openStrings.pop();
          if (!"\"".equals(t.getText()) && opening != null) {
            lineBreakInString(opening, t);
          }
          break;
        case TEXT_CLOSE:
          if (!openStrings.isEmpty()) {
            openStrings.pop();
          }
          break;
        case STR_ESCAPE:
          // A lone `\` ends the line or the file: that is the one problem to report.
          if (Literals.escape(t.getText()) == null && t.getText().length() == 2) {
            out.add(Diagnostic.of(Code.CH0004, spans.of(t), "unknown escape " + Tokens.quote(t.getText()))
                .withLabel("not an escape")
                .withHelp("the escapes are `\\\"`, `\\\\`, `\\n`, `\\t` and `\\$`"));
          }
          break;
        case GLUED_NUMBER:
          gluedNumber(t);
          break;
        case TIME_OF_DAY:
          timeOfDay(t);
          break;
        case DURATION:
          duration(t);
          break;
        case INT:
          if (Literals.integer(t.getText()) == null) {
            out.add(Diagnostic.of(Code.CH0307, spans.of(t), "integer " + Tokens.quote(t.getText()) + " is too large")
                .withLabel("the largest integer is 9223372036854775807"));
          }
          break;
        case FLOAT:
          if (Double.isInfinite(Literals.decimal(t.getText()))) {
            out.add(Diagnostic.of(Code.CH0307, spans.of(t), "number " + Tokens.quote(t.getText()) + " is too large")
                .withLabel("the largest number is about 1.8e308"));
          }
          break;
        default:
          break;
      }
    }
    if (!openStrings.isEmpty()) {
      unterminated = true;
      // The outermost open string is the one the author forgot to close.
      Token first = openStrings.peekLast();
      boolean block = first.getType() == TEXT_OPEN;
      out.add(Diagnostic.of(Code.CH0002, spans.of(first),
              block ? "unterminated text block" : "unterminated string")
          .withLabel(block ? "text block starts here and never ends" : "string starts here and never ends")
          .withHelp(block ? "close the text block with `\"\"\"`" : "close the string with `\"`"));
    }
  }

  /**
   * Text meant to go on over several lines: `"first line` broken by the line break, then lines
   * that end in the `"` that was meant to close it. Lexed as code, that tail would bring a
   * diagnostic per word and a second broken string; hidden from the parser, it is explained by
   * the first line's one diagnostic. The tail is taken only up to the first line with a quote,
   * and only when that quote is a lone `"` ending its line and no brace is on the way, so real
   * code after a plain unclosed string is still read.
   */
  private static void hideStringTails(List<Token> tokens) {
    for (int i = 0; i < tokens.size(); i++) {
      if (!isLineBreakClose(tokens.get(i))) {
        continue;
      }
      int end = closingQuoteOfTail(tokens, i + 1);
      for (int j = i + 1; j <= end; j++) {
        ((WritableToken) tokens.get(j)).setChannel(Token.HIDDEN_CHANNEL);
      }
      i = Math.max(i, end);
    }
  }

  /** The index of the token that ends the tail starting at {@code from}, or -1 for no tail. */
  private static int closingQuoteOfTail(List<Token> tokens, int from) {
    for (int j = from; j < tokens.size(); j++) {
      Token t = tokens.get(j);
      switch (t.getType()) {
        case STR_OPEN: {
          Token next = j + 1 < tokens.size() ? tokens.get(j + 1) : null;
          if (next == null || !isLineBreakClose(next) && next.getType() != Token.EOF) {
            return -1;
          }
          return isLineBreakClose(next) ? j + 1 : j;
        }
        case Token.EOF:
        case TEXT_OPEN:
        case LBRACE:
        case RBRACE:
        case INTERP_OPEN:
          return -1;
        default:
          break;
      }
    }
    return -1;
  }

  private static boolean isLineBreakClose(Token t) {
    return t.getType() == STR_CLOSE && !"\"".equals(t.getText());
  }

  /** One diagnostic for a run of adjacent invalid characters; returns the run's last index. */
  private int invalidRun(List<Token> tokens, int first) {
    int last = first;
    while (last + 1 < tokens.size() && tokens.get(last + 1).getType() == INVALID
        && tokens.get(last + 1).getStartIndex() == tokens.get(last).getStopIndex() + 1) {
      last++;
    }
    Span span = spans.between(tokens.get(first), tokens.get(last));
    String text = span.text();
    boolean one = text.codePointCount(0, text.length()) == 1;
    Diagnostic d = Diagnostic.of(Code.CH0001, span,
            (one ? "invalid character " : "invalid characters ") + Tokens.quote(printable(text)))
        .withLabel("not part of the language");
    String help = helpForInvalid(text.charAt(0));
    out.add(help == null ? d : d.withHelp(help));
    return last;
  }

  private static String helpForInvalid(char c) {
    switch (c) {
      case '#':
        return "comments start with `//`";
      case ';':
        return "statements need no separator: remove the `;`";
      case '\'':
        return "strings are written in double quotes: `\"...\"`";
      case '%':
        return "there is no `%` operator; a percentage is written `30%`";
      case '$':
        return "`${...}` interpolates only inside a string";
      case '\u201C':
      case '\u201D':
        return "use a straight double quote `\"`";
      case '&':
        return "use `and`";
      case '|':
        return "use `or`";
      default:
        return null;
    }
  }

  private static String printable(String text) {
    StringBuilder sb = new StringBuilder();
    text.codePoints().forEach(cp -> {
      if (Character.isISOControl(cp) || Character.getType(cp) == Character.SURROGATE) {
        sb.append(String.format("\\u{%x}", cp));
      } else {
        sb.appendCodePoint(cp);
      }
    });
    return sb.toString();
  }

  private void lineBreakInString(Token opening, Token lineBreak) {
    Span span = new Span(spans.file(), spans.start(opening), spans.start(lineBreak));
    out.add(Diagnostic.of(Code.CH0007, span, "string is not closed before the end of the line")
        .withLabel("missing closing `\"`")
        .withHelp("close the string with `\"`, or use a text block (`\"\"\"`) for text on several lines"));
  }

  private void gluedNumber(Token t) {
    String text = t.getText();
    Span span = spans.of(t);
    if (text.matches("[0-9_]+")) {
      out.add(Diagnostic.of(Code.CH0005, span, Tokens.quote(text) + " is not a number")
          .withLabel("digit separators are not supported")
          .withHelp("write `" + text.replace("_", "") + "`"));
      return;
    }
    // the message is the one `chaos.yaml` and world files give for the same text
    UnitException refused = Literals.durationError(text);
    String intended = refused == null ? null : refused.suggestion();
    Diagnostic d = Diagnostic.of(Code.CH0005, span, refused == null
            ? Tokens.quote(text) + " is not a duration" : refused.getMessage())
        .withLabel("a number glued to letters");
    out.add(intended == null ? d : d.withHelp("write `" + intended + "`"));
  }

  private void timeOfDay(Token t) {
    String text = t.getText();
    if (Literals.timeOfDay(text) != null) {
      return;
    }
    int colon = text.indexOf(':');
    String label;
    if (colon != 2 || text.length() - colon - 1 != 2) {
      label = "hours and minutes take two digits each";
    } else if (Integer.parseInt(text.substring(0, 2)) > 23) {
      label = "hours go from 00 to 23";
    } else {
      label = "minutes go from 00 to 59";
    }
    out.add(Diagnostic.of(Code.CH0006, spans.of(t), "invalid time of day " + Tokens.quote(text))
        .withLabel(label)
        .withHelp("write a time of day as `HH:MM`, e.g. `02:00` or `23:30`"));
  }

  private void duration(Token t) {
    UnitException refused = Literals.durationError(t.getText());
    if (refused == null) {
      return;
    }
    // the message is the one `chaos.yaml` and world files give for the same text
    Diagnostic d = switch (refused.problem()) {
      case UNIT_ORDER -> Diagnostic.of(Code.CH0008, spans.of(t), refused.getMessage())
          .withLabel("units out of order");
      case TOO_LARGE -> Diagnostic.of(Code.CH0307, spans.of(t), refused.getMessage())
          .withLabel("longer than about 292 years");
      default -> Diagnostic.of(Code.CH0005, spans.of(t), refused.getMessage());
    };
    out.add(refused.suggestion() == null ? d : d.withHelp("write `" + refused.suggestion() + "`"));
  }
}
