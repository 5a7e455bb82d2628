package dev.chaos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each variant world of runbooks/worlds/ is the default sandbox world with only the changes its
 * lines mark (`# CHANGED`, `# ADDED`), so that its verdict in ScenarioRehearsalTest is due to
 * that change and nothing else. When the default world changes, this fails, naming the lines
 * that drifted: the variants are then brought in line with it.
 */
class VariantWorldsTest {
  private static final Path ROOT = Path.of(System.getProperty("user.dir"));

  static Stream<Path> variants() throws IOException {
    try (Stream<Path> files = Files.list(ROOT.resolve("runbooks/worlds"))) {
      return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
    }
  }

  /** The lines of a world file after its leading comment. */
  private static List<String> body(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file);
    int start = 0;
    while (start < lines.size()
        && (lines.get(start).startsWith("#") || lines.get(start).isBlank())) {
      start++;
    }
    return lines.subList(start, lines.size());
  }

  @ParameterizedTest
  @MethodSource("variants")
  void differsFromTheDefaultWorldOnlyWhereItSays(Path variant) throws IOException {
    List<String> base = body(ROOT.resolve("src/main/resources/sandbox/default-world.yaml"));
    List<String> mine = body(variant);
    List<String> added = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    diff(base, mine, removed, added);
    assertThat(added).as("lines of %s not in the default world", variant.getFileName())
        .isNotEmpty()
        .allMatch(line -> line.contains("# CHANGED") || line.contains("# ADDED")
            || line.equals("faults:"));
    long changed = added.stream().filter(line -> line.contains("# CHANGED")).count();
    assertThat(removed).as("lines of the default world %s lacks", variant.getFileName())
        .allMatch(line -> line.equals("faults: []") || changed > 0)
        .hasSizeLessThanOrEqualTo((int) changed + 1);
  }

  /** A longest-common-subsequence diff: what only `a` has, what only `b` has. */
  private static void diff(List<String> a, List<String> b, List<String> onlyA,
      List<String> onlyB) {
    int[][] lcs = new int[a.size() + 1][b.size() + 1];
    for (int i = a.size() - 1; i >= 0; i--) {
      for (int j = b.size() - 1; j >= 0; j--) {
        lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1
            : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    int i = 0;
    int j = 0;
    while (i < a.size() && j < b.size()) {
      if (a.get(i).equals(b.get(j))) {
        i++;
        j++;
      } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
        onlyA.add(a.get(i++));
      } else {
        onlyB.add(b.get(j++));
      }
    }
    onlyA.addAll(a.subList(i, a.size()));
    onlyB.addAll(b.subList(j, b.size()));
  }
}
