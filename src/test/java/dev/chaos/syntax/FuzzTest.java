package dev.chaos.syntax;

import static dev.chaos.syntax.ParserTesting.*;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.chaos.source.SourceFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The parser never throws and never hangs, whatever it is given. Seeded: set
 * {@code -Dchaos.fuzz.seed=N} to replay a run; the seed is printed either way.
 */
class FuzzTest {
  private static final Duration LIMIT = Duration.ofSeconds(10);
  /** {@code -Dchaos.fuzz.scale=N} runs N times as many inputs. */
  private static final int SCALE = Integer.getInteger("chaos.fuzz.scale", 1);
  private static long seed;

  private static final String[] PIECES = {
      "import", "fn", "action", "runbook", "let", "expect", "wait", "until", "every", "within",
      "else", "if", "for", "in", "record", "log", "fail", "true", "false", "and", "or", "not",
      "title", "objective", "environment", "blast_radius", "window", "max_duration", "owner",
      "tags", "lock", "precondition", "observe", "guard", "step", "verify", "rollback",
      "recovery", "on", "abort", "timeout", "retry", "irreversible", "throughout", "undo", "to",
      "zone", "as", "schedule", "x", "k8s", "slo", "gaurd", "expct", "titel", "1", "2.5", "30s", "1m30s",
      "10min", "30%", "02:00", "25:99", "\"s\"", "\"a ${", "}\"", "\"\"\"\n  a\n  \"\"\"", "\"\"\"",
      "${", "$${", "\\q", "\"", "(", ")", "[", "]", "{", "}", ",", ".", ":", "=", "==", "!=", "<",
      "<=", ">", ">=", "+", "-", "*", "/", "->", "&&", "||", "!", ";", "#", "/*", "*/", "//", "\n",
      " ", "\t", "\r\n", "@", "\uD83D\uDE00", "\uD800", "\u0000"};

  @BeforeAll
  static void chooseSeed() {
    seed = Long.getLong("chaos.fuzz.seed", System.nanoTime());
    System.out.println("FuzzTest seed: " + seed + " (replay with -Dchaos.fuzz.seed=" + seed + ")");
  }

  private static void parseSafely(String text, String what) {
    try {
      ParseResult result = assertTimeoutPreemptively(LIMIT,
          () -> Parser.parse(new SourceFile("fuzz.chaos", text)));
      AstInvariants.check(result, text);
    } catch (AssertionError e) {
      throw new AssertionError("seed " + seed + ", " + what + ": " + e.getMessage()
          + "\n--- input ---\n" + text, e);
    }
  }

  @Test
  void randomBytes() {
    Random random = new Random(seed);
    for (int i = 0; i < 300 * SCALE; i++) {
      byte[] bytes = new byte[random.nextInt(2000)];
      random.nextBytes(bytes);
      String text = i % 2 == 0 ? new String(bytes, StandardCharsets.UTF_8)
          : new String(bytes, StandardCharsets.ISO_8859_1);
      parseSafely(text, "random bytes #" + i);
    }
  }

  @Test
  void randomTokenSequences() {
    Random random = new Random(seed + 1);
    for (int i = 0; i < 1000 * SCALE; i++) {
      StringBuilder sb = new StringBuilder();
      int n = random.nextInt(300);
      for (int j = 0; j < n; j++) {
        sb.append(PIECES[random.nextInt(PIECES.length)]);
        if (random.nextInt(3) > 0) {
          sb.append(' ');
        }
      }
      parseSafely(sb.toString(), "random tokens #" + i);
    }
  }

  @Test
  void singleCharacterMutationsOfTheExamples() {
    Random random = new Random(seed + 2);
    String alphabet = "{}()[]\"$:=<>!.,-+*/%#;\\ \nabcsmh019";
    List<Path> examples = examples();
    for (Path path : examples) {
      String text = read(path);
      for (int i = 0; i < 400 * SCALE; i++) {
        int at = random.nextInt(text.length());
        char c = alphabet.charAt(random.nextInt(alphabet.length()));
        String mutated;
        switch (random.nextInt(3)) {
          case 0:
            mutated = text.substring(0, at) + text.substring(at + 1);
            break;
          case 1:
            mutated = text.substring(0, at) + c + text.substring(at);
            break;
          default:
            mutated = text.substring(0, at) + c + text.substring(at + 1);
            break;
        }
        parseSafely(mutated, path.getFileName() + " mutation #" + i);
      }
    }
  }
}
