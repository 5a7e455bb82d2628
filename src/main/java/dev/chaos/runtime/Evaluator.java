package dev.chaos.runtime;

import dev.chaos.check.Ref;
import dev.chaos.syntax.ast.Decl;
import dev.chaos.syntax.ast.Expr;
import dev.chaos.types.Arithmetic;
import dev.chaos.types.Value;
import dev.chaos.types.ValueException;
import dev.chaos.types.Values;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Expressions, over the checker's side tables: names resolve through {@code refOf}, calls through
 * {@code callOf}. The checker has refused every ill-typed program, so what fails here is what only
 * a run can tell (a driver error, a value fault), and it fails as a {@link RunFault} at the node.
 */
final class Evaluator {
  private final Interpreter interpreter;
  private final Calls calls;

  Evaluator(Interpreter interpreter) {
    this.interpreter = interpreter;
    this.calls = new Calls(interpreter);
  }

  /** A condition's outcome and what it saw, as the report shows it: `0.4% < 5%`. */
  record Check(boolean holds, String detail) {}

  Value eval(Expr e, Frame f) throws InterruptedException {
    try {
      return compute(e, f);
    } catch (ValueException fault) {
      throw new RunFault(e.span(), fault.getMessage(), fault);
    }
  }

  /**
   * A `Bool` condition. A comparison keeps both sides, so that a failed `expect` can say what it
   * saw and not only what it wanted.
   */
  Check check(Expr condition, Frame f) throws InterruptedException {
    Expr e = unwrap(condition);
    if (e instanceof Expr.Binary b && b.op().isComparison()) {
      Value left = eval(b.left(), f);
      Value right = eval(b.right(), f);
      boolean holds = compare(b, left, right);
      return new Check(holds, left.display() + " " + b.op().symbol() + " " + right.display());
    }
    boolean holds = bool(condition, f);
    return new Check(holds, holds ? "true" : "false");
  }

  boolean bool(Expr e, Frame f) throws InterruptedException {
    Value v = eval(e, f);
    if (v instanceof Value.Bool b) {
      return b.value();
    }
    throw new RunFault(e.span(), "expected a Bool, got " + v.kind().typeName());
  }

  String text(Expr e, Frame f) throws InterruptedException {
    Value v = eval(e, f);
    return v.display();
  }

  private Value compute(Expr e, Frame f) throws InterruptedException {
    switch (e.kind()) {
      case NAME:
        return name((Expr.Name) e, f);
      case MEMBER:
        return member((Expr.Member) e, f);
      case CALL:
        return calls.call((Expr.Call) e, f, this);
      case INDEX: {
        Expr.Index ix = (Expr.Index) e;
        Value target = eval(ix.target(), f);
        return Values.index(target, eval(ix.index(), f));
      }
      case UNARY:
        return unary((Expr.Unary) e, f);
      case BINARY:
        return binary((Expr.Binary) e, f);
      case INT:
        return Value.integer(((Expr.IntLit) e).value());
      case FLOAT:
        return Value.number(((Expr.FloatLit) e).value());
      case BOOL:
        return Value.bool(((Expr.BoolLit) e).value());
      case DURATION:
        return Value.duration(((Expr.DurationLit) e).value());
      case PERCENT:
        return Value.percent(((Expr.PercentLit) e).percent());
      case TIME_OF_DAY: {
        Expr.TimeOfDayLit t = (Expr.TimeOfDayLit) e;
        return new Value.TimeOfDay(LocalTime.of(t.hour(), t.minute()));
      }
      case STR:
        return string((Expr.Str) e, f);
      case LIST: {
        List<Value> items = new ArrayList<>();
        for (Expr item : ((Expr.ListLit) e).elements()) {
          items.add(eval(item, f));
        }
        return Value.list(items);
      }
      case RECORD: {
        Map<String, Value> fields = new LinkedHashMap<>();
        for (Expr.Field field : ((Expr.RecordLit) e).fields()) {
          fields.put(field.key().name(), eval(field.value(), f));
        }
        return new Value.Rec("", fields);
      }
      case PAREN:
        return eval(((Expr.Paren) e).inner(), f);
      case ERROR:
        throw new RunFault(e.span(), "this expression did not parse");
      default:
        throw new IllegalStateException("unhandled expression " + e.kind());
    }
  }

  private Value name(Expr.Name n, Frame f) throws InterruptedException {
    Ref ref = f.program().refOf(n);
    if (ref instanceof Ref.Local local) {
      return bound(f, local.declaration(), n);
    }
    if (ref instanceof Ref.Implicit implicit) {
      return bound(f, implicit.name().equals("abort") ? Environment.ABORT : Environment.RUNBOOK, n);
    }
    if (ref instanceof Ref.Global global && global.decl() instanceof Decl.Let let) {
      return interpreter.globals().value(global.owner(), let, f.site());
    }
    throw new RunFault(n.span(), "`" + n.name() + "` was not resolved by the checker");
  }

  private static Value bound(Frame f, Object declaration, Expr.Name n) {
    Value v = f.env().lookup(declaration);
    if (v == null) {
      throw new RunFault(n.span(), "`" + n.name() + "` has no value here: the statement that "
          + "sets it did not run");
    }
    return v;
  }

  private Value member(Expr.Member m, Frame f) throws InterruptedException {
    Ref ref = f.program().refOf(m);
    if (ref instanceof Ref.Global global && global.decl() instanceof Decl.Let let) {
      return interpreter.globals().value(global.owner(), let, f.site());
    }
    if (ref instanceof Ref.Field field) {
      Value target = eval(m.target(), f);
      if (target instanceof Value.Rec rec) {
        return rec.field(field.name());
      }
      if (target instanceof Value.Json) {
        return Values.index(target, Value.str(field.name()));
      }
      throw new RunFault(m.name().span(), "a " + target.kind().typeName() + " has no field `"
          + field.name() + "`");
    }
    throw new RunFault(m.span(), "`" + m.span().text() + "` was not resolved by the checker");
  }

  private Value unary(Expr.Unary u, Frame f) throws InterruptedException {
    if (u.op() == Expr.UnaryOp.NOT) {
      return Value.bool(!bool(u.operand(), f));
    }
    return Arithmetic.negate(eval(u.operand(), f));
  }

  private Value binary(Expr.Binary b, Frame f) throws InterruptedException {
    switch (b.op()) {
      case AND:
        return Value.bool(bool(b.left(), f) && bool(b.right(), f));
      case OR:
        return Value.bool(bool(b.left(), f) || bool(b.right(), f));
      default:
        break;
    }
    Value left = eval(b.left(), f);
    Value right = eval(b.right(), f);
    if (b.op().isComparison()) {
      return Value.bool(compare(b, left, right));
    }
    try {
      switch (b.op()) {
        case ADD:
          return Arithmetic.add(left, right);
        case SUB:
          return Arithmetic.subtract(left, right);
        case MUL:
          return Arithmetic.multiply(left, right);
        case DIV:
          return Arithmetic.divide(left, right);
        default:
          throw new IllegalStateException("unhandled operator " + b.op());
      }
    } catch (ValueException fault) {
      throw new RunFault(b.opSpan(), fault.getMessage(), fault);
    }
  }

  private static boolean compare(Expr.Binary b, Value left, Value right) {
    try {
      switch (b.op()) {
        case EQ:
          return Values.equal(left, right);
        case NE:
          return !Values.equal(left, right);
        case LT:
          return Values.compare(left, right) < 0;
        case LE:
          return Values.compare(left, right) <= 0;
        case GT:
          return Values.compare(left, right) > 0;
        case GE:
          return Values.compare(left, right) >= 0;
        default:
          throw new IllegalStateException("not a comparison: " + b.op());
      }
    } catch (ValueException fault) {
      throw new RunFault(b.opSpan(), fault.getMessage(), fault);
    }
  }

  /** Interpolation writes each value as a report shows it; a Secret only ever shows `***`. */
  private Value string(Expr.Str s, Frame f) throws InterruptedException {
    StringBuilder out = new StringBuilder();
    for (Expr.StrPart part : s.parts()) {
      if (part instanceof Expr.StrPart.Text t) {
        out.append(t.text());
      } else {
        out.append(eval(((Expr.StrPart.Interp) part).expr(), f).display());
      }
    }
    return Value.str(out.toString());
  }

  static Expr unwrap(Expr e) {
    while (e instanceof Expr.Paren p) {
      e = p.inner();
    }
    return e;
  }
}
