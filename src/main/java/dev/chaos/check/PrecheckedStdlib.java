package dev.chaos.check;

import dev.chaos.diag.Diagnostics;
import dev.chaos.source.SourceFile;
import dev.chaos.spi.DriverRegistry;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

/**
 * The bundled stdlib modules, parsed and checked once, on a thread of their own, from the
 * moment a check starts: for a one-file check they are about as much work as the file itself
 * (docs/performance.md), and they can be done while the file is read and parsed. A checked
 * module is read-only once its check is over, so every checker of a run shares the same ones.
 * Each module is handed out as soon as it is checked, so that a file waits only for those it
 * imports, and a checker that waits for one parses the modules not yet parsed meanwhile.
 *
 * <p>Only a module whose check, and that of every module checked before it, reported nothing
 * is shared. From the first module that reports anything (a lint that `--strict` adds, say),
 * no more are handed out: checkers load those themselves, as they would without this class,
 * so that what is reported, and with which file, is the same.
 */
public final class PrecheckedStdlib {
  /**
   * The modules bundled in the jar, each after those it imports, the most imported first;
   * {@code PrecheckedStdlibTest} holds it to `stdlib/`.
   */
  static final List<String> BUNDLED = List.of("stdlib/slo.chaos", "stdlib/experiments.chaos",
      "stdlib/checklist.chaos", "stdlib/recovery.chaos", "stdlib/impact.chaos",
      "stdlib/signals.chaos");

  private final Map<String, CompletableFuture<CheckedProgram>> modules;
  /** Each module's parse, made once, by whichever thread runs it first. */
  private final Map<String, FutureTask<Checker.Parsed>> parses;

  private PrecheckedStdlib(Map<String, CompletableFuture<CheckedProgram>> modules,
      Map<String, FutureTask<Checker.Parsed>> parses) {
    this.modules = modules;
    this.parses = parses;
  }

  /** Starts checking the bundled modules as {@code options} say, with the drivers supplied. */
  public static PrecheckedStdlib start(Supplier<DriverRegistry> drivers, CheckOptions options) {
    return start(drivers, options, BUNDLED);
  }

  /** As above, for the bundled resources at {@code paths}, in order (tests use a broken one). */
  static PrecheckedStdlib start(Supplier<DriverRegistry> drivers, CheckOptions options,
      List<String> paths) {
    Map<String, CompletableFuture<CheckedProgram>> modules = new LinkedHashMap<>();
    Map<String, FutureTask<Checker.Parsed>> parses = new LinkedHashMap<>();
    for (String path : paths) {
      modules.put(path, new CompletableFuture<>());
      parses.put(path, new FutureTask<>(() ->
          Checker.parse(new SourceFile(path, ModuleLoader.readBundled(path)))));
    }
    Thread thread = new Thread(() -> checkAll(drivers, options, modules, parses),
        "chaos-stdlib");
    thread.setDaemon(true);
    thread.start();
    return new PrecheckedStdlib(Map.copyOf(modules), Collections.unmodifiableMap(parses));
  }

  private static void checkAll(Supplier<DriverRegistry> drivers, CheckOptions options,
      Map<String, CompletableFuture<CheckedProgram>> modules,
      Map<String, FutureTask<Checker.Parsed>> parses) {
    try {
      Diagnostics sink = new Diagnostics();
      Checker checker = Checker.withParser(drivers, options, file -> parsed(parses, file));
      for (Map.Entry<String, CompletableFuture<CheckedProgram>> module : modules.entrySet()) {
        CheckedProgram checked = checker.checkBundled(module.getKey(), sink);
        if (!sink.sorted().isEmpty()) {
          break;
        }
        module.getValue().complete(checked);
      }
    } catch (RuntimeException | Error e) {
      // a checker that fails here fails again, and is reported, where it is used
    } finally {
      modules.values().forEach(future -> future.complete(null));
    }
  }

  /** The shared parse of a bundled module (made here if no thread has started it). */
  private static Checker.Parsed parsed(Map<String, FutureTask<Checker.Parsed>> parses,
      SourceFile file) {
    FutureTask<Checker.Parsed> parse = parses.get(file.path());
    if (parse == null) {
      return Checker.parse(file);
    }
    parse.run();
    try {
      return parse.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while " + file.path() + " was parsed", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot parse " + file.path(), e.getCause());
    }
  }

  /**
   * The checked module bundled at {@code path} (`stdlib/slo.chaos`), waiting for its check to
   * end; null when there is none to share, and the caller must load it itself. While it
   * waits, the caller parses the modules whose parse no thread has started: the stdlib's
   * thread checks them one after the other, and would otherwise parse each in turn.
   */
  CheckedProgram module(String path) {
    CompletableFuture<CheckedProgram> module = modules.get(path);
    if (module == null) {
      return null;
    }
    for (FutureTask<Checker.Parsed> parse : parses.values()) {
      if (module.isDone()) {
        break;
      }
      parse.run(); // returns at once when another thread has run it or runs it
    }
    return module.join();
  }
}
