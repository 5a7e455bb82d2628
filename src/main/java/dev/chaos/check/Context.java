package dev.chaos.check;

/**
 * Where code runs, which decides what it may do: change the world, wait, record report figures.
 * Read-only places are what make `--dry-run` sound (contract section 4).
 */
enum Context {
  TOP_LET("a top-level `let`", false, false, false),
  PARAM_DEFAULT("a parameter default", false, false, false),
  FN("a fn", false, false, false),
  ACTION("an action", true, true, true),
  HEADER("a header attribute", false, false, false),
  RUNBOOK_LET("a runbook-level `let`", false, false, false),
  PRECONDITION("a precondition", false, false, true),
  OBSERVE("an observe", false, false, false),
  GUARD("a guard", false, false, false),
  STEP("a step", true, true, true),
  UNDO("an undo block", true, true, true),
  VERIFY("a verify", false, false, true),
  VERIFY_THROUGHOUT("a `throughout` verify", false, false, false),
  ROLLBACK("a rollback", true, true, true),
  RECOVERY("a recovery", false, false, false),
  ON_ABORT("an `on abort` block", true, true, true);

  private final String description;
  private final boolean mayMutate;
  private final boolean mayWait;
  private final boolean mayRecord;

  /**
   * Waiting belongs where the world is being changed; report figures are recorded where code
   * runs once (sampled sections would overwrite them on every tick).
   */
  Context(String description, boolean mayMutate, boolean mayWait, boolean mayRecord) {
    this.description = description;
    this.mayMutate = mayMutate;
    this.mayWait = mayWait;
    this.mayRecord = mayRecord;
  }

  /** "a guard", for messages: "cannot be called in a guard". */
  String description() {
    return description;
  }

  boolean mayMutate() {
    return mayMutate;
  }

  boolean mayWait() {
    return mayWait;
  }

  boolean mayRecord() {
    return mayRecord;
  }
}
