package dev.chaos.lsp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.junit.jupiter.api.Test;

/**
 * Every request at many places of every runbook and test input (broken ones included, and
 * each also cut short at a random place, as a file being typed is) answers without failing.
 */
class FeaturesNeverFailTest {
  @Test
  void everyFeatureAnswersEverywhere() throws IOException {
    long seed = System.nanoTime();
    System.out.println("FeaturesNeverFailTest seed " + seed);
    Random random = new Random(seed);
    List<Path> files;
    try (Stream<Path> runbooks = Files.list(Path.of("runbooks"));
        Stream<Path> inputs = Files.walk(Path.of("src/test/resources"))) {
      files = Stream.concat(runbooks, inputs).filter(p -> p.toString().endsWith(".chaos"))
          .sorted().toList();
    }
    Analyzer analyzer = LspFixtures.analyzer();
    int requests = 0;
    for (Path file : files) {
      Path absolute = file.toAbsolutePath().normalize();
      String full = Files.readString(absolute);
      for (String text : List.of(full, full.substring(0, random.nextInt(full.length() + 1)))) {
        Analysis analysis = analyzer.analyze(absolute.toUri().toString(), 1, text);
        int step = Math.max(1, text.length() / 60);
        for (int offset = random.nextInt(step); offset <= text.length(); offset += step) {
          int at = offset;
          String where = String.format("%s at %d of %d (seed %d)", file, at, text.length(), seed);
          try {
            Hovers.at(analysis, at, LspFixtures.DRIVERS);
            assertThat(Completions.at(analysis, at, LspFixtures.DRIVERS)).isNotNull();
            Targets.at(analysis, at, LspFixtures.DRIVERS).ifPresent(t -> {
              Definitions.definition(t);
              Definitions.references(t, analysis, List.of(analysis), true);
            });
            Position p = Positions.position(analysis.source(), at);
            CodeActions.in(analysis, new Range(p, p));
          } catch (RuntimeException e) {
            throw new AssertionError(where, e);
          }
          requests++;
        }
        Symbols.of(analysis.program().program());
      }
    }
    assertThat(requests).isGreaterThan(5_000);
  }
}
