package dev.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The three examples of the language contract, as this repository keeps them: unchanged copies
 * in `src/test/resources/contract-examples/`. A user's clone has nothing beside it, so the tests
 * read these copies; `scripts/test` also checks the contract's own folder when it is at hand.
 * The runbooks of the same names in `runbooks/` grew out of them and test what the seed tests
 * (docs/runbooks.md); the contract's must keep passing unchanged.
 */
public final class ContractExamples {
  public static final List<String> NAMES = List.of(
      "db-connection-exhaustion.chaos", "pod-failure.chaos", "redis-failover.chaos");

  private ContractExamples() {}

  /** The folder of the copies. */
  public static Path dir() {
    return Path.of(System.getProperty("user.dir")).resolve("src/test/resources/contract-examples")
        .normalize();
  }

  public static Path path(String name) {
    if (!NAMES.contains(name)) {
      throw new IllegalArgumentException(name + " is not one of the contract's examples");
    }
    return dir().resolve(name);
  }

  /** The three examples, in name order. */
  public static List<Path> paths() {
    return NAMES.stream().map(ContractExamples::path).toList();
  }

  public static String read(String name) {
    try {
      return Files.readString(path(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
