package dev.chaos.runtime;

/**
 * The part of a runbook that code runs in. It decides what the interpreter does around the code:
 * whether undos are collected, whether calls are journaled one by one (sampled sections are
 * journaled as samples instead), and how a failure is told.
 */
enum Section {
  HEADER("header", false),
  LET("let", false),
  PRECONDITION("precondition", false),
  OBSERVE("observe", true),
  GUARD("guard", true),
  STEP("step", false),
  UNDO("undo", false),
  VERIFY("verify", false),
  VERIFY_THROUGHOUT("verify", true),
  ROLLBACK("rollback", false),
  RECOVERY("recovery", true),
  ON_ABORT("on abort", false),
  /** The run's own notifications: guard warnings and escalation. */
  NOTIFY("notify", false);

  private final String label;
  private final boolean sampled;

  Section(String label, boolean sampled) {
    this.label = label;
    this.sampled = sampled;
  }

  /** How the journal and the console name it: `step`, `on abort`. */
  String label() {
    return label;
  }

  /** Evaluated again and again on an interval; its calls are not journaled one by one. */
  boolean sampled() {
    return sampled;
  }
}
