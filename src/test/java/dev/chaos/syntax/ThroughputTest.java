package dev.chaos.syntax;

import static dev.chaos.syntax.ParserTesting.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chaos.source.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Parsing is cheap once warm and safe to run on several threads at once. */
class ThroughputTest {
  private static List<String> texts() {
    List<String> texts = new ArrayList<>();
    examples().forEach(p -> texts.add(read(p)));
    return texts;
  }

  @Test
  void aThousandFilesParseWellWithinTheCheckBudget() {
    List<String> texts = texts();
    for (int i = 0; i < 300; i++) {
      Parser.parse(new SourceFile("warm" + i, texts.get(i % texts.size())));
    }
    long start = System.nanoTime();
    for (int i = 0; i < 1000; i++) {
      Parser.parse(new SourceFile("f" + i, texts.get(i % texts.size())));
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    // `chaos check` of 1,000 files has 3 s in all; parsing must leave most of it to the checker.
    assertThat(millis).as("1,000 parses took %d ms", millis).isLessThan(3000);
  }

  @Test
  void parallelParsesAgreeWithSequentialOnes() throws Exception {
    List<String> texts = texts();
    texts.add("runbook \"r\" {\n  gaurd \"g\" every 5s { expect (x + }\n  step \"s\" { f(a b) }\n}\n");
    List<String> expected = new ArrayList<>();
    for (String text : texts) {
      expected.add(Parser.parse(new SourceFile("t", text)).toString());
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        int n = i % texts.size();
        results.add(pool.submit(() ->
            Parser.parse(new SourceFile("t", texts.get(n))).toString().equals(expected.get(n))));
      }
      for (Future<Boolean> result : results) {
        assertThat(result.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
