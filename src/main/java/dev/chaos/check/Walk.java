package dev.chaos.check;

import dev.chaos.syntax.ast.Arg;
import dev.chaos.syntax.ast.Block;
import dev.chaos.syntax.ast.Expr;
import dev.chaos.syntax.ast.Member;
import dev.chaos.syntax.ast.Stmt;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Visits every expression under a block or an expression, outermost first. */
final class Walk {
  private Walk() {}

  /** Every call under the block, in source order. */
  static List<Expr.Call> calls(Block block) {
    List<Expr.Call> out = new ArrayList<>();
    block(block, e -> {
      if (e instanceof Expr.Call c) {
        out.add(c);
      }
    });
    return out;
  }

  static List<Expr.Call> calls(Expr expr) {
    List<Expr.Call> out = new ArrayList<>();
    expr(expr, e -> {
      if (e instanceof Expr.Call c) {
        out.add(c);
      }
    });
    return out;
  }

  /** Every block and expression a member holds (a step's body and its undo alike). */
  static void member(Member m, Consumer<Expr> visit) {
    for (RecordComponent c : m.getClass().getRecordComponents()) {
      Object part;
      try {
        part = c.getAccessor().invoke(m);
      } catch (IllegalAccessException | InvocationTargetException e) {
        throw new IllegalStateException("cannot read " + c, e);
      }
      if (part instanceof Block b) {
        block(b, visit);
      } else if (part instanceof Expr e) {
        expr(e, visit);
      }
    }
  }

  static void block(Block block, Consumer<Expr> visit) {
    for (Stmt s : block.statements()) {
      stmt(s, visit);
    }
  }

  private static void stmt(Stmt s, Consumer<Expr> visit) {
    switch (s.kind()) {
      case LET -> expr(((Stmt.Let) s).value(), visit);
      case EXPECT -> {
        expr(((Stmt.Expect) s).condition(), visit);
        exprIfPresent(((Stmt.Expect) s).message(), visit);
      }
      case WAIT -> expr(((Stmt.Wait) s).duration(), visit);
      case WAIT_UNTIL -> {
        Stmt.WaitUntil w = (Stmt.WaitUntil) s;
        expr(w.condition(), visit);
        exprIfPresent(w.every(), visit);
        exprIfPresent(w.within(), visit);
      }
      case EXPR -> expr(((Stmt.ExprStmt) s).expr(), visit);
      case IF -> {
        Stmt.If i = (Stmt.If) s;
        for (Stmt.Branch b : i.branches()) {
          expr(b.condition(), visit);
          block(b.body(), visit);
        }
        if (i.orElse() != null) {
          block(i.orElse(), visit);
        }
      }
      case FOR -> {
        expr(((Stmt.For) s).iterable(), visit);
        block(((Stmt.For) s).body(), visit);
      }
      case RECORD -> expr(((Stmt.Record) s).value(), visit);
      case LOG -> expr(((Stmt.Log) s).message(), visit);
      case FAIL -> expr(((Stmt.Fail) s).message(), visit);
      case LEVEL -> expr(((Stmt.Level) s).condition(), visit);
      default -> throw new IllegalStateException("unhandled statement " + s.kind());
    }
  }

  private static void exprIfPresent(Expr e, Consumer<Expr> visit) {
    if (e != null) {
      expr(e, visit);
    }
  }

  static void expr(Expr e, Consumer<Expr> visit) {
    visit.accept(e);
    switch (e.kind()) {
      case MEMBER -> expr(((Expr.Member) e).target(), visit);
      case CALL -> {
        expr(((Expr.Call) e).callee(), visit);
        for (Arg a : ((Expr.Call) e).args()) {
          expr(a.value(), visit);
        }
      }
      case INDEX -> {
        expr(((Expr.Index) e).target(), visit);
        expr(((Expr.Index) e).index(), visit);
      }
      case UNARY -> expr(((Expr.Unary) e).operand(), visit);
      case BINARY -> {
        expr(((Expr.Binary) e).left(), visit);
        expr(((Expr.Binary) e).right(), visit);
      }
      case STR -> {
        for (Expr.StrPart p : ((Expr.Str) e).parts()) {
          if (p instanceof Expr.StrPart.Interp i) {
            expr(i.expr(), visit);
          }
        }
      }
      case LIST -> ((Expr.ListLit) e).elements().forEach(x -> expr(x, visit));
      case RECORD -> ((Expr.RecordLit) e).fields().forEach(f -> expr(f.value(), visit));
      case PAREN -> expr(((Expr.Paren) e).inner(), visit);
      default -> { }
    }
  }
}
