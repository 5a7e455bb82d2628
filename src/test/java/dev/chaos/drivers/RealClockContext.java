package dev.chaos.drivers;

import dev.chaos.spi.CallArgs;
import dev.chaos.spi.CallContext;
import dev.chaos.spi.Clock;
import dev.chaos.spi.Preview;
import dev.chaos.spi.RunFacts;
import dev.chaos.spi.SystemClock;
import dev.chaos.spi.Undo;
import dev.chaos.types.Value;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A live driver call as `chaos exec` makes it: on the real clock, with a deadline {@code budget}
 * from now; it keeps the undos (and their descriptions) and the log lines the call registers.
 */
public class RealClockContext implements CallContext {
  private final Clock clock = new SystemClock();
  private final Instant deadline;
  private final boolean dryRun;
  public final List<String> undoDescriptions;
  public final List<Undo> undos;
  public final List<String> log;
  public final List<Preview> previews = new ArrayList<>();
  /** The recipe of each registered undo, as last completed (null: none given). */
  public final List<dev.chaos.spi.UndoRecipe> recipes = new ArrayList<>();

  public RealClockContext(Duration budget, boolean dryRun) {
    this(budget, dryRun, new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
  }

  /** A context whose registrations go to lists that outlive it. */
  public RealClockContext(Duration budget, boolean dryRun, List<String> undoDescriptions,
      List<Undo> undos, List<String> log) {
    this.deadline = clock.now().plus(budget);
    this.dryRun = dryRun;
    this.undoDescriptions = undoDescriptions;
    this.undos = undos;
    this.log = log;
  }

  /** Named arguments from name, value pairs. */
  public static CallArgs named(Object... namesAndValues) {
    Map<String, Value> args = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      args.put((String) namesAndValues[i], (Value) namesAndValues[i + 1]);
    }
    return new CallArgs(args, List.of());
  }

  @Override
  public Clock clock() {
    return clock;
  }

  @Override
  public Instant deadline() {
    return deadline;
  }

  @Override
  public RunFacts run() {
    return new RunFacts("test-runbook", "dev", null, dryRun);
  }

  @Override
  public void registerUndo(String description, Undo undo) {
    registerUndo(description, null, undo);
  }

  @Override
  public void registerUndo(String description, dev.chaos.spi.UndoRecipe recipe, Undo undo) {
    undoDescriptions.add(description);
    undos.add(undo);
    recipes.add(recipe);
  }

  @Override
  public void updateUndo(dev.chaos.spi.UndoRecipe recipe) {
    recipes.set(recipes.size() - 1, recipe);
  }

  /** Keeps a dry run's preview, and logs it as a context that keeps none does. */
  @Override
  public void preview(Preview preview) {
    previews.add(preview);
    CallContext.super.preview(preview);
  }

  @Override
  public void log(String line) {
    log.add(line);
  }
}
