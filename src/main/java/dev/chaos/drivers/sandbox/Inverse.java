package dev.chaos.drivers.sandbox;

import dev.chaos.spi.CallContext;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The automatic inverse of one mutating call, registered before the call's side effect as the
 * interpreter requires, and acting only once the side effect has happened: a call that failed
 * leaves nothing to undo, and its undo is then a no-op instead of a second failure.
 *
 * @param <T> what the undo needs from the call (the objects it applied, the connections it
 *     opened, the value it replaced)
 */
final class Inverse<T> {
  /** The undo of a call, given what {@link #done} recorded. */
  @FunctionalInterface
  interface Action<T> {
    void undo(T effect, CallContext context) throws Exception;
  }

  private final AtomicReference<T> effect = new AtomicReference<>();

  private Inverse() {}

  static <T> Inverse<T> register(CallContext context, String description, Action<T> action) {
    Inverse<T> inverse = new Inverse<>();
    context.registerUndo(description, undoContext -> {
      T done = inverse.effect.get();
      if (done != null) {
        action.undo(done, undoContext);
      }
    });
    return inverse;
  }

  /** Records that the side effect happened; returns {@code effect} for chaining. */
  T done(T effect) {
    this.effect.set(effect);
    return effect;
  }
}
