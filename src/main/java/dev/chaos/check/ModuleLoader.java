package dev.chaos.check;

import dev.chaos.diag.Code;
import dev.chaos.source.SourceFile;
import dev.chaos.syntax.ast.Program;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Finds, reads and caches imported modules. `import "slo"` is `stdlib/slo.chaos` beside the
 * importing file when that exists, else the copy bundled in the jar; an import that names a
 * path (has a `/` or ends in `.chaos`) is relative to the importing file. Each module is
 * checked once per {@link Checker}, so its diagnostics are reported once, with the check that
 * first loads it. A module that imports one still being loaded closes a cycle (CH0102).
 */
final class ModuleLoader {
  private static final String BUNDLED_DIR = "stdlib";

  /** Where a file comes from: a file on disk, or a resource bundled in the jar. */
  record Location(String key, String path, boolean bundled) {
    static Location ofFile(String path) {
      try {
        return new Location(Path.of(path).toAbsolutePath().normalize().toString(), path, false);
      } catch (InvalidPathException e) {
        return new Location(path, path, false);
      }
    }

    /** The file name alone, as cycles are shown: `a.chaos -> b.chaos -> a.chaos`. */
    String fileName() {
      int slash = path.lastIndexOf('/');
      return slash < 0 ? path : path.substring(slash + 1);
    }
  }

  private final Function<String, String> openTexts;
  /** A bundled module checked beforehand, by path; null when there is none. */
  private final Function<String, CheckedProgram> prechecked;
  private final BiFunction<SourceFile, Location, CheckedProgram> checkModule;
  private final Map<String, CheckedProgram> cache = new HashMap<>();
  private final List<Location> loading = new ArrayList<>();
  /** The import in each file of {@link #loading} but the last that leads to the next one. */
  private final List<Program.Import> importing = new ArrayList<>();
  /**
   * Keys of modules whose check closed a cycle. They are not cached: a later check served from
   * the cache would no longer see the cycle, and must report it in its own file again.
   */
  private final Set<String> inCycle = new HashSet<>();

  /**
   * {@code checkModule} parses and checks a module's text, reporting to the current sink;
   * {@code openTexts} gives the text of a file an editor holds open, by absolute
   * path (null when it is not open), read instead of the file on disk (`chaos lsp`), and
   * {@code prechecked} a bundled module already checked, by its path in the jar.
   */
  ModuleLoader(BiFunction<SourceFile, Location, CheckedProgram> checkModule,
      Function<String, String> openTexts, Function<String, CheckedProgram> prechecked) {
    this.checkModule = checkModule;
    this.openTexts = openTexts;
    this.prechecked = prechecked;
  }

  /** Marks a file as being checked, so imports of it are seen as cycles; pair with {@link #leave}. */
  void enter(Location location) {
    if (loading.isEmpty()) {
      inCycle.clear(); // what a check before found in its cycles is no longer news
    }
    loading.add(location);
  }

  void leave(Location location) {
    loading.remove(loading.size() - 1);
  }

  /** Loads every import of {@code program}, which lives at {@code importer}. */
  List<FileChecker.ResolvedImport> resolve(Program program, Location importer, Reporter reporter) {
    List<FileChecker.ResolvedImport> out = new ArrayList<>();
    for (Program.Import imp : program.imports()) {
      String spec = imp.path().text();
      // `import "slo" as` with the name missing (reported by the parser) keeps the default name
      String alias = imp.alias() != null && !imp.alias().isMissing() ? imp.alias().name()
          : defaultAlias(spec);
      out.add(new FileChecker.ResolvedImport(imp, alias, load(imp, importer, reporter)));
    }
    return out;
  }

  /** `"../lib/common.chaos"` is `common`; `"slo"` is `slo`. */
  static String defaultAlias(String spec) {
    String last = spec.substring(spec.lastIndexOf('/') + 1);
    return last.endsWith(".chaos") ? last.substring(0, last.length() - ".chaos".length()) : last;
  }

  private CheckedProgram load(Program.Import imp, Location importer, Reporter reporter) {
    String spec = imp.path().text();
    Location target;
    try {
      target = locate(spec, importer);
    } catch (InvalidPathException e) {
      target = null;
    }
    if (target == null) {
      notFound(imp, importer, reporter);
      return null;
    }
    int open = indexOfLoading(target.key());
    if (open >= 0) {
      reportCycle(open, imp, target, reporter);
      return null;
    }
    CheckedProgram module = cached(target);
    if (module == null) {
      String text = target.bundled() ? null : openTexts.apply(target.key());
      try {
        text = text != null ? text : read(target);
      } catch (IOException | UncheckedIOException e) {
        reporter.report(Code.CH0101, imp.path().span(), "cannot read module `" + spec + "`",
            e.getMessage() == null ? "unreadable" : e.getMessage());
        return null;
      }
      importing.add(imp);
      try {
        module = checkAndCache(target, text);
      } finally {
        importing.remove(importing.size() - 1);
      }
    }
    if (module.runbook().isPresent()) {
      reporter.report(Code.CH0105, imp.path().span(),
          "`" + target.path() + "` has a runbook and cannot be imported",
          "a module holds only `let`, `fn` and `action`",
          "move the shared declarations into a module of their own and import that");
    }
    return module;
  }

  /**
   * The module bundled at {@code path}, loaded as an import of it is but from no file (so that
   * {@link PrecheckedStdlib} checks it alone); null when it cannot be read.
   */
  CheckedProgram loadBundled(String path) {
    Location target = new Location("bundled:" + path, path, true);
    CheckedProgram module = cached(target);
    if (module != null) {
      return module;
    }
    try {
      return checkAndCache(target, read(target));
    } catch (IOException | UncheckedIOException e) {
      return null;
    }
  }

  private CheckedProgram cached(Location target) {
    CheckedProgram module = cache.get(target.key());
    if (module == null && target.bundled()) {
      module = prechecked.apply(target.path());
      if (module != null) {
        cache.put(target.key(), module);
      }
    }
    return module;
  }

  private CheckedProgram checkAndCache(Location target, String text) {
    CheckedProgram module = checkModule.apply(new SourceFile(target.path(), text), target);
    if (!inCycle.remove(target.key())) {
      cache.put(target.key(), module);
    }
    return module;
  }

  /**
   * An import cycle, found where {@code closing} imports the file at {@code loading[open]}: it
   * is reported at that import and at the import in every other file of the cycle, each
   * naming the cycle from its own file, so that checking any one of the files reports it there.
   * Checking several files of one cycle in a run finds it again: the sink drops repeats.
   */
  private void reportCycle(int open, Program.Import closing, Location target, Reporter reporter) {
    int last = loading.size() - 1;
    for (int j = open; j <= last; j++) {
      inCycle.add(loading.get(j).key());
      Program.Import imp = j == last ? closing : importing.get(j);
      List<String> names = new ArrayList<>();
      for (int k = j; k <= last; k++) {
        names.add(loading.get(k).fileName());
      }
      for (int k = open; k <= j; k++) {
        names.add(loading.get(k).fileName());
      }
      reporter.report(Code.CH0102, imp.path().span(), "import cycle: " + String.join(" -> ", names),
          j == last ? "this import closes the cycle" : "this import leads back to this file",
          "move what the modules share into a module of its own");
    }
  }

  private int indexOfLoading(String key) {
    for (int i = 0; i < loading.size(); i++) {
      if (loading.get(i).key().equals(key)) {
        return i;
      }
    }
    return -1;
  }

  static boolean isPath(String spec) {
    return spec.contains("/") || spec.endsWith(".chaos");
  }

  private static Location locate(String spec, Location importer) {
    if (isPath(spec)) {
      if (importer.bundled()) {
        String path = Path.of(importer.path()).resolveSibling(spec).normalize().toString()
            .replace('\\', '/');
        return bundledResource(path) != null ? new Location("bundled:" + path, path, true) : null;
      }
      Path file = siblingOf(importer.path(), spec);
      return Files.isRegularFile(file) ? Location.ofFile(file.toString()) : null;
    }
    if (!importer.bundled()) {
      Path local = siblingOf(importer.path(), BUNDLED_DIR + "/" + spec + ".chaos");
      if (Files.isRegularFile(local)) {
        return Location.ofFile(local.toString());
      }
    }
    String path = BUNDLED_DIR + "/" + spec + ".chaos";
    return bundledResource(path) != null ? new Location("bundled:" + path, path, true) : null;
  }

  private static Path siblingOf(String importerPath, String relative) {
    Path parent = Path.of(importerPath).getParent();
    return (parent == null ? Path.of(relative) : parent.resolve(relative)).normalize();
  }

  private static URL bundledResource(String path) {
    return Checker.class.getResource("/" + path);
  }

  /** The text of the module bundled at {@code path} (`stdlib/slo.chaos`). */
  static String readBundled(String path) throws IOException {
    return read(new Location("bundled:" + path, path, true));
  }

  private static String read(Location location) throws IOException {
    if (!location.bundled()) {
      return Files.readString(Path.of(location.path()), StandardCharsets.UTF_8);
    }
    try (InputStream in = Checker.class.getResourceAsStream("/" + location.path())) {
      if (in == null) {
        throw new IOException("bundled module `" + location.path() + "` is missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static void notFound(Program.Import imp, Location importer, Reporter reporter) {
    String spec = imp.path().text();
    if (isPath(spec)) {
      String where;
      try {
        where = importer.bundled() ? spec : siblingOf(importer.path(), spec).toString();
      } catch (InvalidPathException e) {
        where = spec;
      }
      reporter.report(Code.CH0101, imp.path().span(), "module `" + spec + "` not found",
          "no file `" + where + "`");
      return;
    }
    TreeSet<String> known = new TreeSet<>(bundledNames());
    if (!importer.bundled()) {
      try {
        known.addAll(moduleNames(siblingOf(importer.path(), BUNDLED_DIR)));
      } catch (InvalidPathException e) {
        // an importer that is no real file has no stdlib beside it
      }
    }
    reporter.report(Code.CH0101, imp.path().span(), "module `" + spec + "` not found",
        "no `" + BUNDLED_DIR + "/" + spec + ".chaos` beside this file or among the bundled modules",
        Reporter.didYouMean(spec, known),
        known.isEmpty() ? null : "the bundled modules are " + String.join(", ",
            known.stream().map(Reporter::tick).toList()));
  }

  /** Names of the modules bundled in the jar (or in target/classes when run from a build). */
  static List<String> bundledNames() {
    URL dir = Checker.class.getResource("/" + BUNDLED_DIR);
    if (dir == null) {
      return List.of();
    }
    try {
      URI uri = dir.toURI();
      if ("jar".equals(uri.getScheme())) {
        FileSystem fs;
        try {
          fs = FileSystems.getFileSystem(uri);
        } catch (FileSystemNotFoundException e) {
          fs = FileSystems.newFileSystem(uri, Map.of());
        }
        return moduleNames(fs.getPath("/" + BUNDLED_DIR));
      }
      return moduleNames(Path.of(uri));
    } catch (URISyntaxException | IOException | RuntimeException e) {
      return List.of();
    }
  }

  private static List<String> moduleNames(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".chaos"))
          .map(n -> n.substring(0, n.length() - ".chaos".length()))
          .sorted()
          .toList();
    } catch (IOException e) {
      return List.of();
    }
  }
}
