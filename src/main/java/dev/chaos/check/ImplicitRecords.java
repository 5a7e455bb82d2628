package dev.chaos.check;

import dev.chaos.types.Type;
import dev.chaos.types.Value;

/**
 * The records the language itself binds: `runbook` everywhere in a runbook, `abort` inside
 * `on abort`. The checker declares their types; the interpreter builds their values with the
 * constructors here, so a field renamed in the type cannot drift from the value.
 */
public final class ImplicitRecords {
  private ImplicitRecords() {}

  public static final Type.Rec RUNBOOK = Type.record("Runbook",
      "name", Type.STRING, "environment", Type.STRING, "title", Type.STRING);

  /** The `runbook` value; an absent environment is "". */
  public static Value.Rec runbook(String name, String environment, String title) {
    return RUNBOOK.value(Value.str(name), Value.str(environment), Value.str(title));
  }

  public static final Type.Rec ABORT = Type.record("Abort",
      "reason", Type.STRING, "phase", Type.STRING);

  /** The `abort` value: why the run stopped and in which phase. */
  public static Value.Rec abort(String reason, String phase) {
    return ABORT.value(Value.str(reason), Value.str(phase));
  }
}
