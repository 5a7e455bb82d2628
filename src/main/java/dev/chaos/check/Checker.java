package dev.chaos.check;

import dev.chaos.diag.Code;
import dev.chaos.diag.Diagnostic;
import dev.chaos.diag.Diagnostics;
import dev.chaos.source.SourceFile;
import dev.chaos.source.Span;
import dev.chaos.spi.DriverRegistry;
import dev.chaos.syntax.Parser;
import dev.chaos.syntax.ParseResult;
import dev.chaos.syntax.ast.Program;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * `chaos check` for one file at a time: parses it, loads its imports (each module parsed and
 * checked once per Checker, however many files import it), checks every rule of the contract's
 * section 4, and adds every diagnostic to the sink. Never throws: an internal failure becomes a
 * CH0106 diagnostic. Not thread-safe; {@link #check} is synchronized for callers that share one.
 */
public final class Checker {
  /** A parsed file and what the parser had to say about it. */
  record Parsed(Program program, List<Diagnostic> diagnostics) {}

  /** Asked for only when the first file has been parsed, so that loading them can overlap it. */
  private final Supplier<DriverRegistry> driverSource;
  private DriverRegistry drivers;
  private final CheckOptions options;
  private TypeNames typeNames;
  private final Function<SourceFile, Parsed> parser;
  private final ModuleLoader modules;
  private Reporter reporter;

  public Checker(DriverRegistry drivers, CheckOptions options) {
    this(drivers, options, Checker::parse);
  }

  /**
   * A checker whose driver tables are still being loaded (on another thread, by `chaos
   * check`): {@code drivers} is asked once, after the first file is parsed.
   */
  public Checker(Supplier<DriverRegistry> drivers, CheckOptions options) {
    this(drivers, options, Checker::parse, key -> null, null);
  }

  /**
   * As above, taking the bundled modules from {@code stdlib} (checked once for all the checkers
   * of a run) instead of parsing and checking them again.
   */
  public Checker(Supplier<DriverRegistry> drivers, CheckOptions options,
      PrecheckedStdlib stdlib) {
    this(drivers, options, Checker::parse, key -> null, stdlib);
  }

  Checker(DriverRegistry drivers, CheckOptions options, Function<SourceFile, Parsed> parser) {
    this(() -> drivers, options, parser, key -> null, null);
  }

  /** A checker that parses with {@code parser}: the stdlib's, which shares its parses. */
  static Checker withParser(Supplier<DriverRegistry> drivers, CheckOptions options,
      Function<SourceFile, Parsed> parser) {
    return new Checker(drivers, options, parser, key -> null, null);
  }

  /**
   * A checker that reads an imported module from {@code openTexts} (by absolute path; null when
   * the file is not open) before the disk: an editor's unsaved buffers, for `chaos lsp`.
   */
  public static Checker withOpenTexts(DriverRegistry drivers, CheckOptions options,
      Function<String, String> openTexts) {
    return new Checker(() -> drivers, options, Checker::parse, openTexts, null);
  }

  static Parsed parse(SourceFile file) {
    ParseResult r = Parser.parse(file);
    return new Parsed(r.program(), r.diagnostics());
  }

  private Checker(Supplier<DriverRegistry> drivers, CheckOptions options,
      Function<SourceFile, Parsed> parser, Function<String, String> openTexts,
      PrecheckedStdlib stdlib) {
    this.driverSource = drivers;
    this.options = options;
    this.parser = parser;
    this.modules = new ModuleLoader(this::checkModule, openTexts,
        stdlib == null ? path -> null : stdlib::module);
  }

  public CheckedProgram check(SourceFile file, Diagnostics sink) {
    return check(file, sink, failure -> { });
  }

  /**
   * As {@link #check(SourceFile, Diagnostics)}; a failure of the checker itself is reported as
   * CH0106 and also handed to {@code internalErrors} (`chaos check --verbose` prints its trace).
   */
  public synchronized CheckedProgram check(SourceFile file, Diagnostics sink,
      Consumer<Throwable> internalErrors) {
    reporter = new Reporter(sink);
    try {
      return checkFile(file, ModuleLoader.Location.ofFile(file.path()));
    } catch (RuntimeException | StackOverflowError e) {
      internalErrors.accept(e);
      reporter.report(Code.CH0106, new Span(file, 0, 0),
          "internal checker error: " + e, "the checker failed on this file",
          "this is a bug in `chaos`; please report it with the file");
      Span whole = new Span(file, 0, file.text().length());
      return new CheckedProgram(new Program(whole, file, List.of(), List.of()));
    } finally {
      reporter = null;
    }
  }

  /**
   * The module bundled at {@code path} (`stdlib/slo.chaos`), checked as an import of it would
   * be, with what its check finds added to {@code sink}; null when there is no such module.
   */
  synchronized CheckedProgram checkBundled(String path, Diagnostics sink) {
    reporter = new Reporter(sink);
    try {
      return modules.loadBundled(path);
    } finally {
      reporter = null;
    }
  }

  private CheckedProgram checkModule(SourceFile file, ModuleLoader.Location location) {
    return checkFile(file, location);
  }

  private CheckedProgram checkFile(SourceFile file, ModuleLoader.Location location) {
    Parsed parsed = parser.apply(file);
    reporter.sink().addAll(parsed.diagnostics());
    if (drivers == null) {
      drivers = driverSource.get();
      typeNames = new TypeNames(drivers);
    }
    modules.enter(location);
    try {
      List<FileChecker.ResolvedImport> imports =
          modules.resolve(parsed.program(), location, reporter);
      return new FileChecker(drivers, typeNames, options, reporter, parsed.program(), imports).run();
    } finally {
      modules.leave(location);
    }
  }
}
