package dev.chaos.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaos.diag.Diagnostics;
import dev.chaos.diag.TextRenderer;
import dev.chaos.source.SourceFile;
import dev.chaos.spi.DriverRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden files: each {@code src/test/resources/check/NAME.chaos} is checked and its rendered
 * diagnostics compared with {@code NAME.txt}. Run with {@code -Dchaos.regenerate=true} to rewrite
 * the expected files, then review them as a diff. A first line {@code // check: --as prod}
 * checks the file with the production rules.
 */
class GoldenDiagnosticsTest {
  static final Path DIR = Path.of("src/test/resources/check");
  private static final boolean REGENERATE = Boolean.getBoolean("chaos.regenerate");

  @TestFactory
  Stream<DynamicTest> goldenFiles() throws IOException {
    List<Path> inputs;
    try (Stream<Path> files = Files.list(DIR)) {
      inputs = files.filter(p -> p.toString().endsWith(".chaos")).sorted().toList();
    }
    assertThat(inputs).hasSizeGreaterThanOrEqualTo(40);
    return inputs.stream().map(input -> DynamicTest.dynamicTest(input.getFileName().toString(),
        () -> compare(input)));
  }

  static String render(Path input) throws IOException {
    String text = Files.readString(input, StandardCharsets.UTF_8);
    SourceFile file = new SourceFile(input.toString(), text);
    boolean asProd = text.startsWith("// check: --as prod");
    Diagnostics sink = new Diagnostics();
    boolean strict = text.startsWith("// check: --strict");
    new Checker(DriverRegistry.load(), new CheckOptions(asProd, strict)).check(file, sink);
    return new TextRenderer(false).render(sink.sorted(), List.of(file));
  }

  private static void compare(Path input) throws IOException {
    String actual = render(input);
    Path expectedFile = Path.of(input.toString().replaceFirst("\\.chaos$", ".txt"));
    if (REGENERATE) {
      Files.writeString(expectedFile, actual, StandardCharsets.UTF_8);
      return;
    }
    assertThat(expectedFile).as("golden file; create it with -Dchaos.regenerate=true").exists();
    assertThat(actual).isEqualTo(Files.readString(expectedFile, StandardCharsets.UTF_8));
  }
}
