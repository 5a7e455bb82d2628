package dev.chaos.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;

/**
 * Checks the files a command will write before it does anything: none may be one of its inputs
 * (`chaos check -o a.chaos a.chaos` would replace the runbook with its own diagnostics), and
 * each must be writable, so that a run never makes its mutations only to fail at its report.
 */
final class OutputPaths {
  private OutputPaths() {}

  /** @throws CommandFailure when {@code output} (given as {@code option}) is one of the inputs */
  static void refuseInputs(String option, Path output, Collection<Path> inputs) {
    for (Path input : inputs) {
      if (input != null && same(output, input)) {
        throw new CommandFailure("`" + option + " " + output + "` would overwrite the input `"
            + input + "`: write it elsewhere");
      }
    }
  }

  /** @throws CommandFailure when {@code output} could not be written (its folder is created) */
  static void requireWritable(String option, Path output) {
    Path absolute = output.toAbsolutePath();
    if (Files.isDirectory(absolute)) {
      throw new CommandFailure("cannot write `" + output + "` (" + option + "): it is a "
          + "directory");
    }
    Path folder = absolute.getParent();
    while (folder != null && !Files.exists(folder)) {
      folder = folder.getParent();
    }
    boolean writable = Files.exists(absolute) ? Files.isWritable(absolute)
        : folder != null && Files.isDirectory(folder) && Files.isWritable(folder);
    if (!writable) {
      throw new CommandFailure("cannot write `" + output + "` (" + option + "): "
          + (folder != null && !Files.isDirectory(folder) ? "`" + folder + "` is not a folder"
              : "permission denied"));
    }
  }

  private static boolean same(Path a, Path b) {
    if (a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize())) {
      return true;
    }
    try {
      return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
    } catch (IOException e) {
      return false;
    }
  }
}
