package dev.chaos.check;

import dev.chaos.diag.Code;
import dev.chaos.source.Span;
import dev.chaos.syntax.ast.Block;
import dev.chaos.syntax.ast.Expr;
import dev.chaos.syntax.ast.Stmt;
import dev.chaos.types.Type;
import java.util.List;

/** Statements of blocks, in the {@link Context} of the section or declaration around them. */
final class StmtChecker {
  private final FileChecker file;
  private final Reporter reporter;
  private final ExprChecker exprs;
  private final LineContinuation continuation;

  StmtChecker(FileChecker file, ExprChecker exprs) {
    this.file = file;
    this.reporter = file.reporter();
    this.exprs = exprs;
    this.continuation = new LineContinuation(reporter);
  }

  /** Checks a block in its own scope and reports its unused lets. */
  void checkBlock(Block block, Scope parent, Context ctx) {
    file.closeScope(openBlock(block, parent, ctx));
  }

  /**
   * Checks a block and leaves its scope open, so that a step's `undo` block can see the step's
   * lets; the caller closes it with {@link FileChecker#closeScope}.
   */
  Scope openBlock(Block block, Scope parent, Context ctx) {
    Scope scope = parent.child();
    List<Stmt> statements = block.statements();
    for (int i = 0; i < statements.size(); i++) {
      Stmt s = statements.get(i);
      statement(s, scope, ctx);
      if (s.kind() == Stmt.Kind.FAIL && i + 1 < statements.size()) {
        Span rest = statements.get(i + 1).span().to(statements.get(statements.size() - 1).span());
        reporter.report(Code.CH0603, rest, "unreachable statement",
            "this never runs: the `fail` on line " + s.span().startLine() + " ends the block",
            "remove it, or move it before the `fail`");
      }
    }
    return scope;
  }

  private void statement(Stmt s, Scope scope, Context ctx) {
    switch (s.kind()) {
      case LET: {
        Stmt.Let let = (Stmt.Let) s;
        Type t = value(let.value(), scope, ctx);
        file.declareLocal(scope, let.name(), t, new Ref.Local(let.name().name(), let), true);
        return;
      }
      case EXPECT: {
        Stmt.Expect e = (Stmt.Expect) s;
        condition(e.condition(), scope, ctx);
        if (e.message() != null) {
          text(e.message(), scope, ctx, "the `else` message is a `String`");
        }
        return;
      }
      case WAIT: {
        Stmt.Wait w = (Stmt.Wait) s;
        notAllowedUnless(ctx.mayWait(), s, "`wait`", ctx);
        file.duration(w.duration(), scope, ctx, "`wait` takes a `Duration`");
        return;
      }
      case WAIT_UNTIL:
        waitUntil((Stmt.WaitUntil) s, scope, ctx);
        return;
      case EXPR:
        expressionStatement((Stmt.ExprStmt) s, scope, ctx);
        return;
      case IF:
        for (Stmt.Branch b : ((Stmt.If) s).branches()) {
          condition(b.condition(), scope, ctx);
          checkBlock(b.body(), scope, ctx);
        }
        if (((Stmt.If) s).orElse() != null) {
          checkBlock(((Stmt.If) s).orElse(), scope, ctx);
        }
        return;
      case FOR:
        forLoop((Stmt.For) s, scope, ctx);
        return;
      case RECORD: {
        Stmt.Record r = (Stmt.Record) s;
        notAllowedUnless(ctx.mayRecord(), s, "`record`", ctx);
        file.expect().reportable(r.value(), value(r.value(), scope, ctx));
        return;
      }
      case LOG:
        text(((Stmt.Log) s).message(), scope, ctx, "`log` takes a `String`");
        return;
      case FAIL:
        text(((Stmt.Fail) s).message(), scope, ctx, "`fail` takes a `String`");
        return;
      case LEVEL:
        level((Stmt.Level) s, scope, ctx);
        return;
      default:
        throw new IllegalStateException("unhandled statement " + s.kind());
    }
  }

  /** A value bound to a name or recorded: anything but the no-value of an action. */
  private Type value(Expr e, Scope scope, Context ctx) {
    continuation.scan(e);
    Type t = exprs.check(e, scope, ctx);
    if (t == Type.UNIT) {
      file.expect().noValue(e, "call it on its own line, without `let` or `record`");
      return Type.ERROR;
    }
    return t;
  }

  private void condition(Expr e, Scope scope, Context ctx) {
    continuation.scan(e);
    file.expect().requireCondition(e, exprs.check(e, scope, ctx));
  }

  private void text(Expr e, Scope scope, Context ctx, String label) {
    continuation.scan(e);
    Type t = exprs.check(e, scope, ctx);
    if (Unify.assignable(t, Type.STRING)) {
      return;
    }
    if (t == Type.SECRET || t == Type.JSON || t == Type.UNIT) {
      file.expect().report(e, t, Type.STRING, label);
    } else {
      reporter.report(Code.CH0301, e.span(), "expected `String`, found `" + t.display() + "`",
          label, "interpolate it: `\"${" + UnitHelp.shown(e) + "}\"`");
    }
  }

  private void waitUntil(Stmt.WaitUntil w, Scope scope, Context ctx) {
    if (w.condition().kind() == Expr.Kind.ERROR) {
      // the parser reported the missing condition: the rest of the statement says nothing more
      // (the interval and deadline are still checked for their own mistakes and the names used)
      checkDurations(w, scope, ctx);
      return;
    }
    notAllowedUnless(ctx.mayWait(), w, "`wait until`", ctx);
    condition(w.condition(), scope, ctx);
    checkDurations(w, scope, ctx);
    if (w.within() == null) {
      reporter.report(Code.CH0402, w.span(), "`wait until` has no `within` deadline",
          "this could wait forever", "add a deadline: `within 30s`");
    }
  }

  private void checkDurations(Stmt.WaitUntil w, Scope scope, Context ctx) {
    if (w.every() != null) {
      file.duration(w.every(), scope, ctx, "`every` takes a `Duration`");
    }
    if (w.within() != null) {
      file.duration(w.within(), scope, ctx, "`within` takes a `Duration`");
    }
  }

  /**
   * `warn when` / `abort when`: a guard's levels (CH0410 elsewhere, where nothing samples them
   * against a threshold); the condition, what is wrong, is a `Bool` as an `expect`'s is.
   */
  private void level(Stmt.Level l, Scope scope, Context ctx) {
    if (ctx != Context.GUARD) {
      String keyword = l.severity().keyword() + " when";
      Span at = new Span(l.span().source(), l.span().start(),
          l.span().start() + l.span().text().indexOf("when") + 4);
      reporter.report(Code.CH0410, at, "`" + keyword + "` is only allowed in a guard, not in "
          + ctx.description(), "not a guard",
          l.severity() == Stmt.Severity.WARN
              ? "move it into a `guard \"...\" every 5s { ... }`; elsewhere log it: `if COND { log \"...\" }`"
              : "move it into a `guard`; elsewhere say what must hold: `expect not (COND)`");
    }
    condition(l.condition(), scope, ctx);
  }

  /** Only a call stands alone; any other value is computed and thrown away (CH0404). */
  private void expressionStatement(Stmt.ExprStmt s, Scope scope, Context ctx) {
    Expr e = s.expr();
    continuation.scan(e);
    Type t = exprs.check(e, scope, ctx);
    if (e.kind() == Expr.Kind.CALL || e.kind() == Expr.Kind.ERROR || t.isError()) {
      return;
    }
    String shown = UnitHelp.shown(e);
    String help = t != Type.BOOL ? null
        : shown.equals(e.span().text()) ? "to check it, write `expect " + shown + "`"
        : "to check it, write `expect` before it";
    reporter.report(Code.CH0404, e.span(), "expression used as a statement",
        "this value is computed and thrown away; only a call can stand alone", help);
  }

  private void forLoop(Stmt.For f, Scope scope, Context ctx) {
    continuation.scan(f.iterable());
    Type t = exprs.check(f.iterable(), scope, ctx);
    Type element;
    if (t instanceof Type.ListOf l) {
      element = l.element() instanceof Type.Var ? Type.ERROR : l.element();
    } else if (t instanceof Type.MapOf m) {
      element = m.key();
    } else if (t == Type.JSON || t.isError()) {
      element = t;
    } else {
      reporter.report(Code.CH0305, f.iterable().span(),
          "cannot iterate over " + Article.of(t), "this is " + Article.of(t),
          "`for` takes a `List`, a `Map` (its keys) or a `Json` array");
      element = Type.ERROR;
    }
    Scope body = scope.child();
    file.declareLocal(body, f.variable(), element, new Ref.Local(f.variable().name(), f), false);
    checkBlock(f.body(), body, ctx);
  }

  private void notAllowedUnless(boolean allowed, Stmt s, String what, Context ctx) {
    if (allowed) {
      return;
    }
    String help = what.startsWith("`wait")
        ? "waiting belongs in a `step`; a sampled section is already repeated on its interval"
        : "record report figures in a `step`, a `verify`, a `precondition` or a `rollback`";
    reporter.report(Code.CH0405, keyword(s), what + " is not allowed in " + ctx.description(),
        "not allowed here", help);
  }

  /** The statement's leading keyword(s), for a tight span. */
  private static Span keyword(Stmt s) {
    String text = s.span().text();
    int len = text.startsWith("wait until") ? "wait until".length()
        : text.startsWith("wait") ? 4 : text.startsWith("record") ? 6 : text.length();
    return new Span(s.span().source(), s.span().start(), s.span().start() + len);
  }
}
