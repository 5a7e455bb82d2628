package dev.chaos.cli;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns the paths given to `chaos check` into the runbook files to read. A file is taken as
 * given; a directory is searched for `.chaos` files, skipping `target/` and hidden entries below
 * it. Problems (a missing path, a directory without runbooks) are collected, not thrown, so that
 * the user sees all of them at once.
 */
final class RunbookFinder {
  static final String EXTENSION = ".chaos";

  /** A file to check and the path it is shown as: normalised, with `/` separators. */
  record Found(Path path, String shown) {}

  private final Map<String, Found> found = new TreeMap<>();
  private final List<String> problems = new ArrayList<>();

  /** Files sorted by the path they are shown as, each once. */
  List<Found> files() {
    return List.copyOf(found.values());
  }

  List<String> problems() {
    return problems;
  }

  void add(String arg) {
    Path path;
    try {
      path = Path.of(arg);
    } catch (InvalidPathException e) {
      problems.add("`" + arg + "` is not a valid path");
      return;
    }
    if (Files.isDirectory(path)) {
      addDirectory(arg, path);
    } else if (Files.isRegularFile(path)) {
      addFile(path);
    } else if (Files.exists(path, LinkOption.NOFOLLOW_LINKS) && !Files.exists(path)) {
      problems.add("`" + arg + "` is a broken symbolic link");
    } else if (Files.exists(path)) {
      problems.add("`" + arg + "` is not a regular file or a directory");
    } else if (!Files.notExists(path)) {
      // Neither exists nor not: a directory on the way cannot be searched.
      problems.add("cannot access `" + arg + "`: permission denied");
    } else if (arg.indexOf('\uFFFD') >= 0) {
      // the name's bytes were not UTF-8: Java replaced them and so cannot name the file
      problems.add("`" + arg + "` cannot be opened: its name is not UTF-8 (shown with `\uFFFD`"
          + " for the bytes that are not); rename the file");
    } else {
      problems.add("`" + arg + "` does not exist");
    }
  }

  private void addFile(Path path) {
    String shown = shown(path);
    found.putIfAbsent(shown, new Found(path, shown));
  }

  private void addDirectory(String arg, Path root) {
    DirectoryWalk walk = new DirectoryWalk(root);
    try {
      Files.walkFileTree(root, walk);
    } catch (IOException e) {
      problems.add("cannot read `" + arg + "`: " + CommandFailure.reason(e));
      return;
    }
    if (walk.runbooks == 0 && walk.unreadable == 0) {
      problems.add("no `" + EXTENSION + "` files in `" + arg + "`");
    }
  }

  private final class DirectoryWalk extends SimpleFileVisitor<Path> {
    private final Path root;
    int runbooks;
    int unreadable;

    DirectoryWalk(Path root) {
      this.root = root;
    }

    @Override
    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
      boolean search = dir.equals(root) || !skipped(dir);
      return search ? FileVisitResult.CONTINUE : FileVisitResult.SKIP_SUBTREE;
    }

    @Override
    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
      String name = file.getFileName().toString();
      // Symbolic links to files count; links to directories are not followed (no cycles).
      if (name.endsWith(EXTENSION) && !name.startsWith(".") && Files.isRegularFile(file)) {
        addFile(file);
        runbooks++;
      }
      return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult visitFileFailed(Path file, IOException e) {
      if (file.equals(root) || !skipped(file)) {
        problems.add("cannot read `" + shown(file) + "`: " + CommandFailure.reason(e));
        unreadable++;
      }
      return FileVisitResult.CONTINUE;
    }
  }

  /** Build output and hidden entries (`.git`, editor backups) are never runbooks to check. */
  private static boolean skipped(Path entry) {
    String name = entry.getFileName().toString();
    return name.startsWith(".") || name.equals("target");
  }

  private static String shown(Path path) {
    return path.normalize().toString().replace(path.getFileSystem().getSeparator(), "/");
  }
}
