package dev.chaos.check;

import dev.chaos.ContractExamples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.chaos.diag.Code;
import dev.chaos.diag.Diagnostic;
import dev.chaos.diag.Diagnostics;
import dev.chaos.source.SourceFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Seeded properties of the whole front end (parser, module loader, checker): on any input it
 * returns only diagnostics, never throws, never hangs, and never reports an internal error.
 * The seed is printed; replay a failure with {@code -Dchaos.fuzz.seed=N}.
 */
class CheckerPropertyTest {
  private static final String ALPHABET =
      "{}()[]\"'$:,.=<>!+-*/%#\\\n \tabcxyz019_";
  private static final String[] TOKENS = {
      "runbook", "\"r\"", "{", "}", "(", ")", "[", "]", "step", "\"s\"", "guard", "every", "5s",
      "expect", "wait", "until", "within", "let", "x", "=", "k8s", ".", "pods", "kill_pods",
      "fraction", ":", "30%", "<", "==", "and", "not", "if", "else", "for", "in", "record", "log",
      "fail", "undo", "rollback", "recovery", "on", "abort", "observe", "verify", "throughout",
      "import", "\"slo\"", "slo", "error_rate", "fn", "action", "->", "Percent", "\"${x}\"",
      "\"\"\"\n  a\n  \"\"\"", "02:00", "to", "window", "environment", "prod", "10min", "1m30s",
      ",", "1.5", "-", "precondition", "timeout", "retry", "3", "irreversible", "schedule",
      "\"30 2 * * MON\"", "\"* 7-9\"", "zone", "\"Europe/Paris\""};

  private static long seed;
  private static List<String> examples;
  private static Checker checker;

  @BeforeAll
  static void setUp() throws Exception {
    seed = Long.getLong("chaos.fuzz.seed", System.nanoTime());
    System.out.println("CheckerPropertyTest seed: " + seed
        + " (replay with -Dchaos.fuzz.seed=" + seed + ")");
    examples = new ArrayList<>();
    for (String name : ContractExamples.NAMES) {
      examples.add(ContractExamples.read(name));
    }
    assertThat(examples).hasSize(3);
    checker = new Checker(CheckFixture.DRIVERS, new CheckOptions(false));
  }

  private static void checkSurvives(String text, String what) {
    Diagnostics sink = new Diagnostics();
    try {
      assertTimeoutPreemptively(Duration.ofSeconds(5),
          () -> checker.check(new SourceFile("fuzz.chaos", text), sink));
    } catch (Throwable e) {
      throw new AssertionError("seed " + seed + ", " + what + " threw or hung on:\n" + text, e);
    }
    for (Diagnostic d : sink.sorted()) {
      if (d.code() == Code.CH0106) {
        throw new AssertionError("seed " + seed + ", " + what + ": internal error "
            + d.message() + " on:\n" + text);
      }
      assertThat(d.span().end()).as("span inside the text").isLessThanOrEqualTo(text.length());
    }
  }

  @Test
  void singleCharacterMutationsOfTheExamples() {
    Random random = new Random(seed);
    for (int i = 0; i < 600; i++) {
      String text = examples.get(i % examples.size());
      StringBuilder mutated = new StringBuilder(text);
      int at = random.nextInt(text.length());
      char c = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
      switch (random.nextInt(3)) {
        case 0 -> mutated.insert(at, c);
        case 1 -> mutated.deleteCharAt(at);
        default -> mutated.setCharAt(at, c);
      }
      checkSurvives(mutated.toString(), "mutation " + i);
    }
  }

  @Test
  void randomTokenSequences() {
    Random random = new Random(seed + 1);
    for (int i = 0; i < 300; i++) {
      StringBuilder text = new StringBuilder();
      int n = 1 + random.nextInt(60);
      for (int t = 0; t < n; t++) {
        text.append(TOKENS[random.nextInt(TOKENS.length)]).append(random.nextInt(4) == 0 ? "\n" : " ");
      }
      checkSurvives(text.toString(), "token sequence " + i);
    }
  }

  @Test
  void randomBytes() {
    Random random = new Random(seed + 2);
    for (int i = 0; i < 200; i++) {
      char[] chars = new char[random.nextInt(300)];
      for (int k = 0; k < chars.length; k++) {
        chars[k] = (char) random.nextInt(random.nextBoolean() ? 128 : 0x3000);
      }
      checkSurvives(new String(chars), "random text " + i);
    }
  }

  @Test
  void tenThousandNestedBlocksGiveADiagnostic() {
    String text = "runbook \"deep\" {\n  environment staging\n  step \"s\" {\n"
        + "if true {\n".repeat(10_000) + "}\n".repeat(10_000) + "  }\n}\n";
    Diagnostics sink = new Diagnostics();
    assertTimeoutPreemptively(Duration.ofSeconds(10),
        () -> checker.check(new SourceFile("deep.chaos", text), sink));
    assertThat(sink.sorted()).extracting(Diagnostic::code).contains(Code.CH0012);
  }

  @Test
  void tenThousandNestedListsGiveADiagnostic() {
    String text = "let x = " + "[".repeat(10_000) + "1" + "]".repeat(10_000) + "\n";
    Diagnostics sink = new Diagnostics();
    assertTimeoutPreemptively(Duration.ofSeconds(10),
        () -> checker.check(new SourceFile("deep.chaos", text), sink));
    assertThat(sink.sorted()).extracting(Diagnostic::code).containsExactly(Code.CH0012);
  }
}
