package dev.chaos.runtime;

import dev.chaos.source.Span;
import dev.chaos.spi.Undo;
import dev.chaos.spi.UndoRecipe;
import java.util.Map;

/** Where a driver's automatic inverse goes when a mutating call registers it. */
@FunctionalInterface
interface UndoSink {
  /**
   * {@code call} is the builtin registering it, {@code args} its arguments as the journal shows
   * them, {@code at} the call in the source, {@code recipe} the inverse as values (null when
   * the driver gives none). Returns the undo's id in the run.
   */
  int register(String call, Map<String, Object> args, Span at, String description,
      UndoRecipe recipe, Undo undo);
}
