package dev.chaos.drivers;

import dev.chaos.spi.BuiltinImpl;
import dev.chaos.spi.CallContext;
import dev.chaos.spi.Clock;
import dev.chaos.spi.RunFacts;
import dev.chaos.spi.Undo;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * A target's own per-request timeout (`timeout:` of a config section): each call gets the
 * earlier of the run's deadline and now plus the timeout.
 */
public final class RequestTimeout {
  private RequestTimeout() {}

  /** Replaces every builtin of {@code impls} with one bounded by {@code timeout}. */
  public static void apply(Duration timeout, Map<String, BuiltinImpl> impls) {
    impls.replaceAll((name, impl) -> (args, context) -> impl.call(args, capped(context, timeout)));
  }

  private static CallContext capped(CallContext context, Duration timeout) {
    Instant deadline = ClockWait.deadline(context, timeout);
    return new CallContext() {
      @Override
      public Clock clock() {
        return context.clock();
      }

      @Override
      public Instant deadline() {
        return deadline;
      }

      @Override
      public RunFacts run() {
        return context.run();
      }

      @Override
      public void registerUndo(String description, Undo undo) {
        context.registerUndo(description, undo);
      }

      @Override
      public void registerUndo(String description, dev.chaos.spi.UndoRecipe recipe, Undo undo) {
        context.registerUndo(description, recipe, undo);
      }

      @Override
      public void updateUndo(dev.chaos.spi.UndoRecipe recipe) {
        context.updateUndo(recipe);
      }

      @Override
      public void log(String line) {
        context.log(line);
      }

      @Override
      public void affected(int count, int of, String targets) {
        context.affected(count, of, targets);
      }
    };
  }
}
