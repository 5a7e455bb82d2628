package dev.chaos.runtime;

import dev.chaos.source.Span;
import dev.chaos.spi.Undo;

/** Where a driver's automatic inverse goes when a mutating call registers it. */
@FunctionalInterface
interface UndoSink {
  /** {@code call} is the builtin registering it, {@code at} the call in the source. */
  void register(String call, Span at, String description, Undo undo);
}
