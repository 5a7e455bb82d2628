package dev.chaos.spi;

import java.util.Optional;

/**
 * How a driver runs against real systems. Loaded only by a live run: its class may use client
 * libraries, the {@link Driver} that returns it may not.
 */
public interface LiveBinding {
  /** The key of its section in an environment of `chaos.yaml` (`redis`), if it reads one. */
  Optional<String> section();

  /**
   * Reads its section now, so that a mistake stops the run before anything is touched, and
   * shares what other drivers may use; connects nothing. The binder runs on the first call.
   */
  DriverBinder prepare(LiveSetup setup) throws Exception;

  /**
   * `chaos recover`: the inverse that {@code recipe} describes, rebuilt after the runner that
   * registered it died, on the connections {@code setup} gives (the same {@code setup} this
   * binding prepared with). The inverse must be idempotent: an object already gone, a key
   * already restored, is done. A driver that journals no recipes has none to rebuild.
   */
  default Undo recover(UndoRecipe recipe, LiveSetup setup) throws Exception {
    throw recipe.unknown();
  }
}
