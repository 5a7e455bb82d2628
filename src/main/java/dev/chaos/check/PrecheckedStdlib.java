package dev.chaos.check;

import dev.chaos.diag.Diagnostics;
import dev.chaos.spi.DriverRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

/**
 * The bundled stdlib modules, parsed and checked once, on a thread of their own, from the
 * moment a check starts: for a one-file check they are about as much work as the file itself
 * (docs/performance.md), and they can be done while the file is read and parsed. A checked
 * module is read-only once its check is over, so every checker of a run shares the same ones.
 *
 * <p>Only a stdlib whose check reports nothing is shared. If it reports anything (a lint that
 * `--strict` adds, say), no module is handed out and every checker loads the modules itself,
 * as it would without this class, so that what is reported, and with which file, is the same.
 */
public final class PrecheckedStdlib {
  /** The modules bundled in the jar; {@code PrecheckedStdlibTest} holds it to `stdlib/`. */
  static final List<String> BUNDLED = List.of("stdlib/checklist.chaos",
      "stdlib/experiments.chaos", "stdlib/impact.chaos", "stdlib/recovery.chaos",
      "stdlib/signals.chaos", "stdlib/slo.chaos");

  private final FutureTask<Map<String, CheckedProgram>> task;

  private PrecheckedStdlib(FutureTask<Map<String, CheckedProgram>> task) {
    this.task = task;
  }

  /** Starts checking the bundled modules as {@code options} say, with the drivers supplied. */
  public static PrecheckedStdlib start(Supplier<DriverRegistry> drivers, CheckOptions options) {
    return start(drivers, options, BUNDLED);
  }

  /** As above, for the bundled resources at {@code paths} (tests use a broken one). */
  static PrecheckedStdlib start(Supplier<DriverRegistry> drivers, CheckOptions options,
      List<String> paths) {
    FutureTask<Map<String, CheckedProgram>> task =
        new FutureTask<>(() -> checkAll(drivers, options, paths));
    Thread thread = new Thread(task, "chaos-stdlib");
    thread.setDaemon(true);
    thread.start();
    return new PrecheckedStdlib(task);
  }

  private static Map<String, CheckedProgram> checkAll(Supplier<DriverRegistry> drivers,
      CheckOptions options, List<String> paths) {
    Diagnostics sink = new Diagnostics();
    Map<String, CheckedProgram> modules = new HashMap<>();
    Checker checker = new Checker(drivers, options);
    for (String path : paths) {
      CheckedProgram module = checker.checkBundled(path, sink);
      if (module != null) {
        modules.put(path, module);
      }
    }
    return sink.sorted().isEmpty() ? Map.copyOf(modules) : Map.of();
  }

  /**
   * The checked module bundled at {@code path} (`stdlib/slo.chaos`), waiting for the check to
   * end; null when there is none to share, and the caller must load it itself.
   */
  CheckedProgram module(String path) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return task.get().get(path);
        } catch (InterruptedException e) {
          interrupted = true; // the module is needed all the same; the flag is kept
        }
      }
    } catch (ExecutionException e) {
      return null; // a checker that fails here fails again, and is reported, where it is used
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
