package dev.chaos.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Locale;

/**
 * Problems the user can act on (input that cannot be read, output that cannot be written):
 * each reported as one `error: ...` line on stderr, never with a stack trace, and exit code 2.
 * Messages are lowercase, without a final period.
 */
final class CommandFailure extends RuntimeException {
  private final List<String> problems;

  CommandFailure(String problem) {
    this(List.of(problem));
  }

  CommandFailure(List<String> problems) {
    super(String.join("; ", problems), null, false, false);
    this.problems = List.copyOf(problems);
  }

  List<String> problems() {
    return problems;
  }

  /** A short lowercase reason for an I/O failure, without the path the caller already shows. */
  static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NoSuchFileException) {
      return "no such file or directory";
    }
    if (e instanceof FileAlreadyExistsException exists) {
      return "`" + exists.getFile() + "` is in the way";
    }
    if (e instanceof FileSystemException fs && fs.getReason() != null) {
      return fs.getReason().toLowerCase(Locale.ROOT);
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
