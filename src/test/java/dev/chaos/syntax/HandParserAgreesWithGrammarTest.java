package dev.chaos.syntax;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaos.format.AstDifference;
import dev.chaos.format.ProgramGenerator;
import dev.chaos.source.SourceFile;
import dev.chaos.syntax.grammar.ChaosParser;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.ParseCancellationException;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.TerminalNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link HandParser} builds the parse tree of ChaosParser's SLL parse whenever it accepts, and
 * gives up whenever that parse fails: over every file we have, the formatter's generated
 * programs and random token mutations of both. The trees are compared node by node: context
 * classes, children, tokens, start and stop, labelled fields and parents. The seed is printed;
 * replay a failure with {@code -Dchaos.parser.seed=N}.
 */
class HandParserAgreesWithGrammarTest {
  private static final Path ROOT = Path.of(System.getProperty("user.dir"));
  private static final int GENERATED = 600;
  private static final int MUTATIONS = 6_000;

  private static long seed;

  @BeforeAll
  static void chooseSeed() {
    seed = Long.getLong("chaos.parser.seed", System.nanoTime());
    System.out.println("HandParserAgreesWithGrammarTest seed: " + seed
        + " (replay with -Dchaos.parser.seed=" + seed + ")");
  }

  @Test
  void everyChaosFileParsesAlike() throws IOException {
    int files = 0;
    for (Path p : corpus()) {
      String what = ROOT.relativize(p).toString();
      Outcome outcome = compare(what, Files.readString(p));
      if (what.startsWith("runbooks") || what.startsWith("stdlib")) {
        // the happy path is really taken for the files we ship
        assertThat(outcome).as(what).isEqualTo(Outcome.BOTH_ACCEPTED);
      }
      files++;
    }
    assertThat(files).isGreaterThan(50);
  }

  /** The grammar's choices: statements told apart late, greedy loops, optional values. */
  @Test
  void edgeCasesParseAlike() {
    List<String> statements = List.of("not not x", "!not x = 1", "not x and y", "warn when x",
        "warn(x)", "warn", "abort when x > 1", "abort", "abort()", "when(x)", "warn when",
        "warn\nwhen(x)", "wait until x every 1s within 2s", "wait until x within 2s", "wait 5s",
        "wait", "if a { } else if b { log 1 } else { }", "if a { } else { } else { }",
        "expect x else \"m\"", "expect x else", "f(a, b,)", "f(if: 1, x: 2,)", "f(,)", "f()",
        "log {a: 1, b: [1, 2,],}", "log {}", "log []", "log [,]", "log -a.b * -c",
        "log not a == b and c or d", "log a - b - c", "log a + b * c - d / e",
        "log (a)(b)[c].d", "x = 1", "a.b = c", "a + b = c", "a * b + c", "log runbook.name",
        "runbook.x()", "log \"a ${x} b ${ {k: 1} } c\"", "log \"\"\"\n  t ${x}\n  \"\"\"",
        "for x in xs { log x }", "record r = 1", "fail \"f\"", "let x = a +", "log a.if.not",
        "f(x)\n(y)", "log x\n-1", "log x\n[1]", "step(1)", "log 1 2", "log", "{ }", "(x)",
        "-x", "log a b", "let = 1", "log a..b", "log a.", "log f(", "log 1 +\n}");
    List<String> programs = new ArrayList<>();
    for (String stmt : statements) {
      programs.add("runbook \"r\" {\n  step \"s\" {\n    " + stmt + "\n  }\n}\n");
      programs.add("action a() {\n  " + stmt + "\n}\n");
    }
    programs.addAll(List.of("", "let", "let x = 1", "let x = 1 +\nrunbook \"r\" { }",
        "import \"a\" as b\nimport \"c\"", "fn f(a: int, b: list[map[str, int]] = [],) -> int = a",
        "fn f() -> int = 1\nfn g(,) -> int = 1", "action a(x: int) { }",
        "runbook \"r\" {\n  title \"t\"\n  owner x\n  window 02:00 to 04:00 zone \"UTC\"\n}",
        "runbook \"r\" {\n  schedule \"0 3 * * *\" zone \"UTC\"\n  schedule \"@daily\"\n  schedule\n}",
        "runbook \"r\" {\n  let x = a +\n  schedule \"0 3 * * *\"\n}",
        "runbook \"r\" {\n  step \"s\" timeout 5s retry 3 irreversible { } undo { }\n}",
        "runbook \"r\" {\n  step \"s\" timeout { }\n}",
        "runbook \"r\" {\n  step \"s\" timeout {} { }\n}",
        "runbook \"r\" {\n  step \"s\" timeout retry 3 { }\n}",
        "runbook \"r\" {\n  step timeout 1s retry { }\n}",
        "runbook \"r\" {\n  guard \"g\" every 5s extend 1m { abort when x }\n}",
        "runbook \"r\" {\n  guard { warn when x }\n  verify \"v\" throughout { }\n}",
        "runbook \"r\" {\n  observe o = x every 5s\n  recovery within 5m every 1s { }\n}",
        "runbook \"r\" {\n  let x = 1 +\n  step \"s\" { }\n}",
        "runbook \"r\" {\n  let x = a\n  step \"s\" { }\n  rollback { }\n  on abort { }\n}",
        "runbook \"r\" {\n  precondition \"p\" { expect x }\n  precondition { }\n}",
        "runbook \"r\" {\n  step \"a\" { log step\n  step \"b\" { }\n}"));
    int accepted = 0;
    List<String> gaveUp = new ArrayList<>();
    for (int i = 0; i < programs.size(); i++) {
      Outcome outcome = compare("edge case " + i, programs.get(i));
      if (outcome == Outcome.BOTH_ACCEPTED) {
        accepted++;
      } else if (outcome == Outcome.HAND_GAVE_UP) {
        gaveUp.add(programs.get(i));
      }
    }
    System.out.println("HandParserAgreesWithGrammarTest: of " + programs.size()
        + " edge cases, " + accepted + " accepted by both parsers; only ANTLR's SLL parse accepted "
        + gaveUp);
    assertThat(accepted).isGreaterThan(programs.size() / 2);
  }

  @Test
  void generatedProgramsParseAlike() {
    Random random = new Random(seed);
    int accepted = 0;
    for (int i = 0; i < GENERATED; i++) {
      String text = new ProgramGenerator(random).program();
      Outcome outcome = compare("generated-" + i + " (seed " + seed + ")", text);
      // every generated program the grammar accepts takes the happy path
      assertThat(outcome).as("generated-" + i + " (seed " + seed + "):\n" + text)
          .isNotEqualTo(Outcome.HAND_GAVE_UP);
      if (outcome == Outcome.BOTH_ACCEPTED) {
        accepted++;
      }
    }
    assertThat(accepted).as("generated programs accepted (seed " + seed + ")").isGreaterThan(500);
  }

  @Test
  void mutatedProgramsParseAlike() throws IOException {
    Random random = new Random(seed);
    List<String> texts = new ArrayList<>();
    for (Path p : corpus()) {
      texts.add(Files.readString(p));
    }
    for (int i = 0; i < GENERATED; i++) {
      texts.add(new ProgramGenerator(random).program());
    }
    int[] outcomes = new int[Outcome.values().length];
    for (int i = 0; i < MUTATIONS; i++) {
      String original = texts.get(random.nextInt(texts.size()));
      String mutated = mutate(original, random, 1 + random.nextInt(3));
      outcomes[compare("mutation " + i + " (seed " + seed + ")", mutated).ordinal()]++;
    }
    System.out.println("HandParserAgreesWithGrammarTest: of " + MUTATIONS + " mutated inputs, "
        + outcomes[Outcome.BOTH_ACCEPTED.ordinal()] + " accepted by both parsers, "
        + outcomes[Outcome.HAND_GAVE_UP.ordinal()] + " only by ANTLR's SLL parse, "
        + outcomes[Outcome.BOTH_FAILED.ordinal()] + " by neither, "
        + outcomes[Outcome.TOO_DEEP.ordinal()] + " too deep to parse");
    assertThat(outcomes[Outcome.BOTH_ACCEPTED.ordinal()]).isGreaterThan(100);
    assertThat(outcomes[Outcome.BOTH_FAILED.ordinal()]).isGreaterThan(100);
  }

  /** The AST and the diagnostics do not depend on which parser read the file. */
  @Test
  void theAstIsTheSameWhicheverParserRead() throws IOException {
    Random random = new Random(seed);
    List<SourceFile> files = new ArrayList<>();
    for (Path p : corpus()) {
      files.add(new SourceFile(ROOT.relativize(p).toString(), Files.readString(p)));
    }
    for (int i = 0; i < GENERATED; i++) {
      files.add(new SourceFile("generated-" + i, new ProgramGenerator(random).program()));
    }
    for (SourceFile file : files) {
      ParseResult hand = Parser.parse(file, true);
      ParseResult antlr = Parser.parse(file, false);
      String what = file.path() + " (seed " + seed + ")";
      assertThat(AstDifference.between(hand.program(), antlr.program())).as(what).isEmpty();
      // spans too: the records' equality compares every component
      assertThat(hand.program()).as(what).isEqualTo(antlr.program());
      assertThat(hand.diagnostics()).as(what).isEqualTo(antlr.diagnostics());
    }
  }

  private enum Outcome { BOTH_ACCEPTED, HAND_GAVE_UP, BOTH_FAILED, TOO_DEEP }

  private static Outcome compare(String what, String text) {
    Spans spans = new Spans(new SourceFile("input.chaos", text));
    Parser.Repaired repaired = Parser.repair(spans, new ArrayList<>());
    if (repaired == null) {
      return Outcome.TOO_DEEP;
    }
    ChaosParser.ProgramContext hand = HandParser.program(repaired.code(), repaired.sectionStarts());
    ChaosParser parser = new ChaosParser(repaired.tokens());
    parser.sectionStarts = repaired.sectionStarts();
    parser.removeErrorListeners();
    ChaosParser.ProgramContext antlr;
    try {
      antlr = ConcreteTrees.sll(parser);
    } catch (ParseCancellationException e) {
      antlr = null;
    }
    String shown = what + ":\n" + text;
    if (antlr == null) {
      assertThat(hand).as("the hand parser accepted what ANTLR's SLL parse rejects: " + shown)
          .isNull();
      return Outcome.BOTH_FAILED;
    }
    if (hand == null) {
      return Outcome.HAND_GAVE_UP;
    }
    assertSameTree(shown, "program", antlr, hand, null);
    return Outcome.BOTH_ACCEPTED;
  }

  private static void assertSameTree(String what, String path, ParseTree expected,
      ParseTree actual, ParseTree actualParent) {
    String at = what + "\nat " + path;
    assertThat(actual.getClass()).as(at).isEqualTo(expected.getClass());
    assertThat(actual.getParent()).as(at + ": parent").isSameAs(actualParent);
    if (expected instanceof TerminalNode e) {
      Token want = e.getSymbol();
      Token got = ((TerminalNode) actual).getSymbol();
      assertThat(got.getTokenIndex()).as(at + ": token index").isEqualTo(want.getTokenIndex());
      assertThat(got).as(at + ": token").isSameAs(want);
      return;
    }
    ParserRuleContext e = (ParserRuleContext) expected;
    ParserRuleContext a = (ParserRuleContext) actual;
    assertThat(index(a.getStart())).as(at + ": start").isEqualTo(index(e.getStart()));
    assertThat(index(a.getStop())).as(at + ": stop").isEqualTo(index(e.getStop()));
    assertThat(a.getChildCount()).as(at + ": children").isEqualTo(e.getChildCount());
    assertThat(a.exception).as(at + ": exception").isNull();
    for (Field f : e.getClass().getFields()) {
      if (!f.getDeclaringClass().getName().startsWith(ChaosParser.class.getName() + "$")) {
        continue;
      }
      try {
        assertSameField(at + "." + f.getName(), e, a, f.get(e), f.get(a));
      } catch (IllegalAccessException x) {
        throw new AssertionError(x);
      }
    }
    for (int i = 0; i < e.getChildCount(); i++) {
      String name = e.getChild(i) instanceof ParserRuleContext c
          ? ChaosParser.ruleNames[c.getRuleIndex()] : "'" + e.getChild(i).getText() + "'";
      assertSameTree(what, path + "/" + i + ":" + name, e.getChild(i), a.getChild(i), a);
    }
  }

  /** A labelled field: the same token, or the child at the same place, or the same tokens. */
  private static void assertSameField(String at, ParserRuleContext expected,
      ParserRuleContext actual, Object want, Object got) {
    if (want == null || got == null) {
      assertThat(got).as(at).isNull();
      assertThat(want).as(at).isNull();
    } else if (want instanceof Token t) {
      assertThat(got).as(at).isSameAs(t);
    } else if (want instanceof ParserRuleContext c) {
      assertThat(actual.children.indexOf(got)).as(at).isEqualTo(expected.children.indexOf(c))
          .isNotNegative();
    } else if (want instanceof List<?> list) {
      assertThat((List<?>) got).as(at).hasSameSizeAs(list);
      for (int i = 0; i < list.size(); i++) {
        assertThat(((List<?>) got).get(i)).as(at + "[" + i + "]").isSameAs(list.get(i));
      }
    } else {
      throw new AssertionError(at + ": a field of an unexpected type: " + want.getClass());
    }
  }

  private static int index(Token t) {
    return t == null ? -2 : t.getTokenIndex();
  }

  /** {@code text} with {@code edits} tokens deleted, duplicated, swapped or replaced. */
  private static String mutate(String text, Random random, int edits) {
    for (int n = 0; n < edits; n++) {
      List<int[]> spans = new ArrayList<>();
      for (Token t : ConcreteTrees.tokens(new SourceFile("m.chaos", text)).getTokens()) {
        int start = t.getStartIndex();
        int end = t.getStopIndex() + 1;
        if (t.getChannel() == Token.DEFAULT_CHANNEL && t.getType() != Token.EOF && start >= 0
            && start < end && end <= text.length()) {
          spans.add(new int[] {start, end});
        }
      }
      if (spans.size() < 2) {
        return text;
      }
      int[] a = spans.get(random.nextInt(spans.size()));
      String tokenA = text.substring(a[0], a[1]);
      switch (random.nextInt(4)) {
        case 0 -> text = text.substring(0, a[0]) + text.substring(a[1]);
        case 1 -> text = text.substring(0, a[1]) + " " + tokenA + text.substring(a[1]);
        case 2 -> {
          int i = spans.indexOf(a);
          int[] b = spans.get(i + 1 < spans.size() ? i + 1 : i - 1);
          int[] first = a[0] < b[0] ? a : b;
          int[] second = a[0] < b[0] ? b : a;
          text = text.substring(0, first[0]) + text.substring(second[0], second[1])
              + text.substring(first[1], second[0]) + text.substring(first[0], first[1])
              + text.substring(second[1]);
        }
        default -> {
          int[] b = spans.get(random.nextInt(spans.size()));
          text = text.substring(0, a[0]) + text.substring(b[0], b[1]) + text.substring(a[1]);
        }
      }
    }
    return text;
  }

  private static List<Path> corpus() throws IOException {
    List<Path> files = new ArrayList<>();
    for (String dir : List.of("runbooks", "stdlib", "src/test/resources")) {
      try (Stream<Path> walk = Files.walk(ROOT.resolve(dir))) {
        walk.filter(f -> f.toString().endsWith(".chaos")).sorted().forEach(files::add);
      }
    }
    return files;
  }
}
