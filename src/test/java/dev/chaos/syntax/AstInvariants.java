package dev.chaos.syntax;

import dev.chaos.diag.Diagnostic;
import dev.chaos.source.Span;
import dev.chaos.syntax.ast.Arg;
import dev.chaos.syntax.ast.Block;
import dev.chaos.syntax.ast.Decl;
import dev.chaos.syntax.ast.Expr;
import dev.chaos.syntax.ast.Ident;
import dev.chaos.syntax.ast.Member;
import dev.chaos.syntax.ast.ParamDecl;
import dev.chaos.syntax.ast.Program;
import dev.chaos.syntax.ast.Stmt;
import dev.chaos.syntax.ast.TypeRef;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Checks what later stages rely on, for any input: required parts are never null and every
 * span lies inside the file. Walks with an explicit stack, so deep trees cannot overflow it.
 */
final class AstInvariants {
  private final int length;
  private final Deque<Object> work = new ArrayDeque<>();

  private AstInvariants(int length) {
    this.length = length;
  }

  static void check(ParseResult result, String text) {
    AstInvariants inv = new AstInvariants(text.length());
    for (Diagnostic d : result.diagnostics()) {
      inv.span(d.span());
      if (d.message().equals("the parser failed on this file")) {
        throw new AssertionError("internal parser failure: " + d.label());
      }
      if (d.label().equals("this file nests too deeply to parse")) {
        throw new AssertionError("stack overflow got past the nesting limit");
      }
    }
    Program program = result.program();
    inv.span(program.span());
    for (Program.Import i : program.imports()) {
      inv.span(i.span());
      inv.span(i.path().span());
      if (i.alias() != null) {
        inv.ident(i.alias());
      }
    }
    inv.work.addAll(program.decls());
    inv.drain();
  }

  private void drain() {
    while (!work.isEmpty()) {
      Object node = work.pop();
      if (node instanceof Decl) {
        decl((Decl) node);
      } else if (node instanceof Member) {
        member((Member) node);
      } else if (node instanceof Stmt) {
        stmt((Stmt) node);
      } else if (node instanceof Expr) {
        expr((Expr) node);
      } else if (node instanceof Block) {
        Block b = (Block) node;
        span(b.span());
        work.addAll(b.statements());
      } else {
        throw new AssertionError("unexpected node " + node);
      }
    }
  }

  private void decl(Decl d) {
    span(d.span());
    switch (d.kind()) {
      case LET:
        ident(((Decl.Let) d).name());
        push(((Decl.Let) d).value());
        break;
      case FN:
        Decl.Fn fn = (Decl.Fn) d;
        ident(fn.name());
        fn.params().forEach(this::param);
        type(fn.result());
        push(fn.body());
        break;
      case ACTION:
        Decl.Action action = (Decl.Action) d;
        ident(action.name());
        action.params().forEach(this::param);
        push(action.body());
        break;
      case RUNBOOK:
        Decl.Runbook runbook = (Decl.Runbook) d;
        span(runbook.name().span());
        work.addAll(runbook.members());
        break;
      default:
        throw new AssertionError(d);
    }
  }

  private void member(Member m) {
    span(m.span());
    switch (m.kind()) {
      case ATTRIBUTE:
        ident(((Member.Attribute) m).key());
        push(((Member.Attribute) m).value());
        break;
      case WINDOW:
        Member.Window w = (Member.Window) m;
        push(w.from());
        push(w.to());
        optional(w.zone());
        break;
      case SCHEDULE:
        Member.Schedule schedule = (Member.Schedule) m;
        push(schedule.cron());
        optional(schedule.zone());
        break;
      case LET:
        ident(((Member.Let) m).name());
        push(((Member.Let) m).value());
        break;
      case PRECONDITION:
        span(((Member.Precondition) m).name().span());
        push(((Member.Precondition) m).body());
        break;
      case OBSERVE:
        Member.Observe o = (Member.Observe) m;
        ident(o.name());
        push(o.value());
        push(o.every());
        break;
      case GUARD:
        Member.Guard g = (Member.Guard) m;
        span(g.name().span());
        push(g.every());
        push(g.body());
        break;
      case STEP:
        Member.Step s = (Member.Step) m;
        span(s.name().span());
        optional(s.timeout());
        optional(s.retry());
        push(s.body());
        if (s.undo() != null) {
          push(s.undo());
        }
        break;
      case VERIFY:
        span(((Member.Verify) m).name().span());
        push(((Member.Verify) m).body());
        break;
      case ROLLBACK:
        push(((Member.Rollback) m).body());
        break;
      case RECOVERY:
        Member.Recovery r = (Member.Recovery) m;
        push(r.within());
        optional(r.every());
        push(r.body());
        break;
      case ON_ABORT:
        push(((Member.OnAbort) m).body());
        break;
      default:
        throw new AssertionError(m);
    }
  }

  private void stmt(Stmt s) {
    span(s.span());
    switch (s.kind()) {
      case LET:
        ident(((Stmt.Let) s).name());
        push(((Stmt.Let) s).value());
        break;
      case EXPECT:
        push(((Stmt.Expect) s).condition());
        optional(((Stmt.Expect) s).message());
        break;
      case WAIT:
        push(((Stmt.Wait) s).duration());
        break;
      case WAIT_UNTIL:
        Stmt.WaitUntil w = (Stmt.WaitUntil) s;
        push(w.condition());
        optional(w.every());
        optional(w.within());
        break;
      case EXPR:
        push(((Stmt.ExprStmt) s).expr());
        break;
      case IF:
        Stmt.If i = (Stmt.If) s;
        for (Stmt.Branch b : i.branches()) {
          span(b.span());
          push(b.condition());
          push(b.body());
        }
        if (i.orElse() != null) {
          push(i.orElse());
        }
        break;
      case FOR:
        Stmt.For f = (Stmt.For) s;
        ident(f.variable());
        push(f.iterable());
        push(f.body());
        break;
      case RECORD:
        ident(((Stmt.Record) s).name());
        push(((Stmt.Record) s).value());
        break;
      case LOG:
        push(((Stmt.Log) s).message());
        break;
      case FAIL:
        push(((Stmt.Fail) s).message());
        break;
      case LEVEL:
        push(((Stmt.Level) s).condition());
        break;
      default:
        throw new AssertionError(s);
    }
  }

  private void expr(Expr e) {
    span(e.span());
    switch (e.kind()) {
      case MEMBER:
        push(((Expr.Member) e).target());
        ident(((Expr.Member) e).name());
        break;
      case CALL:
        push(((Expr.Call) e).callee());
        for (Arg a : ((Expr.Call) e).args()) {
          span(a.span());
          if (a.name() != null) {
            ident(a.name());
          }
          push(a.value());
        }
        break;
      case INDEX:
        push(((Expr.Index) e).target());
        push(((Expr.Index) e).index());
        break;
      case UNARY:
        push(((Expr.Unary) e).operand());
        break;
      case BINARY:
        Expr.Binary b = (Expr.Binary) e;
        span(b.opSpan());
        push(b.left());
        push(b.right());
        break;
      case STR:
        for (Expr.StrPart p : ((Expr.Str) e).parts()) {
          span(p.span());
          if (p instanceof Expr.StrPart.Interp) {
            push(((Expr.StrPart.Interp) p).expr());
          }
        }
        break;
      case LIST:
        ((Expr.ListLit) e).elements().forEach(this::push);
        break;
      case RECORD:
        for (Expr.Field f : ((Expr.RecordLit) e).fields()) {
          span(f.span());
          ident(f.key());
          push(f.value());
        }
        break;
      case PAREN:
        push(((Expr.Paren) e).inner());
        break;
      default:
        break;
    }
  }

  private void param(ParamDecl p) {
    span(p.span());
    ident(p.name());
    type(p.type());
    optional(p.defaultValue());
  }

  private void type(TypeRef t) {
    span(t.span());
    t.args().forEach(this::type);
  }

  private void ident(Ident i) {
    span(i.span());
    if (i.name() == null) {
      throw new AssertionError("null name at " + i.span());
    }
  }

  private void push(Object node) {
    if (node == null) {
      throw new AssertionError("missing required node");
    }
    work.push(node);
  }

  private void optional(Object node) {
    if (node != null) {
      work.push(node);
    }
  }

  private void span(Span span) {
    if (span == null || span.end() > length) {
      throw new AssertionError("span out of the file: " + span);
    }
  }
}
