package dev.chaos.syntax;

import static dev.chaos.syntax.grammar.ChaosLexer.*;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.Vocabulary;
import org.antlr.v4.runtime.VocabularyImpl;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * Token categories and the words used to describe tokens in syntax errors. The vocabulary is
 * read from the `ChaosLexer.tokens` file the ANTLR plugin writes (the parser's vocabulary is the
 * lexer's): neither generated class is initialised by a check, as their static initialisers
 * deserialise automata that cost start-up time, and {@link ChaosTokenizer} and
 * {@link HandParser} do their work.
 */
final class Tokens {
  private Tokens() {}

  /** Equal to the generated parser's VOCABULARY (TokensAgreeWithGrammarTest). */
  static final Vocabulary VOCABULARY = read("ChaosLexer.tokens");

  static final int MAX_TYPE = VOCABULARY.getMaxTokenType();

  static final BitSet RESERVED = set(IMPORT, FN, ACTION, RUNBOOK, LET, EXPECT, WAIT, UNTIL, EVERY,
      WITHIN, ELSE, IF, FOR, IN, RECORD, LOG, FAIL, TRUE, FALSE, AND, OR, NOT);
  static final BitSet CONTEXTUAL = set(TITLE, OBJECTIVE, ENVIRONMENT, BLAST_RADIUS, WINDOW,
      MAX_DURATION, OWNER, TAGS, LOCK, PRECONDITION, OBSERVE, GUARD, STEP, VERIFY, ROLLBACK,
      RECOVERY, ON, ABORT, TIMEOUT, RETRY, IRREVERSIBLE, THROUGHOUT, UNDO, TO, ZONE, AS, WARN, WHEN,
      EXTEND, ESCALATION_POLICY, SCHEDULE);
  static final BitSet HEADER_ATTRIBUTES = set(TITLE, OBJECTIVE, ENVIRONMENT, BLAST_RADIUS, WINDOW,
      MAX_DURATION, OWNER, TAGS, LOCK, ESCALATION_POLICY, SCHEDULE);
  static final BitSet SECTIONS = set(LET, PRECONDITION, OBSERVE, GUARD, STEP, VERIFY, ROLLBACK,
      RECOVERY, ON);
  static final BitSet STATEMENTS = set(LET, EXPECT, WAIT, IF, FOR, RECORD, LOG, FAIL);
  static final BitSet DECLARATIONS = set(IMPORT, LET, FN, ACTION, RUNBOOK);
  static final BitSet LITERALS = set(INT, FLOAT, DURATION, PERCENT, TIME_OF_DAY, GLUED_NUMBER);
  static final BitSet OPENERS = set(LPAREN, LBRACK, LBRACE, INTERP_OPEN, STR_OPEN, TEXT_OPEN);
  static final BitSet CLOSERS = set(RPAREN, RBRACK, RBRACE, STR_CLOSE, TEXT_CLOSE);
  static final BitSet OPERATORS = set(EQ, NE, LE, GE, LT, GT, PLUS, MINUS, STAR, SLASH, AND, OR,
      AMP_AMP, PIPE_PIPE, DOT);
  /** Tokens that can begin an expression (besides names). */
  static final BitSet EXPRESSION_STARTS = union(LITERALS, set(TRUE, FALSE, STR_OPEN, TEXT_OPEN,
      LPAREN, LBRACK, LBRACE, MINUS, NOT, BANG, RUNBOOK));
  /** Tokens that can begin a statement: keywords, names and unbracketed operands. */
  static final BitSet STATEMENT_STARTS = union(union(STATEMENTS, CONTEXTUAL), union(LITERALS,
      set(IDENT, TRUE, FALSE, STR_OPEN, TEXT_OPEN, NOT, BANG, RUNBOOK)));
  /** Tokens accepted so that their chaos spelling can be suggested; never "expected". */
  private static final BitSet FOREIGN = set(AMP_AMP, PIPE_PIPE, BANG);

  /** Membership that is false for EOF (-1) and other negative types. */
  static boolean has(BitSet category, int type) {
    return type >= 0 && category.get(type);
  }

  static boolean isName(int type) {
    return type == IDENT || has(CONTEXTUAL, type);
  }

  static boolean isWord(int type) {
    return isName(type) || has(RESERVED, type);
  }

  /** The spelling of a keyword or punctuation token (`step`, `{`), or null for other tokens. */
  static String literal(int type) {
    if (has(RESERVED, type) || has(CONTEXTUAL, type)) {
      // Keywords have no lexer rule (see ChaosTokenizer); each is spelled as its token name.
      return VOCABULARY.getSymbolicName(type).toLowerCase(java.util.Locale.ROOT);
    }
    String name = VOCABULARY.getLiteralName(type);
    return name == null ? null : name.substring(1, name.length() - 1);
  }

  /** Expected keywords by spelling, for "did you mean"; empty when a name would also do. */
  static Map<String, Integer> expectedKeywords(IntervalSet expected) {
    Map<String, Integer> out = new LinkedHashMap<>();
    if (expected == null || expected.contains(IDENT)) {
      return out;
    }
    for (int type : expected.toArray()) {
      if (isWord(type)) {
        out.put(literal(type), type);
      }
    }
    return out;
  }

  /** How a found token reads in a message: "`step`", "a string", "end of file". */
  static String describeFound(Token token) {
    switch (token.getType()) {
      case Token.EOF:
        return "end of file";
      case STR_OPEN:
        return "a string";
      case TEXT_OPEN:
        return "a text block";
      case STR_CLOSE:
        return "\n".equals(token.getText()) || "\r\n".equals(token.getText())
            ? "end of line" : "`\"`";
      default:
        return quote(token.getText());
    }
  }

  /** As {@link #describeFound}, after "unexpected": "unexpected string", "unexpected `step`". */
  static String describeUnexpected(Token token) {
    String found = describeFound(token);
    return found.startsWith("a ") ? found.substring(2) : found;
  }

  static String quote(String text) {
    String shown = text.length() > 40 ? text.substring(0, 37) + "..." : text;
    return "`" + shown.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t") + "`";
  }

  /** "an expression, `,` or `)`": categories first, then single tokens in grammar order. */
  static String describeExpected(IntervalSet expected) {
    if (expected == null || expected.isNil()) {
      return "something else";
    }
    BitSet left = new BitSet();
    for (int type : expected.toArray()) {
      if (type >= 0 && !FOREIGN.get(type)) {
        left.set(type);
      }
    }
    List<String> parts = new ArrayList<>();
    if (left.get(PRECONDITION) && left.get(STEP) && !left.get(IDENT)) {
      parts.add("a header attribute");
      parts.add("a section");
      left.andNot(HEADER_ATTRIBUTES);
      left.andNot(SECTIONS);
    }
    if (left.get(RUNBOOK) && left.get(FN) && left.get(IMPORT)) {
      parts.add("a declaration");
      left.andNot(DECLARATIONS);
    }
    if (left.get(EXPECT) && left.get(LOG)) {
      parts.add("a statement");
      left.andNot(STATEMENTS);
      left.andNot(CONTEXTUAL);
      left.andNot(EXPRESSION_STARTS);
      left.clear(IDENT);
    }
    if (left.get(IDENT) && left.get(INT)) {
      parts.add("an expression");
      left.andNot(EXPRESSION_STARTS);
      left.andNot(CONTEXTUAL);
      left.clear(IDENT);
    } else if (left.get(IDENT)) {
      parts.add("a name");
      left.andNot(CONTEXTUAL);
      left.clear(IDENT);
      if (left.get(IMPORT) && left.get(NOT)) {
        left.andNot(RESERVED);
      }
    }
    if (countIn(left, OPERATORS) >= 4) {
      parts.add("an operator");
      left.andNot(OPERATORS);
      left.clear(LPAREN);
      left.clear(LBRACK);
    }
    if (left.get(STR_OPEN)) {
      left.clear(TEXT_OPEN);
    }
    for (int type = left.nextSetBit(0); type >= 0; type = left.nextSetBit(type + 1)) {
      parts.add(describeType(type));
    }
    if (expected.contains(Token.EOF)) {
      parts.add("end of file");
    }
    return joinOr(parts);
  }

  private static String describeType(int type) {
    String literal = literal(type);
    if (literal != null) {
      return "`" + literal + "`";
    }
    switch (type) {
      case IDENT:
        return "a name";
      case INT:
      case FLOAT:
        return "a number";
      case DURATION:
        return "a duration";
      case PERCENT:
        return "a percentage";
      case TIME_OF_DAY:
        return "a time of day";
      case STR_OPEN:
        return "a string";
      case TEXT_OPEN:
        return "a text block";
      case STR_CLOSE:
        return "`\"`";
      case TEXT_CLOSE:
        return "`\"\"\"`";
      case INTERP_OPEN:
        return "`${`";
      default:
        return "`" + VOCABULARY.getDisplayName(type).toLowerCase() + "`";
    }
  }

  static String joinOr(List<String> parts) {
    if (parts.isEmpty()) {
      return "something else";
    }
    if (parts.size() == 1) {
      return parts.get(0);
    }
    return String.join(", ", parts.subList(0, parts.size() - 1)) + " or " + parts.get(parts.size() - 1);
  }

  private static int countIn(BitSet bits, BitSet category) {
    BitSet copy = (BitSet) bits.clone();
    copy.and(category);
    return copy.cardinality();
  }

  /** Reads an ANTLR `.tokens` resource: `NAME=type` and `'literal'=type` lines. */
  private static Vocabulary read(String resource) {
    List<String> symbolic = new ArrayList<>();
    List<String> literal = new ArrayList<>();
    try (InputStream in = Tokens.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("the resource " + resource + " is missing from the build");
      }
      BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        int eq = line.lastIndexOf('=');
        if (eq <= 0) {
          continue;
        }
        int type = Integer.parseInt(line.substring(eq + 1).trim());
        String name = line.substring(0, eq);
        List<String> names = name.startsWith("'") ? literal : symbolic;
        while (names.size() <= type) {
          names.add(null);
        }
        names.set(type, name.startsWith("'") ? unescape(name) : name);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new VocabularyImpl(literal.toArray(new String[0]), symbolic.toArray(new String[0]));
  }

  /** A literal as the generated code spells it: quoted, backslash escapes resolved. */
  private static String unescape(String quoted) {
    StringBuilder out = new StringBuilder(quoted.length());
    for (int i = 0; i < quoted.length(); i++) {
      char c = quoted.charAt(i);
      if (c == '\\' && i + 1 < quoted.length()) {
        char e = quoted.charAt(++i);
        out.append(e == 'n' ? '\n' : e == 'r' ? '\r' : e == 't' ? '\t' : e);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static BitSet set(int... types) {
    BitSet bits = new BitSet();
    for (int t : types) {
      bits.set(t);
    }
    return bits;
  }

  private static BitSet union(BitSet a, BitSet b) {
    BitSet bits = (BitSet) a.clone();
    bits.or(b);
    return bits;
  }
}
