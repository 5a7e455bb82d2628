package dev.chaos.cli;

import dev.chaos.spi.DriverRegistry;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

/**
 * The driver tables, loaded on a thread of their own from the moment a check starts, while
 * the first file is parsed: finding them (ServiceLoader over the jar) and building them is a
 * good part of a one-file check's start-up (docs/performance.md). Every caller gets the same
 * registry, or the same failure.
 */
final class DriversInBackground implements Supplier<DriverRegistry> {
  private final FutureTask<DriverRegistry> task;

  private DriversInBackground(Supplier<DriverRegistry> loader) {
    task = new FutureTask<>(loader::get);
  }

  /** The drivers on the class path. */
  static DriversInBackground start() {
    return start(DriverRegistry::load);
  }

  static DriversInBackground start(Supplier<DriverRegistry> loader) {
    DriversInBackground drivers = new DriversInBackground(loader);
    Thread thread = new Thread(drivers.task, "chaos-drivers");
    thread.setDaemon(true);
    thread.start();
    return drivers;
  }

  @Override
  public DriverRegistry get() {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return task.get();
        } catch (InterruptedException e) {
          interrupted = true; // the tables are needed all the same; the flag is kept
        }
      }
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(e.getCause());
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
