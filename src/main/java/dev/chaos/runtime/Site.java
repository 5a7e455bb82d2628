package dev.chaos.runtime;

import java.time.Instant;

/**
 * Where a piece of code runs: its section and name (`step "kill pods"`), the deadline every
 * driver call must keep, where automatic inverses go (null where mutation is not allowed or
 * inverses are not undone, as in undo blocks themselves), and whether mutations are only shown
 * (`--dry-run`). A probe's site also keeps what its last `expect` saw, for the console and the
 * journal.
 */
final class Site {
  private final Section section;
  private final String name;
  private final Instant deadline;
  private final UndoSink undo;
  private final boolean dryRun;
  private volatile String lastCheck;
  private volatile String warning;

  Site(Section section, String name, Instant deadline, UndoSink undo, boolean dryRun) {
    this.section = section;
    this.name = name;
    this.deadline = deadline;
    this.undo = undo;
    this.dryRun = dryRun;
  }

  Section section() {
    return section;
  }

  /** The section's name (a step's, a guard's), empty for unnamed sections. */
  String name() {
    return name;
  }

  /** `step "kill pods"`, `rollback`. */
  String describe() {
    return name.isEmpty() ? section.label() : section.label() + " \"" + name + "\"";
  }

  Instant deadline() {
    return deadline;
  }

  UndoSink undo() {
    return undo;
  }

  boolean dryRun() {
    return dryRun;
  }

  /** What the last `expect` evaluated here saw: `0.4% < 5%`; null before any. */
  String lastCheck() {
    return lastCheck;
  }

  void noteCheck(String detail) {
    lastCheck = detail;
  }

  /** The first `warn when` that held here: what it saw; null when none did. */
  String warning() {
    return warning;
  }

  void noteWarning(String message) {
    if (warning == null) {
      warning = message;
    }
  }
}
