package dev.chaos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunbookFinderTest {
  @TempDir
  Path dir;

  private final RunbookFinder finder = new RunbookFinder();

  private Path touch(String name) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, "");
  }

  private java.util.List<String> shown() {
    return finder.files().stream().map(RunbookFinder.Found::shown).toList();
  }

  @Test
  void followsLinksToFilesButNotToDirectories() throws IOException {
    Path real = touch("lib/real.chaos");
    Files.createDirectories(dir.resolve("runbooks"));
    Files.createSymbolicLink(dir.resolve("runbooks/linked.chaos"), real);
    Files.createSymbolicLink(dir.resolve("runbooks/loop"), dir.resolve("runbooks"));

    finder.add(dir.resolve("runbooks").toString());

    assertThat(shown()).containsExactly(dir + "/runbooks/linked.chaos");
    assertThat(finder.problems()).isEmpty();
  }

  @Test
  void aBrokenLinkIsNamedAsSuch() throws IOException {
    Path link = Files.createSymbolicLink(dir.resolve("gone.chaos"), dir.resolve("nowhere"));

    finder.add(link.toString());

    assertThat(finder.problems()).containsExactly("`" + link + "` is a broken symbolic link");
  }

  @Test
  void aHiddenDirectoryNamedExplicitlyIsSearched() throws IOException {
    touch(".config/a.chaos");

    finder.add(dir.resolve(".config").toString());

    assertThat(shown()).containsExactly(dir + "/.config/a.chaos");
  }

  @Test
  void eachFileOnceWhateverTheSpelling() throws IOException {
    touch("a.chaos");

    finder.add(dir.toString());
    finder.add(dir + "/./a.chaos");
    finder.add(dir + "/../" + dir.getFileName() + "/a.chaos");

    assertThat(shown()).containsExactly(dir + "/a.chaos");
  }

  @Test
  void aFileNamedExplicitlyIsTakenWhateverItsExtension() throws IOException {
    Path file = touch("runbook.txt");

    finder.add(file.toString());

    assertThat(shown()).containsExactly(file.toString());
  }

  @Test
  void aSpecialFileIsRefused() {
    Path devNull = Path.of("/dev/null");
    Assumptions.assumeTrue(Files.exists(devNull));

    finder.add(devNull.toString());

    assertThat(finder.problems()).containsExactly("`/dev/null` is not a regular file or a directory");
  }

  @Test
  void anUnreadableDirectoryIsReportedNotSkipped() throws IOException {
    touch("locked/a.chaos");
    Path locked = dir.resolve("locked");
    Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
    try {
      Assumptions.assumeFalse(Files.isReadable(locked), "permissions are not enforced (root?)");

      finder.add(dir.toString());

      assertThat(finder.problems()).containsExactly("cannot read `" + locked + "`: permission denied");
    } finally {
      Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
    }
  }
}
