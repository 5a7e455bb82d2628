package dev.chaos.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Files a user names are read only when they are regular files of a bounded size. */
@Timeout(value = 20, unit = TimeUnit.SECONDS) // a FIFO read would block until this ends it
class InputFileTest {
  @TempDir
  Path dir;

  @Test
  void readsARegularFile() throws Exception {
    Path file = Files.writeString(dir.resolve("a.chaos"), "runbook é");
    assertThat(InputFile.readText(file, 100)).isEqualTo("runbook é");
  }

  @Test
  void refusesAPipeWithoutOpeningIt() throws Exception {
    Path fifo = dir.resolve("fifo");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(mkfifo.exitValue()).isZero();

    assertThatThrownBy(() -> InputFile.read(fifo, InputFile.TEXT_LIMIT))
        .isInstanceOf(InputFile.Refused.class)
        .hasMessage("it is not a regular file (a pipe or a device)");
  }

  @Test
  void refusesADeviceAndADirectory() {
    assertThatThrownBy(() -> InputFile.read(Path.of("/dev/zero"), InputFile.TEXT_LIMIT))
        .hasMessage("it is not a regular file (a pipe or a device)");
    assertThatThrownBy(() -> InputFile.read(dir, InputFile.TEXT_LIMIT))
        .hasMessage("it is a directory");
  }

  @Test
  void refusesMoreThanTheBound() throws Exception {
    Path file = Files.write(dir.resolve("big"), new byte[101]);
    assertThat(InputFile.read(file, 101)).hasSize(101);
    assertThatThrownBy(() -> InputFile.read(file, 100))
        .hasMessage("it is larger than 100 bytes");
  }

  @Test
  void refusesTextThatIsNotUtf8AndSaysWhenAFileIsMissing() throws Exception {
    Path latin1 = Files.write(dir.resolve("l"), new byte[] {'a', (byte) 0xE9});
    assertThatThrownBy(() -> InputFile.readText(latin1, 100))
        .hasMessageStartingWith("it is not UTF-8 text: byte 0xE9 at offset 1");
    assertThatThrownBy(() -> InputFile.read(dir.resolve("none"), 100))
        .isInstanceOf(NoSuchFileException.class);
  }
}
