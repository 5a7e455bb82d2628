package dev.chaos.syntax.ast;

import dev.chaos.source.Span;
import java.util.List;

/** A statement inside a block. */
public sealed interface Stmt
    permits Stmt.Let, Stmt.Expect, Stmt.Wait, Stmt.WaitUntil, Stmt.ExprStmt, Stmt.If, Stmt.For,
        Stmt.Record, Stmt.Log, Stmt.Fail, Stmt.Level {
  Span span();

  Kind kind();

  enum Kind { LET, EXPECT, WAIT, WAIT_UNTIL, EXPR, IF, FOR, RECORD, LOG, FAIL, LEVEL }

  record Let(Span span, Ident name, Expr value) implements Stmt {
    public Kind kind() {
      return Kind.LET;
    }
  }

  /** `expect COND [else "message"]`; {@code message} may be null. */
  record Expect(Span span, Expr condition, Expr message) implements Stmt {
    public Kind kind() {
      return Kind.EXPECT;
    }
  }

  record Wait(Span span, Expr duration) implements Stmt {
    public Kind kind() {
      return Kind.WAIT;
    }
  }

  /**
   * `wait until COND [every D] [within D]`; a missing `within` parses (null) and is a check
   * error, so the message can say what to add.
   */
  record WaitUntil(Span span, Expr condition, Expr every, Expr within) implements Stmt {
    public Kind kind() {
      return Kind.WAIT_UNTIL;
    }
  }

  /** An expression statement; only calls are allowed, which the checker enforces. */
  record ExprStmt(Span span, Expr expr) implements Stmt {
    public Kind kind() {
      return Kind.EXPR;
    }
  }

  /** `if C { } else if C { } else { }`: branches in order; {@code orElse} may be null. */
  record If(Span span, List<Branch> branches, Block orElse) implements Stmt {
    public If {
      branches = List.copyOf(branches);
    }

    public Kind kind() {
      return Kind.IF;
    }
  }

  record Branch(Span span, Expr condition, Block body) {}

  record For(Span span, Ident variable, Expr iterable, Block body) implements Stmt {
    public Kind kind() {
      return Kind.FOR;
    }
  }

  /** `record NAME = expr`: a named figure in the report. */
  record Record(Span span, Ident name, Expr value) implements Stmt {
    public Kind kind() {
      return Kind.RECORD;
    }
  }

  record Log(Span span, Expr message) implements Stmt {
    public Kind kind() {
      return Kind.LOG;
    }
  }

  record Fail(Span span, Expr message) implements Stmt {
    public Kind kind() {
      return Kind.FAIL;
    }
  }

  /** How bad a guard's condition is: `warn` degrades the run, `abort` stops it. */
  enum Severity {
    WARN, ABORT;

    public String keyword() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** `warn when COND` or `abort when COND` in a guard: {@code condition} says what is wrong. */
  record Level(Span span, Severity severity, Expr condition) implements Stmt {
    public Kind kind() {
      return Kind.LEVEL;
    }
  }
}
