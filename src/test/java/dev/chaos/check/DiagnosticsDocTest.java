package dev.chaos.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaos.diag.Code;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/diagnostics.md explains every code with an example whose output is a golden file, and
 * every code is produced by at least one golden file. With {@code -Dchaos.regenerate=true} the
 * examples on the page are rewritten from the golden files.
 */
class DiagnosticsDocTest {
  private static final Path DOC = Path.of("docs/diagnostics.md");
  private static final Pattern EXAMPLE =
      Pattern.compile("<!-- golden: ([a-z0-9-]+) -->\n```text\n(.*?)```\n<!-- /golden -->", Pattern.DOTALL);

  @Test
  void everyCodeHasAnEntry() throws IOException {
    String doc = Files.readString(DOC, StandardCharsets.UTF_8);
    for (Code code : Code.values()) {
      assertThat(doc).as("docs/diagnostics.md explains %s", code).contains("\n## " + code.name() + "\n");
    }
  }

  /** CH0106 (internal checker error) is the one code no input should produce. */
  @Test
  void everyCodeIsProducedByAGoldenFile() throws IOException {
    StringBuilder all = new StringBuilder();
    try (Stream<Path> files = Files.list(GoldenDiagnosticsTest.DIR)) {
      for (Path p : files.filter(f -> f.toString().endsWith(".txt")).toList()) {
        all.append(Files.readString(p, StandardCharsets.UTF_8));
      }
    }
    List<String> missing = new ArrayList<>();
    for (Code code : Code.values()) {
      if (code != Code.CH0106 && !all.toString().contains(code.severity().label() + "[" + code.name() + "]")) {
        missing.add(code.name());
      }
    }
    assertThat(missing).as("codes no golden file produces").isEmpty();
  }

  @Test
  void examplesMatchTheGoldenFiles() throws IOException {
    String doc = Files.readString(DOC, StandardCharsets.UTF_8);
    Matcher m = EXAMPLE.matcher(doc);
    StringBuilder regenerated = new StringBuilder();
    int examples = 0;
    while (m.find()) {
      examples++;
      Path golden = GoldenDiagnosticsTest.DIR.resolve(m.group(1) + ".txt");
      assertThat(golden).exists();
      String expected = Files.readString(golden, StandardCharsets.UTF_8);
      if (Boolean.getBoolean("chaos.regenerate")) {
        m.appendReplacement(regenerated, Matcher.quoteReplacement(
            "<!-- golden: " + m.group(1) + " -->\n```text\n" + expected + "```\n<!-- /golden -->"));
      } else {
        assertThat(m.group(2)).as("example %s in docs/diagnostics.md; regenerate with"
            + " -Dchaos.regenerate=true", m.group(1)).isEqualTo(expected);
      }
    }
    if (Boolean.getBoolean("chaos.regenerate")) {
      m.appendTail(regenerated);
      Files.writeString(DOC, regenerated.toString(), StandardCharsets.UTF_8);
    }
    assertThat(examples).isGreaterThanOrEqualTo(Code.values().length - 1);
  }
}
