package dev.chaos.arch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Users clone this repository and nothing beside it, so nothing that builds, tests or measures
 * it may read the folder beside the checkout. The one exception is the optional extra check in
 * `scripts/test`, guarded by a test that the folder exists.
 */
class StandsAloneTest {
  /** Written in two halves so that this file does not name it. */
  private static final String SIBLING = ".." + "/shared";

  @Test
  void nothingReadsOutsideTheRepository() throws IOException {
    Path root = Path.of(System.getProperty("user.dir"));
    List<String> offenders = new ArrayList<>();
    for (String top : List.of("src", "bench", "scripts", "pom.xml", ".ci")) {
      try (Stream<Path> files = Files.walk(root.resolve(top))) {
        for (Path file : files.filter(Files::isRegularFile).toList()) {
          offenders.addAll(mentions(root, file));
        }
      }
    }
    assertThat(offenders).as("files that read %s, which a user's clone does not have", SIBLING)
        .isEmpty();
  }

  private static List<String> mentions(Path root, Path file) throws IOException {
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (MalformedInputException binary) {
      return List.of();
    }
    String name = root.relativize(file).toString();
    List<String> found = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.contains(SIBLING) && !optionalCheck(name, line)) {
        found.add(name + ":" + (i + 1) + ": " + line.strip());
      }
    }
    return found;
  }

  /** `scripts/test` may look at the contract's examples when the folder is there. */
  private static boolean optionalCheck(String name, String line) {
    return name.equals("scripts/test")
        && (line.contains("[[ -d " + SIBLING) || line.contains("chaos check " + SIBLING));
  }
}
