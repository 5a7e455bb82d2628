package dev.chaos.runtime;

import dev.chaos.source.Span;
import dev.chaos.spi.CallArgs;
import dev.chaos.spi.CallContext;
import dev.chaos.spi.Clock;
import dev.chaos.spi.Preview;
import dev.chaos.spi.RunFacts;
import dev.chaos.spi.Undo;
import dev.chaos.spi.UndoRecipe;
import java.time.Instant;

/** What one builtin call is given: the clock, its deadline, the run, and where its inverse goes. */
final class DriverCall implements CallContext {
  private final Interpreter interpreter;
  private final Site site;
  private final String fn;
  private final CallArgs args;
  private final Span at;
  private final Instant deadline;
  private String affected = "";
  private volatile int registered;
  private volatile Preview preview;

  /** {@code args} are the call's arguments, for the journal (null in an undo). */
  DriverCall(Interpreter interpreter, Site site, String fn, CallArgs args, Span at,
      Instant deadline) {
    this.interpreter = interpreter;
    this.site = site;
    this.fn = fn;
    this.args = args;
    this.at = at;
    this.deadline = deadline;
  }

  @Override
  public Clock clock() {
    return interpreter.clock();
  }

  @Override
  public Instant deadline() {
    return deadline;
  }

  @Override
  public RunFacts run() {
    return interpreter.facts();
  }

  /**
   * Inverses of calls made in a step go to the step's undo list. Elsewhere (an undo block, a
   * rollback, `on abort`) nothing undoes the undo, so the registration is only journaled.
   */
  @Override
  public void registerUndo(String description, Undo undo) {
    registerUndo(description, null, undo);
  }

  @Override
  public void registerUndo(String description, UndoRecipe recipe, Undo undo) {
    UndoSink sink = site.undo();
    if (sink != null) {
      registered = sink.register(fn, args == null ? null : EventValues.args(args), at,
          description, recipe, undo);
    } else {
      interpreter.emit(new RunEvent.Log(interpreter.now(), site.section().label(), site.name(),
          "detail", null, "not undone (called in " + site.describe() + "): " + description));
    }
  }

  /** Journaled as a further recipe of the same undo; nothing when the call registered none. */
  @Override
  public void updateUndo(UndoRecipe recipe) {
    if (registered > 0) {
      interpreter.emit(new RunEvent.UndoRecipeSet(interpreter.now(), registered, recipe));
    }
  }

  @Override
  public void affected(int count, int of, String targets) {
    long percent = of == 0 ? 0 : Math.round(100.0 * count / of);
    affected = count + " of " + of + " " + targets + " (" + percent + "%)";
  }

  /** What {@link #affected} said, empty when the call did not say. */
  String affectedNote() {
    return affected;
  }

  /** Kept for the interpreter, which puts it in the plan; the first one counts. */
  @Override
  public void preview(Preview said) {
    if (preview == null) {
      preview = said;
    }
  }

  /** What the call said it would change in a dry run; null when it said nothing. */
  Preview previewed() {
    return preview;
  }

  @Override
  public void log(String line) {
    interpreter.emit(new RunEvent.Log(interpreter.now(), site.section().label(), site.name(),
        null, fn, line));
  }
}
