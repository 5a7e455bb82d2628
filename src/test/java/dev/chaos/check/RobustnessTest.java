package dev.chaos.check;

import static dev.chaos.check.CheckFixture.check;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chaos.diag.Code;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RobustnessTest {
  private static String example(String name) throws Exception {
    return dev.chaos.ContractExamples.read(name);
  }

  @Test
  void fourIndependentMistakesYieldFourDiagnostics() throws Exception {
    String text = example("pod-failure.chaos")
        .replace("environment staging", "environment stagin")
        .replace("expect slo.p95() < 500ms", "expect slo.p95() < 500")
        .replace("k8s.kill_pods(backend", "k8s.kill_pod(backend")
        .replace("every 2s within 30s", "every 2s");
    var result = check(text);
    assertThat(result.codes()).containsExactlyInAnyOrder(Code.CH0408, Code.CH0302, Code.CH0203,
        Code.CH0402);
  }

  @Test
  void truncatedFilesNeverCrashTheChecker() throws Exception {
    String text = example("redis-failover.chaos");
    for (int end = 0; end < text.length(); end += 7) {
      check(text.substring(0, end));
    }
  }

  @Test
  void damagedFilesNeverCrashTheChecker() throws Exception {
    String text = example("db-connection-exhaustion.chaos");
    long seed = new Random().nextLong();
    Random random = new Random(seed);
    for (int i = 0; i < 150; i++) {
      StringBuilder damaged = new StringBuilder(text);
      for (int cut = 0; cut < 3; cut++) {
        int at = random.nextInt(damaged.length());
        damaged.delete(at, Math.min(damaged.length(), at + 1 + random.nextInt(12)));
      }
      try {
        check(damaged.toString());
      } catch (AssertionError e) {
        throw new AssertionError("seed " + seed + ", case " + i + ":\n" + damaged, e);
      }
    }
  }
}
