package dev.chaos.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaos.source.SourceFile;
import dev.chaos.syntax.ConcreteTrees;
import dev.chaos.syntax.ParseResult;
import dev.chaos.syntax.Parser;
import dev.chaos.syntax.grammar.ChaosLexer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.Token;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Seeded properties of {@code chaos fmt} over the runbooks, the standard library, every test
 * input that parses and generated programs: formatting is idempotent, keeps the AST (spans
 * aside), every comment and every token but an optional trailing comma, and a file whose
 * spacing and indentation were scrambled formats to the same text as the original.
 * The seed is printed; replay a failure with {@code -Dchaos.fmt.seed=N}.
 */
class FormatterPropertyTest {
  private static long seed;

  @BeforeAll
  static void chooseSeed() {
    seed = Long.getLong("chaos.fmt.seed", System.nanoTime());
    System.out.println("FormatterPropertyTest seed: " + seed + " (replay with -Dchaos.fmt.seed=" + seed + ")");
  }

  static List<Path> corpus() throws IOException {
    Path root = Path.of(System.getProperty("user.dir"));
    List<Path> files = new ArrayList<>();
    for (String dir : List.of("runbooks", "stdlib", "src/test/resources")) {
      try (Stream<Path> s = Files.walk(root.resolve(dir))) {
        s.filter(p -> p.toString().endsWith(".chaos")).sorted().forEach(files::add);
      }
    }
    return files;
  }

  @Test
  void everyFileOfTheRepositoryFormatsIdempotentlyAndKeepsItsMeaning() throws IOException {
    int formatted = 0;
    for (Path p : corpus()) {
      SourceFile file = new SourceFile(p.toString(), Files.readString(p));
      if (Parser.parse(file).hasErrors()) {
        assertThat(Formatter.format(file).formatted()).as(p + " has syntax errors").isFalse();
        continue;
      }
      checkProperties(file);
      formatted++;
    }
    assertThat(formatted).as("files formatted").isGreaterThan(60);
  }

  @Test
  void scrambledSpacingFormatsToTheSameText() throws IOException {
    Random random = new Random(seed);
    for (Path p : corpus()) {
      SourceFile file = new SourceFile(p.toString(), Files.readString(p));
      if (Parser.parse(file).hasErrors()) {
        continue;
      }
      String expected = Formatter.format(file).text();
      for (int round = 0; round < 2; round++) {
        String scrambled = scramble(file.text(), random);
        FormatResult r = Formatter.format(new SourceFile(p.toString(), scrambled));
        assertThat(r.diagnostics()).as(p + " scrambled (seed " + seed + "):\n" + scrambled).isEmpty();
        assertThat(r.text()).as(p + " scrambled (seed " + seed + "):\n" + scrambled).isEqualTo(expected);
      }
    }
  }

  @Test
  void generatedProgramsFormatIdempotentlyAndKeepTheirMeaning() {
    Random random = new Random(seed);
    int valid = 0;
    for (int i = 0; i < 600; i++) {
      String text = new ProgramGenerator(random).program();
      SourceFile file = new SourceFile("generated-" + i + ".chaos", text);
      if (Parser.parse(file).hasErrors()) {
        continue;
      }
      valid++;
      checkProperties(file);
    }
    assertThat(valid).as("generated programs that parse (seed " + seed + ")").isGreaterThan(200);
  }

  private static void checkProperties(SourceFile file) {
    String what = file.path() + " (seed " + seed + "):\n" + file.text();
    FormatResult once = Formatter.format(file);
    assertThat(once.diagnostics()).as(what).isEmpty();
    SourceFile formatted = new SourceFile(file.path(), once.text());
    ParseResult before = Parser.parse(file);
    ParseResult after = Parser.parse(formatted);
    assertThat(after.hasErrors()).as(what + "\nformatted:\n" + once.text()).isFalse();
    assertThat(AstDifference.between(before.program(), after.program()))
        .as(what + "\nformatted:\n" + once.text()).isEmpty();
    assertThat(sorted(Formatter.comments(formatted))).as(what).isEqualTo(sorted(Formatter.comments(file)));
    assertThat(codeTokens(formatted)).as(what).isEqualTo(codeTokens(file));
    FormatResult twice = Formatter.format(formatted);
    assertThat(twice.text()).as("idempotent: " + what).isEqualTo(once.text());
    assertThat(twice.changed()).isFalse();
  }

  private static List<String> sorted(List<String> list) {
    return list.stream().sorted().toList();
  }

  /** The texts of the code tokens, but commas (a trailing one may come or go). */
  private static List<String> codeTokens(SourceFile file) {
    CommonTokenStream tokens = ConcreteTrees.tokens(file);
    List<String> out = new ArrayList<>();
    for (Token t : tokens.getTokens()) {
      if (t.getChannel() == Token.DEFAULT_CHANNEL && t.getType() != ChaosLexer.COMMA) {
        out.add(t.getText());
      }
    }
    return out;
  }

  /**
   * The file with the blanks between its tokens changed where the layout does not depend on
   * them: other spaces within a line, other indentation and trailing spaces after a line break
   * (the number of line breaks is kept), and a line break after `(`, `[` or `,`. Strings,
   * comments and what touches a comment are left alone.
   */
  static String scramble(String text, Random random) {
    CommonTokenStream stream = ConcreteTrees.tokens(new SourceFile("<scrambled>", text));
    List<Token> tokens = stream.getTokens();
    StringBuilder out = new StringBuilder();
    int depth = 0;
    int at = 0;
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      int start = t.getType() == Token.EOF ? text.length() : t.getStartIndex();
      String gap = text.substring(at, start);
      Token prev = i > 0 ? tokens.get(i - 1) : null;
      boolean free = prev != null && depth == 0 && !isComment(prev) && !isComment(t)
          && t.getType() != Token.EOF;
      out.append(free ? scrambleGap(gap, prev, random) : gap);
      switch (t.getType()) {
        case ChaosLexer.STR_OPEN, ChaosLexer.TEXT_OPEN -> depth++;
        case ChaosLexer.STR_CLOSE, ChaosLexer.TEXT_CLOSE -> depth--;
        default -> { }
      }
      if (t.getType() != Token.EOF) {
        out.append(t.getText());
        at = t.getStopIndex() + 1;
      }
    }
    return out.toString();
  }

  private static boolean isComment(Token t) {
    return t.getType() == ChaosLexer.LINE_COMMENT || t.getType() == ChaosLexer.BLOCK_COMMENT;
  }

  private static String scrambleGap(String gap, Token prev, Random random) {
    long breaks = gap.chars().filter(c -> c == '\n').count();
    if (breaks == 0) {
      int type = prev.getType();
      boolean opener = type == ChaosLexer.LPAREN || type == ChaosLexer.LBRACK || type == ChaosLexer.COMMA;
      if (opener && random.nextInt(4) == 0) {
        return "\n" + " ".repeat(random.nextInt(9));
      }
      return gap.isEmpty() ? gap : random.nextBoolean() ? "\t" : " ".repeat(1 + random.nextInt(3));
    }
    StringBuilder sb = new StringBuilder();
    for (long b = 0; b < breaks; b++) {
      sb.append(" ".repeat(random.nextInt(3))).append('\n');
    }
    return sb.append(" ".repeat(random.nextInt(9))).toString();
  }
}
