package dev.chaos.check;

import dev.chaos.diag.Diagnostics;
import dev.chaos.spi.DriverRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The bundled stdlib modules, parsed and checked once, on a thread of their own, from the
 * moment a check starts: for a one-file check they are about as much work as the file itself
 * (docs/performance.md), and they can be done while the file is read and parsed. A checked
 * module is read-only once its check is over, so every checker of a run shares the same ones.
 * Each module is handed out as soon as it is checked, so that a file waits only for those it
 * imports.
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

  private PrecheckedStdlib(Map<String, CompletableFuture<CheckedProgram>> modules) {
    this.modules = modules;
  }

  /** Starts checking the bundled modules as {@code options} say, with the drivers supplied. */
  public static PrecheckedStdlib start(Supplier<DriverRegistry> drivers, CheckOptions options) {
    return start(drivers, options, BUNDLED);
  }

  /** As above, for the bundled resources at {@code paths}, in order (tests use a broken one). */
  static PrecheckedStdlib start(Supplier<DriverRegistry> drivers, CheckOptions options,
      List<String> paths) {
    Map<String, CompletableFuture<CheckedProgram>> modules = new LinkedHashMap<>();
    paths.forEach(path -> modules.put(path, new CompletableFuture<>()));
    Thread thread = new Thread(() -> checkAll(drivers, options, modules), "chaos-stdlib");
    thread.setDaemon(true);
    thread.start();
    return new PrecheckedStdlib(Map.copyOf(modules));
  }

  private static void checkAll(Supplier<DriverRegistry> drivers, CheckOptions options,
      Map<String, CompletableFuture<CheckedProgram>> modules) {
    try {
      Diagnostics sink = new Diagnostics();
      Checker checker = new Checker(drivers, options);
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

  /**
   * The checked module bundled at {@code path} (`stdlib/slo.chaos`), waiting for its check to
   * end; null when there is none to share, and the caller must load it itself.
   */
  CheckedProgram module(String path) {
    CompletableFuture<CheckedProgram> module = modules.get(path);
    return module == null ? null : module.join();
  }
}
