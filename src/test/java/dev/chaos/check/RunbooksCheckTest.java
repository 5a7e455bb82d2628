package dev.chaos.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The contract's examples, the repository's runbooks and the stdlib check without a word. */
class RunbooksCheckTest {
  static Stream<Path> files() throws IOException {
    Path root = Path.of(System.getProperty("user.dir"));
    return Stream.of(root.resolve("runbooks"), root.resolve("stdlib"))
        .flatMap(dir -> {
          try {
            return Files.list(dir).filter(p -> p.toString().endsWith(".chaos")).sorted().toList()
                .stream();
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
  }

  @ParameterizedTest
  @MethodSource("files")
  void checksClean(Path file) {
    CheckFixture.checkFile(file).assertClean();
  }

  @ParameterizedTest
  @MethodSource("files")
  void everyStepOfAnExampleHasItsUndoDecided(Path file) {
    var result = CheckFixture.checkFile(file);
    result.program().runbook().ifPresent(rb -> rb.members().stream()
        .filter(m -> m instanceof dev.chaos.syntax.ast.Member.Step)
        .map(m -> (dev.chaos.syntax.ast.Member.Step) m)
        .forEach(step -> assertThat(result.program().stepInfo(step).undo())
            .isNotEqualTo(StepInfo.Undo.MISSING)));
  }
}
