package dev.chaos.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaos.source.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The runbooks and the standard library are kept in the canonical layout: what
 * {@code bin/chaos fmt --check runbooks stdlib} checks, run by every build. The contract's
 * examples (src/test/resources/contract-examples) are copies of the contract's text and are
 * left as the contract writes them.
 */
class RepositoryFormattedTest {
  @Test
  void runbooksAndStdlibAreFormatted() throws IOException {
    Path root = Path.of(System.getProperty("user.dir"));
    List<String> unformatted = new ArrayList<>();
    int files = 0;
    for (String dir : List.of("runbooks", "stdlib")) {
      try (Stream<Path> s = Files.walk(root.resolve(dir))) {
        for (Path p : s.filter(f -> f.toString().endsWith(".chaos")).sorted().toList()) {
          files++;
          FormatResult r = Formatter.format(new SourceFile(p.toString(), Files.readString(p)));
          if (!r.formatted() || r.changed()) {
            unformatted.add(root.relativize(p) + (r.formatted() ? "" : " " + r.diagnostics()));
          }
        }
      }
    }
    assertThat(files).isGreaterThan(10);
    assertThat(unformatted).as("not formatted: run `bin/chaos fmt runbooks stdlib`").isEmpty();
  }
}
