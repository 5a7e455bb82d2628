package dev.chaos.syntax.ast;

import dev.chaos.source.Span;

/** A header attribute or a section of a runbook, in source order. */
public sealed interface Member
    permits Member.Attribute, Member.Window, Member.Schedule, Member.Let, Member.Precondition, Member.Observe,
        Member.Guard, Member.Step, Member.Verify, Member.Rollback, Member.Recovery, Member.OnAbort {
  Span span();

  Kind kind();

  enum Kind {
    ATTRIBUTE, WINDOW, SCHEDULE, LET, PRECONDITION, OBSERVE, GUARD, STEP, VERIFY, ROLLBACK, RECOVERY, ON_ABORT
  }

  /**
   * `title "..."`, `objective`, `environment staging` (value is an {@link Expr.Name}),
   * `blast_radius`, `max_duration`, `owner`, `tags`, `lock`.
   */
  record Attribute(Span span, Ident key, Expr value) implements Member {
    public Kind kind() {
      return Kind.ATTRIBUTE;
    }
  }

  /** `window 02:00 to 06:00 zone "UTC"`; {@code zone} may be null (UTC). */
  record Window(Span span, Expr from, Expr to, Expr zone) implements Member {
    public Kind kind() {
      return Kind.WINDOW;
    }
  }

  /**
   * `schedule "0 3 * * MON-FRI" zone "Europe/Paris"`: the cron line a CronJob of `chaos deploy`
   * runs the runbook at; {@code zone} is null when absent (the window's zone, else UTC).
   */
  record Schedule(Span span, Expr cron, Expr zone) implements Member {
    public Kind kind() {
      return Kind.SCHEDULE;
    }
  }

  /** A runbook-level `let`, evaluated once before the preconditions. */
  record Let(Span span, Ident name, Expr value) implements Member {
    public Kind kind() {
      return Kind.LET;
    }
  }

  record Precondition(Span span, Label name, Block body) implements Member {
    public Kind kind() {
      return Kind.PRECONDITION;
    }
  }

  /** `observe NAME = expr every DURATION`. */
  record Observe(Span span, Ident name, Expr value, Expr every) implements Member {
    public Kind kind() {
      return Kind.OBSERVE;
    }
  }

  /**
   * `guard "name" every DURATION [extend DURATION] { ... }`; {@code extend} (null when absent)
   * is how much longer the run observes after a warning of this guard.
   */
  record Guard(Span span, Label name, Expr every, Expr extend, Block body) implements Member {
    public Kind kind() {
      return Kind.GUARD;
    }
  }

  /**
   * `step "name" [timeout D] [retry N] [irreversible] { ... } [undo { ... }]`; absent options
   * are null, {@code undo} is null when the step has none.
   */
  record Step(Span span, Label name, Expr timeout, Expr retry, boolean irreversible, Block body,
      Block undo) implements Member {
    public Kind kind() {
      return Kind.STEP;
    }
  }

  /** `verify "name" [throughout] { ... }`. */
  record Verify(Span span, Label name, boolean throughout, Block body) implements Member {
    public Kind kind() {
      return Kind.VERIFY;
    }
  }

  record Rollback(Span span, Block body) implements Member {
    public Kind kind() {
      return Kind.ROLLBACK;
    }
  }

  /** `recovery within D [every D] { ... }`; {@code every} may be null. */
  record Recovery(Span span, Expr within, Expr every, Block body) implements Member {
    public Kind kind() {
      return Kind.RECOVERY;
    }
  }

  record OnAbort(Span span, Block body) implements Member {
    public Kind kind() {
      return Kind.ON_ABORT;
    }
  }
}
