package dev.chaos.lsp;

import dev.chaos.source.Span;
import dev.chaos.syntax.ast.Arg;
import dev.chaos.syntax.ast.Block;
import dev.chaos.syntax.ast.Decl;
import dev.chaos.syntax.ast.Expr;
import dev.chaos.syntax.ast.Ident;
import dev.chaos.syntax.ast.Label;
import dev.chaos.syntax.ast.Member;
import dev.chaos.syntax.ast.ParamDecl;
import dev.chaos.syntax.ast.Program;
import dev.chaos.syntax.ast.Stmt;
import dev.chaos.syntax.ast.TypeRef;

/**
 * Visits every node of a program, parents before children, in source order: declarations,
 * members, statements, blocks, expressions, arguments, names, labels. The visitor returns false
 * to skip a node's children (the position lookups prune what does not contain the cursor).
 */
final class AstWalk {
  /** Called for each node; {@code node} is an AST record, {@code span} its span. */
  @FunctionalInterface
  interface Visitor {
    boolean enter(Object node, Span span);
  }

  private final Visitor visitor;

  private AstWalk(Visitor visitor) {
    this.visitor = visitor;
  }

  static void program(Program program, Visitor visitor) {
    AstWalk walk = new AstWalk(visitor);
    for (Program.Import imp : program.imports()) {
      if (visitor.enter(imp, imp.span())) {
        walk.label(imp.path());
        walk.ident(imp.alias());
      }
    }
    for (Decl d : program.decls()) {
      walk.decl(d);
    }
  }

  private void decl(Decl d) {
    if (!visitor.enter(d, d.span())) {
      return;
    }
    switch (d.kind()) {
      case LET -> {
        Decl.Let let = (Decl.Let) d;
        ident(let.name());
        expr(let.value());
      }
      case FN -> {
        Decl.Fn fn = (Decl.Fn) d;
        ident(fn.name());
        fn.params().forEach(this::param);
        type(fn.result());
        expr(fn.body());
      }
      case ACTION -> {
        Decl.Action action = (Decl.Action) d;
        ident(action.name());
        action.params().forEach(this::param);
        block(action.body());
      }
      case RUNBOOK -> {
        Decl.Runbook runbook = (Decl.Runbook) d;
        label(runbook.name());
        runbook.members().forEach(this::member);
      }
    }
  }

  private void param(ParamDecl p) {
    if (p != null && visitor.enter(p, p.span())) {
      ident(p.name());
      type(p.type());
      expr(p.defaultValue());
    }
  }

  private void type(TypeRef t) {
    if (t != null && visitor.enter(t, t.span())) {
      t.args().forEach(this::type);
    }
  }

  private void member(Member m) {
    if (!visitor.enter(m, m.span())) {
      return;
    }
    switch (m.kind()) {
      case ATTRIBUTE -> {
        Member.Attribute a = (Member.Attribute) m;
        ident(a.key());
        expr(a.value());
      }
      case WINDOW -> {
        Member.Window w = (Member.Window) m;
        expr(w.from());
        expr(w.to());
        expr(w.zone());
      }
      case SCHEDULE -> {
        Member.Schedule s = (Member.Schedule) m;
        expr(s.cron());
        expr(s.zone());
      }
      case LET -> {
        Member.Let let = (Member.Let) m;
        ident(let.name());
        expr(let.value());
      }
      case PRECONDITION -> {
        Member.Precondition p = (Member.Precondition) m;
        label(p.name());
        block(p.body());
      }
      case OBSERVE -> {
        Member.Observe o = (Member.Observe) m;
        ident(o.name());
        expr(o.value());
        expr(o.every());
      }
      case GUARD -> {
        Member.Guard g = (Member.Guard) m;
        label(g.name());
        expr(g.every());
        expr(g.extend());
        block(g.body());
      }
      case STEP -> {
        Member.Step s = (Member.Step) m;
        label(s.name());
        expr(s.timeout());
        expr(s.retry());
        block(s.body());
        block(s.undo());
      }
      case VERIFY -> {
        Member.Verify v = (Member.Verify) m;
        label(v.name());
        block(v.body());
      }
      case ROLLBACK -> block(((Member.Rollback) m).body());
      case RECOVERY -> {
        Member.Recovery r = (Member.Recovery) m;
        expr(r.within());
        expr(r.every());
        block(r.body());
      }
      case ON_ABORT -> block(((Member.OnAbort) m).body());
    }
  }

  private void block(Block b) {
    if (b != null && visitor.enter(b, b.span())) {
      b.statements().forEach(this::stmt);
    }
  }

  private void stmt(Stmt s) {
    if (!visitor.enter(s, s.span())) {
      return;
    }
    switch (s.kind()) {
      case LET -> {
        Stmt.Let let = (Stmt.Let) s;
        ident(let.name());
        expr(let.value());
      }
      case EXPECT -> {
        Stmt.Expect e = (Stmt.Expect) s;
        expr(e.condition());
        expr(e.message());
      }
      case WAIT -> expr(((Stmt.Wait) s).duration());
      case WAIT_UNTIL -> {
        Stmt.WaitUntil w = (Stmt.WaitUntil) s;
        expr(w.condition());
        expr(w.every());
        expr(w.within());
      }
      case EXPR -> expr(((Stmt.ExprStmt) s).expr());
      case IF -> {
        Stmt.If i = (Stmt.If) s;
        for (Stmt.Branch b : i.branches()) {
          if (visitor.enter(b, b.span())) {
            expr(b.condition());
            block(b.body());
          }
        }
        block(i.orElse());
      }
      case FOR -> {
        Stmt.For f = (Stmt.For) s;
        ident(f.variable());
        expr(f.iterable());
        block(f.body());
      }
      case RECORD -> {
        Stmt.Record r = (Stmt.Record) s;
        ident(r.name());
        expr(r.value());
      }
      case LOG -> expr(((Stmt.Log) s).message());
      case FAIL -> expr(((Stmt.Fail) s).message());
      case LEVEL -> expr(((Stmt.Level) s).condition());
    }
  }

  private void expr(Expr e) {
    if (e == null || !visitor.enter(e, e.span())) {
      return;
    }
    switch (e.kind()) {
      case MEMBER -> {
        Expr.Member m = (Expr.Member) e;
        expr(m.target());
        ident(m.name());
      }
      case CALL -> {
        Expr.Call c = (Expr.Call) e;
        expr(c.callee());
        for (Arg a : c.args()) {
          if (visitor.enter(a, a.span())) {
            ident(a.name());
            expr(a.value());
          }
        }
      }
      case INDEX -> {
        Expr.Index i = (Expr.Index) e;
        expr(i.target());
        expr(i.index());
      }
      case UNARY -> expr(((Expr.Unary) e).operand());
      case BINARY -> {
        Expr.Binary b = (Expr.Binary) e;
        expr(b.left());
        expr(b.right());
      }
      case STR -> {
        for (Expr.StrPart p : ((Expr.Str) e).parts()) {
          if (p instanceof Expr.StrPart.Interp interp) {
            expr(interp.expr());
          }
        }
      }
      case LIST -> ((Expr.ListLit) e).elements().forEach(this::expr);
      case RECORD -> {
        for (Expr.Field f : ((Expr.RecordLit) e).fields()) {
          if (visitor.enter(f, f.span())) {
            ident(f.key());
            expr(f.value());
          }
        }
      }
      case PAREN -> expr(((Expr.Paren) e).inner());
      default -> {
        // names and literals have no children
      }
    }
  }

  private void ident(Ident i) {
    if (i != null) {
      visitor.enter(i, i.span());
    }
  }

  private void label(Label l) {
    if (l != null) {
      visitor.enter(l, l.span());
    }
  }
}
