package dev.chaos.syntax;

import static dev.chaos.syntax.grammar.ChaosLexer.*;

import dev.chaos.syntax.grammar.ChaosLexer;
import java.util.Arrays;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenFactory;
import org.antlr.v4.runtime.Lexer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenFactory;
import org.antlr.v4.runtime.TokenSource;
import org.antlr.v4.runtime.misc.Pair;

/**
 * The lexer of grammar/ChaosLexer.g4, written by hand: the same tokens as the generated lexer
 * with keywords typed by spelling, but without its automaton, whose deserialisation and lazily
 * built DFA cost tens of milliseconds before the first file of every run is lexed. The grammar
 * stays the specification; TokenizerAgreesWithGrammarTest holds the two to the same tokens.
 *
 * <p>Positions are those of ANTLR: indexes count code points of the input stream, lines count
 * `\n` only, columns count code points. Every code point is part of a token in every mode, so
 * lexing never fails: bad input becomes INVALID or a comment on the ERRORS channel.
 */
final class ChaosTokenizer implements TokenSource {
  /** Keywords by first letter, `a` to `z`: their spellings and, in step, their types. */
  private static final char[][][] KEYWORDS = new char[26][0][];
  private static final int[][] KEYWORD_TYPES = new int[26][0];
  /** The type of WS, which is skipped. */
  private static final int SKIPPED = -2;

  static {
    for (int type = 1; type <= Tokens.MAX_TYPE; type++) {
      if (Tokens.has(Tokens.RESERVED, type) || Tokens.has(Tokens.CONTEXTUAL, type)) {
        char[] spelling = Tokens.literal(type).toCharArray();
        int letter = spelling[0] - 'a';
        int n = KEYWORDS[letter].length;
        KEYWORDS[letter] = Arrays.copyOf(KEYWORDS[letter], n + 1);
        KEYWORDS[letter][n] = spelling;
        KEYWORD_TYPES[letter] = Arrays.copyOf(KEYWORD_TYPES[letter], n + 1);
        KEYWORD_TYPES[letter][n] = type;
      }
    }
  }

  private final CharStream input;
  private final Pair<TokenSource, CharStream> source;
  private final int[] codePoints;
  private final int size;
  private TokenFactory<?> factory = CommonTokenFactory.DEFAULT;

  private int index;
  private int line = 1;
  private int column;
  private int mode = Lexer.DEFAULT_MODE;
  /** The modes to return to: `{` and `${` push, `}` pops. */
  private int[] modes = new int[8];
  private int depth;

  /** Code-point index where an unclosed text block is ended (see {@link TextBlockCut}), or -1. */
  private int textBlockCut = -1;
  private int textBlockCutLine;

  /** The channel of the token just scanned, when not the default. */
  private int channel;

  ChaosTokenizer(String text, String sourceName) {
    this.input = CharStreams.fromString(text, sourceName);
    this.source = new Pair<>(this, input);
    this.codePoints = codePoints(text);
    this.size = codePoints.length;
  }

  /** Ends the text block open at code point {@code index}, of line {@code line}, with `"""`. */
  void cutTextBlockAt(int index, int line) {
    textBlockCut = index;
    textBlockCutLine = line;
  }

  @Override
  public Token nextToken() {
    if (textBlockCut >= 0 && mode == TEXT_BLOCK && index >= textBlockCut) {
      textBlockCut = -1;
      popMode();
      return factory.create(source, TEXT_CLOSE, "", Token.DEFAULT_CHANNEL, index, index - 1,
          line, column);
    }
    while (true) {
      if (index >= size) {
        return factory.create(source, Token.EOF, null, Token.DEFAULT_CHANNEL, index, index - 1,
            line, column);
      }
      int start = index;
      int startLine = line;
      int startColumn = column;
      channel = Token.DEFAULT_CHANNEL;
      int type = mode == ChaosLexer.STRING ? inString()
          : mode == TEXT_BLOCK ? inTextBlock() : inCode();
      if (type == SKIPPED) {
        continue;
      }
      if (type == IDENT) {
        type = keywordOr(IDENT, start, index);
      }
      return factory.create(source, type, null, channel, start, index - 1, startLine, startColumn);
    }
  }

  /** A token of {@code type} on a channel other than the default. */
  private int onChannel(int type, int channel) {
    this.channel = channel;
    return type;
  }

  private int inCode() {
    int c = codePoints[index];
    if (isWordStart(c)) {
      advanceTo(wordEnd(index + 1));
      return IDENT;
    }
    if (isDigit(c)) {
      return number();
    }
    int next = index + 1 < size ? codePoints[index + 1] : -1;
    switch (c) {
      case ' ':
      case '\t':
      case '\r':
      case '\n':
      case '\f':
        int end = index + 1;
        for (int d; end < size && ((d = codePoints[end]) == ' ' || d == '\t' || d == '\r'
            || d == '\n' || d == '\f'); ) {
          end++;
        }
        advanceTo(end);
        return SKIPPED;
      case '-':
        return next == '>' ? consume(2, ARROW) : consume(1, MINUS);
      case '=':
        return next == '=' ? consume(2, EQ) : consume(1, ASSIGN);
      case '!':
        return next == '=' ? consume(2, NE) : consume(1, BANG);
      case '<':
        return next == '=' ? consume(2, LE) : consume(1, LT);
      case '>':
        return next == '=' ? consume(2, GE) : consume(1, GT);
      case '&':
        return next == '&' ? consume(2, AMP_AMP) : invalid();
      case '|':
        return next == '|' ? consume(2, PIPE_PIPE) : invalid();
      case '+':
        return consume(1, PLUS);
      case '*':
        return consume(1, STAR);
      case '(':
        return consume(1, LPAREN);
      case ')':
        return consume(1, RPAREN);
      case '[':
        return consume(1, LBRACK);
      case ']':
        return consume(1, RBRACK);
      case ',':
        return consume(1, COMMA);
      case '.':
        return consume(1, DOT);
      case ':':
        return consume(1, COLON);
      case '{':
        pushMode(Lexer.DEFAULT_MODE);
        return consume(1, LBRACE);
      case '}':
        popMode();
        return consume(1, RBRACE);
      case '"':
        if (next == '"' && index + 2 < size && codePoints[index + 2] == '"') {
          pushMode(TEXT_BLOCK);
          return consume(3, TEXT_OPEN);
        }
        pushMode(ChaosLexer.STRING);
        return consume(1, STR_OPEN);
      case '/':
        if (next == '/') {
          advanceTo(lineEnd(index + 2));
          return onChannel(LINE_COMMENT, COMMENTS);
        }
        if (next == '*') {
          return comment();
        }
        return consume(1, SLASH);
      case '#':
        advanceTo(lineEnd(index + 1));
        return onChannel(HASH_COMMENT, ERRORS);
      default:
        return invalid();
    }
  }

  /**
   * The type of the keyword spelled from {@code start} to {@code end}, else {@code word}. A
   * table rather than a map of strings: no string is made for each of the file's words.
   */
  private int keywordOr(int word, int start, int end) {
    int letter = codePoints[start] - 'a';
    if (letter < 0 || letter >= 26) {
      return word;
    }
    char[][] spellings = KEYWORDS[letter];
    candidates:
    for (int k = 0; k < spellings.length; k++) {
      char[] spelling = spellings[k];
      if (spelling.length != end - start) {
        continue;
      }
      for (int i = 1; i < spelling.length; i++) {
        if (spelling[i] != codePoints[start + i]) {
          continue candidates;
        }
      }
      return KEYWORD_TYPES[letter][k];
    }
    return word;
  }

  /**
   * The longest of the number rules; on equal length the earliest in the grammar wins
   * (DURATION, PERCENT, TIME_OF_DAY, FLOAT, INT, GLUED_NUMBER), so `1m30s` is a duration and
   * `10min` a glued number.
   */
  private int number() {
    int digits = digitsEnd(index);
    int fraction = fractionEnd(digits);
    int number = fraction >= 0 ? fraction : digits;
    int best = durationEnd(index);
    int type = DURATION;
    if (number < size && codePoints[number] == '%' && number + 1 > best) {
      best = number + 1;
      type = PERCENT;
    }
    if (digits + 1 < size && codePoints[digits] == ':' && isDigit(codePoints[digits + 1])) {
      int time = digitsEnd(digits + 1);
      if (time > best) {
        best = time;
        type = TIME_OF_DAY;
      }
    }
    if (fraction > best) {
      best = fraction;
      type = FLOAT;
    }
    if (digits > best) {
      best = digits;
      type = INT;
    }
    if (number < size && isWordStart(codePoints[number])) {
      int glued = wordEnd(number + 1);
      if (glued > best) {
        best = glued;
        type = GLUED_NUMBER;
      }
    }
    advanceTo(best);
    return type;
  }

  /** The end of the longest run of duration parts (`1m30s`, `1.5h`) at {@code from}, or -1. */
  private int durationEnd(int from) {
    int end = -1;
    int at = from;
    while (at < size && isDigit(codePoints[at])) {
      int digits = digitsEnd(at);
      int fraction = fractionEnd(digits);
      int unit = fraction >= 0 ? fraction : digits;
      if (unit >= size) {
        break;
      }
      int c = codePoints[unit];
      if (c == 'm') {
        at = unit + 1 < size && codePoints[unit + 1] == 's' ? unit + 2 : unit + 1;
      } else if (c == 's' || c == 'h' || c == 'd') {
        at = unit + 1;
      } else {
        break;
      }
      end = at;
    }
    return end;
  }

  /** The end of `.DIGITS` at {@code at}, or -1 when there is none. */
  private int fractionEnd(int at) {
    return at + 1 < size && codePoints[at] == '.' && isDigit(codePoints[at + 1])
        ? digitsEnd(at + 1) : -1;
  }

  /** `/*`: a block comment up to the first `*\/` after it, or unterminated to the end of file. */
  private int comment() {
    for (int i = index + 2; i + 1 < size; i++) {
      if (codePoints[i] == '*' && codePoints[i + 1] == '/') {
        advanceTo(i + 2);
        return onChannel(BLOCK_COMMENT, COMMENTS);
      }
    }
    advanceTo(size);
    return onChannel(UNTERMINATED_COMMENT, ERRORS);
  }

  private int invalid() {
    advanceTo(index + 1);
    return onChannel(INVALID, ERRORS);
  }

  private int inString() {
    int c = codePoints[index];
    int next = index + 1 < size ? codePoints[index + 1] : -1;
    switch (c) {
      case '"':
      case '\n':
        popMode();
        return consume(1, STR_CLOSE);
      case '\r':
        popMode();
        return consume(next == '\n' ? 2 : 1, STR_CLOSE);
      case '\\':
        return consume(next >= 0 && next != '\r' && next != '\n' ? 2 : 1, STR_ESCAPE);
      case '$':
        if (next == '{') {
          pushMode(Lexer.DEFAULT_MODE);
          return consume(2, INTERP_OPEN);
        }
        return consume(1, STR_TEXT);
      default:
        int end = index + 1;
        for (int d; end < size && (d = codePoints[end]) != '"' && d != '\\' && d != '$' && d != '\r'
            && d != '\n'; ) {
          end++;
        }
        advanceTo(end);
        return STR_TEXT;
    }
  }

  private int inTextBlock() {
    int c = codePoints[index];
    if (c == '"') {
      if (index + 2 < size && codePoints[index + 1] == '"' && codePoints[index + 2] == '"') {
        popMode();
        return consume(3, TEXT_CLOSE);
      }
      return consume(1, TEXT_CHARS);
    }
    if (c == '$') {
      int next = index + 1 < size ? codePoints[index + 1] : -1;
      if (next == '$' && index + 2 < size && codePoints[index + 2] == '{') {
        return consume(3, TEXT_DOLLAR_ESCAPE);
      }
      if (next == '{') {
        pushMode(Lexer.DEFAULT_MODE);
        return consume(2, INTERP_OPEN);
      }
      return consume(1, TEXT_CHARS);
    }
    int start = index;
    int end = index + 1;
    while (end < size && codePoints[end] != '"' && codePoints[end] != '$') {
      end++;
    }
    if (textBlockCut >= 0 && start < textBlockCut && end > textBlockCut) {
      // The cut ends the block's text here; the next token is its empty `"""`.
      advanceTo(textBlockCut);
      line = textBlockCutLine;
      column = 0;
    } else {
      advanceTo(end);
    }
    return TEXT_CHARS;
  }

  private int consume(int length, int type) {
    advanceTo(index + length);
    return type;
  }

  /** Moves to {@code end}, counting lines and columns as ANTLR does: `\n` starts a line. */
  private void advanceTo(int end) {
    for (; index < end; index++) {
      if (codePoints[index] == '\n') {
        line++;
        column = 0;
      } else {
        column++;
      }
    }
  }

  private void pushMode(int next) {
    if (depth == modes.length) {
      modes = Arrays.copyOf(modes, depth * 2);
    }
    modes[depth++] = mode;
    mode = next;
  }

  /** A stray `}` does not pop below the outermost mode (the grammar's popMode guard). */
  private void popMode() {
    if (depth > 0) {
      mode = modes[--depth];
    }
  }

  private int wordEnd(int from) {
    int end = from;
    for (int c; end < size && ((c = codePoints[end]) >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
        || c >= '0' && c <= '9' || c == '_'); ) {
      end++;
    }
    return end;
  }

  private int digitsEnd(int from) {
    int end = from;
    for (int c; end < size && (c = codePoints[end]) >= '0' && c <= '9'; ) {
      end++;
    }
    return end;
  }

  private int lineEnd(int from) {
    int end = from;
    while (end < size && codePoints[end] != '\r' && codePoints[end] != '\n') {
      end++;
    }
    return end;
  }

  private static boolean isWordStart(int c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_';
  }

  private static boolean isDigit(int c) {
    return c >= '0' && c <= '9';
  }

  /**
   * The code points of {@code text} as ANTLR's CharStreams reads them (a lone surrogate is one),
   * in a loop without calls: it runs once per file, in the bytecode interpreter.
   */
  private static int[] codePoints(String text) {
    char[] chars = text.toCharArray();
    int[] out = new int[chars.length];
    int n = 0;
    for (int i = 0; i < chars.length; i++) {
      char c = chars[i];
      if (c >= '\uD800' && c <= '\uDBFF' && i + 1 < chars.length && chars[i + 1] >= '\uDC00'
          && chars[i + 1] <= '\uDFFF') {
        out[n++] = (c - 0xD800 << 10) + (chars[++i] - 0xDC00) + 0x10000;
      } else {
        out[n++] = c;
      }
    }
    return n == out.length ? out : Arrays.copyOf(out, n);
  }

  @Override
  public int getLine() {
    return line;
  }

  @Override
  public int getCharPositionInLine() {
    return column;
  }

  @Override
  public CharStream getInputStream() {
    return input;
  }

  @Override
  public String getSourceName() {
    return input.getSourceName();
  }

  @Override
  public void setTokenFactory(TokenFactory<?> factory) {
    this.factory = factory;
  }

  @Override
  public TokenFactory<?> getTokenFactory() {
    return factory;
  }
}
