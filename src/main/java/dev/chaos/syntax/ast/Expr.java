package dev.chaos.syntax.ast;

import dev.chaos.source.Span;
import java.util.List;

/** An expression. Literal units are already decoded; the span keeps the text as written. */
public sealed interface Expr
    permits Expr.Name, Expr.Member, Expr.Call, Expr.Index, Expr.Unary, Expr.Binary, Expr.IntLit,
        Expr.FloatLit, Expr.BoolLit, Expr.DurationLit, Expr.PercentLit, Expr.TimeOfDayLit,
        Expr.Str, Expr.ListLit, Expr.RecordLit, Expr.Paren, Expr.Error {
  Span span();

  Kind kind();

  enum Kind {
    NAME, MEMBER, CALL, INDEX, UNARY, BINARY, INT, FLOAT, BOOL, DURATION, PERCENT, TIME_OF_DAY,
    STR, LIST, RECORD, PAREN, ERROR
  }

  record Name(Span span, String name) implements Expr {
    public Kind kind() {
      return Kind.NAME;
    }
  }

  /** `target.name`: a module or driver member, or a record field. */
  record Member(Span span, Expr target, Ident name) implements Expr {
    public Kind kind() {
      return Kind.MEMBER;
    }
  }

  record Call(Span span, Expr callee, List<Arg> args) implements Expr {
    public Call {
      args = List.copyOf(args);
    }

    public Kind kind() {
      return Kind.CALL;
    }
  }

  record Index(Span span, Expr target, Expr index) implements Expr {
    public Kind kind() {
      return Kind.INDEX;
    }
  }

  enum UnaryOp { NEG, NOT }

  record Unary(Span span, UnaryOp op, Expr operand) implements Expr {
    public Kind kind() {
      return Kind.UNARY;
    }
  }

  enum BinaryOp {
    OR("or"), AND("and"), EQ("=="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">="),
    ADD("+"), SUB("-"), MUL("*"), DIV("/");

    private final String symbol;

    BinaryOp(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }

    public boolean isComparison() {
      return this == EQ || this == NE || this == LT || this == LE || this == GT || this == GE;
    }

    public boolean isOrdering() {
      return this == LT || this == LE || this == GT || this == GE;
    }
  }

  /** {@code opSpan} covers the operator alone, for tight diagnostics. */
  record Binary(Span span, BinaryOp op, Span opSpan, Expr left, Expr right) implements Expr {
    public Kind kind() {
      return Kind.BINARY;
    }
  }

  record IntLit(Span span, long value) implements Expr {
    public Kind kind() {
      return Kind.INT;
    }
  }

  record FloatLit(Span span, double value) implements Expr {
    public Kind kind() {
      return Kind.FLOAT;
    }
  }

  record BoolLit(Span span, boolean value) implements Expr {
    public Kind kind() {
      return Kind.BOOL;
    }
  }

  /** `500ms`, `1m30s`: decoded to nanoseconds. */
  record DurationLit(Span span, java.time.Duration value) implements Expr {
    public Kind kind() {
      return Kind.DURATION;
    }
  }

  /** `30%`: {@code percent} is 30.0. */
  record PercentLit(Span span, double percent) implements Expr {
    public Kind kind() {
      return Kind.PERCENT;
    }
  }

  record TimeOfDayLit(Span span, int hour, int minute) implements Expr {
    public Kind kind() {
      return Kind.TIME_OF_DAY;
    }
  }

  /**
   * A string or a `"""` text block, already split into literal text and `${...}` parts; escapes
   * and text-block indentation are already processed.
   */
  record Str(Span span, List<StrPart> parts, boolean textBlock) implements Expr {
    public Str {
      parts = List.copyOf(parts);
    }

    public Kind kind() {
      return Kind.STR;
    }

    /** The text when the string has no interpolation, else null. */
    public String constant() {
      StringBuilder sb = new StringBuilder();
      for (StrPart p : parts) {
        if (!(p instanceof StrPart.Text t)) {
          return null;
        }
        sb.append(t.text());
      }
      return sb.toString();
    }
  }

  sealed interface StrPart permits StrPart.Text, StrPart.Interp {
    Span span();

    record Text(Span span, String text) implements StrPart {}

    record Interp(Span span, Expr expr) implements StrPart {}
  }

  record ListLit(Span span, List<Expr> elements) implements Expr {
    public ListLit {
      elements = List.copyOf(elements);
    }

    public Kind kind() {
      return Kind.LIST;
    }
  }

  record Field(Span span, Ident key, Expr value) {}

  record RecordLit(Span span, List<Field> fields) implements Expr {
    public RecordLit {
      fields = List.copyOf(fields);
    }

    public Kind kind() {
      return Kind.RECORD;
    }
  }

  /** `( expr )`, kept so diagnostics can show what was written. */
  record Paren(Span span, Expr inner) implements Expr {
    public Kind kind() {
      return Kind.PAREN;
    }
  }

  /** Stands for input the parser already reported; the checker gives it the error type silently. */
  record Error(Span span) implements Expr {
    public Kind kind() {
      return Kind.ERROR;
    }
  }
}
