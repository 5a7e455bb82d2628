package dev.chaos.lsp;

import dev.chaos.check.CheckOptions;
import dev.chaos.check.CheckedProgram;
import dev.chaos.check.Checker;
import dev.chaos.diag.Diagnostic;
import dev.chaos.diag.Diagnostics;
import dev.chaos.source.SourceFile;
import dev.chaos.spi.DriverRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Checks one document as `chaos check` checks its file, keeping what does not change between
 * keystrokes: the driver tables, and the imported modules parsed and checked once by a shared
 * {@link Checker}. That checker is replaced as soon as the text of any module it loaded
 * changes, on disk or in an open buffer (which is read before the disk). Not thread-safe: one
 * analysis thread uses it.
 */
final class Analyzer {
  private final DriverRegistry drivers;
  private volatile CheckOptions options;
  private CheckOptions checkerOptions;
  private final Function<String, String> openTexts;
  private Checker checker;
  /** Every module the current checker loaded, by absolute path, with the text it checked. */
  private final Map<String, String> loaded = new HashMap<>();

  /** {@code openTexts}: the text of an open document by absolute path, null when not open. */
  Analyzer(DriverRegistry drivers, CheckOptions options, Function<String, String> openTexts) {
    this.drivers = drivers;
    this.options = options;
    this.openTexts = openTexts;
  }

  /** How to check from now on (the client's settings); the next analysis uses them. */
  void options(CheckOptions newOptions) {
    this.options = newOptions;
  }

  Analysis analyze(String uri, int version, String text) {
    String path = Uris.path(uri);
    SourceFile file = new SourceFile(path, text);
    CheckOptions wanted = options;
    if (checker == null || !wanted.equals(checkerOptions) || modulesChanged()) {
      checker = Checker.withOpenTexts(drivers, wanted, openTexts);
      checkerOptions = wanted;
      loaded.clear();
    }
    Diagnostics sink = new Diagnostics();
    CheckedProgram program = checker.check(file, sink);
    remember(program);
    List<Diagnostic> own = sink.sorted().stream()
        .filter(d -> d.span().source().path().equals(path))
        .toList();
    return new Analysis(uri, version, file, program, own);
  }

  /**
   * Whether a module the checker holds is no longer what it would read now (the document being
   * checked included, when another document's check loaded it as a module).
   */
  private boolean modulesChanged() {
    for (Map.Entry<String, String> module : loaded.entrySet()) {
      if (!module.getValue().equals(current(module.getKey()))) {
        return true;
      }
    }
    return false;
  }

  private String current(String path) {
    String open = openTexts.apply(path);
    if (open != null) {
      return open;
    }
    try {
      return Files.readString(Path.of(path), StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private void remember(CheckedProgram program) {
    for (CheckedProgram module : program.modules().values()) {
      String path = module.source().path();
      if (Uris.isFile(path) && loaded.putIfAbsent(path, module.source().text()) == null) {
        remember(module);
      }
    }
  }
}
