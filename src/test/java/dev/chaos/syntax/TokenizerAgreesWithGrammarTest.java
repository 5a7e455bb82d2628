package dev.chaos.syntax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The hand-written {@link ChaosTokenizer} gives the tokens of grammar/ChaosLexer.g4: the same
 * list (type, channel, start, stop, line, column, text) as the generated lexer with keywords
 * typed ({@link KeywordLexer}), over every file we have, the grammar's edge cases, text block
 * cuts and random inputs. The seed is printed; replay a failure with {@code -Dchaos.lexer.seed=N}.
 */
class TokenizerAgreesWithGrammarTest {
  private static final Path ROOT = Path.of(System.getProperty("user.dir"));
  private static final int RANDOM_INPUTS = 20_000;

  private static long seed;

  @BeforeAll
  static void chooseSeed() {
    seed = Long.getLong("chaos.lexer.seed", System.nanoTime());
    System.out.println("TokenizerAgreesWithGrammarTest seed: " + seed
        + " (replay with -Dchaos.lexer.seed=" + seed + ")");
  }

  @Test
  void everyChaosFileLexesAlike() throws IOException {
    int files = 0;
    for (String dir : List.of("runbooks", "stdlib", "src/test/resources")) {
      try (Stream<Path> walk = Files.walk(ROOT.resolve(dir))) {
        for (Path p : walk.filter(f -> f.toString().endsWith(".chaos")).sorted().toList()) {
          String text = Files.readString(p);
          String what = ROOT.relativize(p).toString();
          assertAgree(what, null, text, -1);
          assertCutsAgree(what, null, text, null);
          files++;
        }
      }
    }
    assertThat(files).isGreaterThan(50);
  }

  @Test
  void edgeCasesLexAlike() {
    List<String> cases = List.of("", " ", "\n", "x", "step", "steps", "_a1 a_ A9",
        // numbers: maximal munch, then the earlier rule on equal length
        "1", "12", "1.5", "1.", ".5", "1..2", "1.5.3", "12:30", "12:", "12:3a", "1:2:3", "5%",
        "1.5%", "1.%", "5%%", "1m30s", "1m30", "10min", "1.5s", "1.5ms", "1ms5", "1m5s", "1h30mx",
        "2d", "3h", "1s2", "1_", "1.5x", "1.5_y9", "0ms", "1m.5s", "1.5m30.25s", "1e5", "007",
        "1ms1ms", "1msx", "12:30pm", "5%x",
        // operators
        "->", "-", "- >", "-->", "==", "=", "===", "!=", "!", "!!", "<=", "<", ">=", ">", "&&", "&",
        "&&&", "||", "|", "|||", "+*/", "()[]{},.:", "a.b", "x->y",
        // comments
        "// c", "// c\nx", "//\r\nx", "/* c */", "/**/", "/***/", "/*/", "/* *", "/*", "/* */ */",
        "/* a\n b */x", "/* unterminated\nstep", "/*/ x", "/** x **/", "# hash", "#\nx", "#\r\n",
        "/ /", "///", "/*x**/y", "/*x*", "*/",
        // braces and modes
        "}", "}}x", "{}", "{{}}}", "{ \"a${ {a: 1} }b\" }", "\"a${x}b\"", "\"${\"${1}\"}\"",
        "\"${ {k: \"v${2}\"} }\" }", "\"a}b\"", "\"${}\"}", "\"${", "\"${\n", "\"$\"", "\"$x\"",
        "\"$${x}\"", "\"a\\\"b\"", "\"\\\"", "\"\\", "\"\\\n", "\"\\\r\nx", "\"\\😀\"", "\"\\$\"",
        "\"unterminated", "\"line\nnext", "\"cr\rnext", "\"crlf\r\nnext", "\"\"", "\"\"x",
        "\"\"\"", "\"\"\"\"", "\"\"\"\"\"", "\"\"\"\"\"\"", "\"\"\"a\"\"\"", "\"\"\"a\"b\"\"c\"\"\"",
        "\"\"\"$${x}\"\"\"", "\"\"\"$$${x}\"\"\"", "\"\"\"$$x$\"\"\"", "\"\"\"${ {a: \"\"\"b\"\"\"} }\"\"\"",
        "\"\"\"\nline\n  more\n", "\"\"\"${x", "\"\"\"${x}", "\"\"\"a\r\nb\rc\"\"\"", "\"\"\"}\"\"\"",
        // white space and odd characters
        "a\tb", "a\fb", "a\r\nb", "a\rb", "a\r\rb\n\nc", "\t\t x", "é", "x é y", "😀", "a😀b",
        "\"😀${😀}😀\"", "\"\"\"😀\n😀\"\"\"", "// 😀\nx", "/* 😀 */x", "# 😀\n😀", "\u0000",
        "\uD800", "a\uD800b", "\"\uDC00\"", "\uFFFF", "\u00A0", "@", "~", "`", "'", "?", ";", "^",
        "step \"s\" { expect x == 1 }", "let x = 1m30s\nlet y = 50%\nwait until 12:30",
        "runbook \"r\" {\n  title \"t\"\n  step \"s\" {\n    log \"\"\"\n  text ${1}\n\"\"\"\n  }\n}\n");
    for (String text : cases) {
      assertAgree("edge case", text, text, -1);
      assertCutsAgree("edge case", text, text, null);
    }
  }

  @Test
  void unclosedTextBlocksAreCutAlike() {
    List<String> cases = List.of(
        "runbook \"r\" {\n  step \"s\" {\n    log \"\"\"\n      text\n    }\n  step \"t\" {}\n}\n",
        "let t = \"\"\"\n  a\n  b\nlet u = 1\n",
        "let t = \"\"\"\n  a ${x}\n  $${y} \"\n\"\"\"x\n",
        "let t = \"\"\"\n  a\n$\n",
        "let t = \"\"\"\n  a\n\"\n",
        "let t = \"\"\"\n  a ${ {k: 1}\n}\n",
        "  x \"\"\"\n    a\r\n  step \"s\" {\n",
        "let t = \"\"\"😀\n  😀\nlet u = \"\"\"\n b\n",
        "let t = \"\"\"\n");
    Random random = new Random(seed);
    for (String text : cases) {
      assertCutsAgree("cut case", text, text, random);
    }
  }

  @Test
  void randomInputsLexAlike() {
    Random random = new Random(seed);
    for (int i = 0; i < RANDOM_INPUTS; i++) {
      String text = randomInput(random);
      assertAgree("random input " + i, text, text, -1);
      assertCutsAgree("random input " + i, text, text, random);
    }
  }

  /** Pieces of the grammar, weighted: the lexer's special characters come often. */
  private static final String[] FRAGMENTS = {
      "\"", "\"", "\"", "\"\"\"", "\"\"\"", "$", "$", "${", "${", "$${", "{", "{", "}", "}", "}",
      "\\", "\\", "0", "1", "7", "12", "3.5", ".", ".", "m", "s", "ms", "h", "d", "min", "%", ":",
      "/", "/", "*", "*", "/*", "*/", "//", "#", "\n", "\n", "\n", "\r\n", "\r", " ", " ", " ",
      "  ", "\t", "\f", "a", "x", "_", "Z", "step", "let", "if", "true", "runbook", "log", "title",
      "->", "&&", "||", "&", "|", "!", "=", "==", "!=", "<", "<=", ">", ">=", "-", "+", "(", ")",
      "[", "]", ",", "é", "😀", "\uD83D", "\uDE00", "\u0000", "1m30s", "10min", "12:30", "5%",
      "\n  step \"s\" {", "\n}", "\nlet x = ",
  };

  private static String randomInput(Random random) {
    StringBuilder out = new StringBuilder();
    int pieces = random.nextInt(40);
    for (int i = 0; i < pieces; i++) {
      if (random.nextInt(12) == 0) {
        out.appendCodePoint(randomCodePoint(random));
      } else {
        out.append(FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
      }
    }
    return out.toString();
  }

  private static int randomCodePoint(Random random) {
    switch (random.nextInt(4)) {
      case 0:
        return random.nextInt(0x80);
      case 1:
        return 0x80 + random.nextInt(0xD800 - 0x80);
      case 2:
        return 0x10000 + random.nextInt(0x110000 - 0x10000);
      default:
        return 0xD800 + random.nextInt(0x800); // a lone surrogate
    }
  }

  /**
   * When {@code text} leaves a text block open, the two lexers agree with it cut where the
   * parser cuts it ({@link TextBlockCut}) and, given {@code random}, at another line start
   * after it.
   */
  private static void assertCutsAgree(String what, String shown, String text, Random random) {
    List<Token> tokens = tokens(new ChaosTokenizer(text, "test.chaos"));
    Token open = unclosedTextBlock(tokens);
    if (open == null) {
      return;
    }
    int openOffset = text.offsetByCodePoints(0, open.getStartIndex());
    int cut = TextBlockCut.find(text, openOffset);
    if (cut >= 0) {
      assertAgree(what + " cut at " + cut, shown, text, cut);
    }
    if (random != null) {
      List<Integer> lineStarts = new ArrayList<>();
      for (int i = openOffset; i < text.length(); i++) {
        if (text.charAt(i) == '\n') {
          lineStarts.add(i + 1);
        }
      }
      if (!lineStarts.isEmpty()) {
        int other = lineStarts.get(random.nextInt(lineStarts.size()));
        assertAgree(what + " cut at " + other, shown, text, other);
      }
    }
  }

  /** As Parser: the outermost text block still open at the end of the file, or null. */
  private static Token unclosedTextBlock(List<Token> tokens) {
    Token open = null;
    int depth = 0;
    for (Token t : tokens) {
      if (t.getType() == dev.chaos.syntax.grammar.ChaosLexer.TEXT_OPEN && depth++ == 0) {
        open = t;
      } else if (t.getType() == dev.chaos.syntax.grammar.ChaosLexer.TEXT_CLOSE && depth > 0) {
        depth--;
      }
    }
    return depth > 0 ? open : null;
  }

  /**
   * Both lexers, the text block cut at char offset {@code cut} (as Parser does) unless -1; a
   * failure names {@code what}, the seed and the input {@code shown} (null for a file).
   */
  private static void assertAgree(String what, String shown, String text, int cut) {
    KeywordLexer oracle = new KeywordLexer(CharStreams.fromString(text, "test.chaos"));
    List<String> errors = new ArrayList<>();
    oracle.removeErrorListeners();
    oracle.addErrorListener(new BaseErrorListener() {
      @Override
      public void syntaxError(Recognizer<?, ?> recognizer, Object symbol, int line, int column,
          String msg, RecognitionException e) {
        errors.add(line + ":" + column + " " + msg);
      }
    });
    ChaosTokenizer tokenizer = new ChaosTokenizer(text, "test.chaos");
    if (cut >= 0) {
      int line = 1 + (int) text.substring(0, cut).chars().filter(c -> c == '\n').count();
      oracle.cutTextBlockAt(text.codePointCount(0, cut), line);
      tokenizer.cutTextBlockAt(text.codePointCount(0, cut), line);
    }
    List<String> expected = describe(tokens(oracle));
    List<String> actual = describe(tokens(tokenizer));
    String context = what + " (seed " + seed + ")" + (shown == null ? "" : ": \"" + escape(shown) + "\"");
    // ChaosTokenizer reports no errors, which holds only if the grammar never fails either.
    assertThat(errors).as("the generated lexer failed on " + context).isEmpty();
    for (int i = 0; i < Math.max(expected.size(), actual.size()); i++) {
      String want = i < expected.size() ? expected.get(i) : "(none)";
      String got = i < actual.size() ? actual.get(i) : "(none)";
      if (!want.equals(got)) {
        fail("tokens differ at token " + i + " of " + context + "\n  grammar:   " + want
            + "\n  tokenizer: " + got);
      }
    }
  }

  /** Through the stream the parser reads, which numbers the tokens. */
  private static List<Token> tokens(TokenSource source) {
    CommonTokenStream stream = new CommonTokenStream(source);
    stream.fill();
    return stream.getTokens();
  }

  private static List<String> describe(List<Token> tokens) {
    List<String> out = new ArrayList<>();
    for (Token t : tokens) {
      out.add("#" + t.getTokenIndex() + " type " + t.getType() + " channel " + t.getChannel() + " [" + t.getStartIndex() + ".."
          + t.getStopIndex() + "] " + t.getLine() + ":" + t.getCharPositionInLine() + " \""
          + escape(t.getText()) + "\"");
    }
    return out;
  }

  private static String escape(String text) {
    if (text == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder();
    text.codePoints().forEach(c -> {
      if (c == '"' || c == '\\') {
        out.append('\\').appendCodePoint(c);
      } else if (c >= 0x20 && c < 0x7F) {
        out.appendCodePoint(c);
      } else {
        out.append(String.format("\\u{%X}", c));
      }
    });
    return out.toString();
  }
}
