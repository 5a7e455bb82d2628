package dev.chaos.check;

import dev.chaos.diag.Code;
import dev.chaos.source.Span;
import dev.chaos.syntax.ast.Decl;
import dev.chaos.syntax.ast.Label;
import dev.chaos.syntax.ast.Member;
import dev.chaos.types.Type;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A runbook: its header, its lets (all evaluated before the preconditions, so every section
 * sees them), each section in the context that says what it may do, undo coverage of its
 * steps, and the production rules.
 */
final class RunbookChecker {
  private final FileChecker file;
  private final Reporter reporter;
  private final Map<Member.Kind, Map<String, Span>> sectionNames = new EnumMap<>(Member.Kind.class);
  private final Map<Member.Kind, Span> singletons = new EnumMap<>(Member.Kind.class);

  RunbookChecker(FileChecker file) {
    this.file = file;
    this.reporter = file.reporter();
  }

  void check(Decl.Runbook runbook) {
    HeaderChecker.Header header = new HeaderChecker(file).check(runbook);
    Scope scope = file.globals().child();
    file.declareLocal(scope, new dev.chaos.syntax.ast.Ident(runbook.name().span(), "runbook"),
        ImplicitRecords.RUNBOOK, new Ref.Implicit("runbook"), false);
    for (Member m : runbook.members()) {
      if (m instanceof Member.Let let) {
        file.continuation().scan(let.value());
        Type t = file.exprs().check(let.value(), scope, Context.RUNBOOK_LET);
        if (t == Type.UNIT) {
          file.expect().noValue(let.value(), null);
          t = Type.ERROR;
        }
        file.declareLocal(scope, let.name(), t, new Ref.Local(let.name().name(), let), true);
      }
    }
    for (Member m : runbook.members()) {
      section(m, scope);
    }
    boolean hasRollback = singletons.containsKey(Member.Kind.ROLLBACK);
    for (Member m : runbook.members()) {
      if (m instanceof Member.Step step) {
        undoCoverage(step, hasRollback);
      }
    }
    file.closeScope(scope);
    new BlastChecker(file).check(runbook, header);
    if (file.options().strict()) {
      GuardLevels.alertGuard(runbook, file.out(), reporter);
    }
    boolean prodByEnvironment = "prod".equals(header.environment());
    if (prodByEnvironment || file.options().asProd()) {
      new ProdRules(file).check(runbook, header, prodByEnvironment);
    }
  }

  private void section(Member m, Scope scope) {
    StmtChecker stmts = file.stmts();
    switch (m.kind()) {
      case ATTRIBUTE, WINDOW, SCHEDULE, LET -> { }
      case PRECONDITION -> {
        Member.Precondition p = (Member.Precondition) m;
        uniqueName(m.kind(), "precondition", p.name());
        stmts.checkBlock(p.body(), scope, Context.PRECONDITION);
      }
      case OBSERVE -> observe((Member.Observe) m, scope);
      case GUARD -> {
        Member.Guard g = (Member.Guard) m;
        uniqueName(m.kind(), "guard", g.name());
        if (g.every() != null) {
          file.duration(g.every(), scope, Context.GUARD, "`every` takes a `Duration`");
        }
        if (g.extend() != null) {
          file.duration(g.extend(), scope, Context.GUARD, "`extend` takes a `Duration`");
          GuardLevels.requireWarning(g, reporter);
        }
        stmts.checkBlock(g.body(), scope, Context.GUARD);
      }
      case STEP -> step((Member.Step) m, scope);
      case VERIFY -> {
        Member.Verify v = (Member.Verify) m;
        uniqueName(m.kind(), "verify", v.name());
        stmts.checkBlock(v.body(), scope,
            v.throughout() ? Context.VERIFY_THROUGHOUT : Context.VERIFY);
      }
      case ROLLBACK -> {
        once(m, "rollback");
        stmts.checkBlock(((Member.Rollback) m).body(), scope, Context.ROLLBACK);
      }
      case RECOVERY -> {
        Member.Recovery r = (Member.Recovery) m;
        once(m, "recovery");
        if (r.within() != null) {
          file.duration(r.within(), scope, Context.RECOVERY, "`within` takes a `Duration`");
        }
        if (r.every() != null) {
          file.duration(r.every(), scope, Context.RECOVERY, "`every` takes a `Duration`");
        }
        stmts.checkBlock(r.body(), scope, Context.RECOVERY);
      }
      case ON_ABORT -> {
        once(m, "on abort");
        Scope abortScope = scope.child();
        file.declareLocal(abortScope, new dev.chaos.syntax.ast.Ident(m.span(), "abort"),
            ImplicitRecords.ABORT, new Ref.Implicit("abort"), false);
        stmts.checkBlock(((Member.OnAbort) m).body(), abortScope, Context.ON_ABORT);
      }
      default -> throw new IllegalStateException("unhandled section " + m.kind());
    }
  }

  private void observe(Member.Observe o, Scope scope) {
    uniqueName(o.kind(), "observe", new Label(o.name().span(), o.name().name()));
    file.continuation().scan(o.value());
    Type t = file.exprs().check(o.value(), scope, Context.OBSERVE);
    if (t == Type.UNIT) {
      file.expect().noValue(o.value(), null);
    }
    file.expect().reportable(o.value(), t);
    if (o.every() != null) {
      file.duration(o.every(), scope, Context.OBSERVE, "`every` takes a `Duration`");
    }
  }

  private void step(Member.Step s, Scope scope) {
    uniqueName(s.kind(), "step", s.name());
    if (s.timeout() != null) {
      file.duration(s.timeout(), scope, Context.STEP, "`timeout` takes a `Duration`");
    }
    if (s.retry() != null) {
      file.continuation().scan(s.retry());
      Type t = file.exprs().checkAgainst(s.retry(), Type.INT, scope, Context.STEP,
          "`retry` takes a number of attempts");
      Long attempts = UnitHelp.intConstant(s.retry());
      if (t == Type.INT && attempts != null && attempts < 0) {
        reporter.report(Code.CH0307, s.retry().span(), "`retry` cannot be negative",
            "this is " + attempts);
      }
    }
    Scope body = file.stmts().openBlock(s.body(), scope, Context.STEP);
    if (s.undo() != null) {
      // the undo block sees the step's lets: it usually undoes what they hold
      file.stmts().checkBlock(s.undo(), body, Context.UNDO);
    }
    file.closeScope(body);
  }

  private void undoCoverage(Member.Step step, boolean hasRollback) {
    List<Effects.Site> sites = Effects.mutatingCalls(step.body(), file.out());
    List<Effects.Site> invertible = sites.stream().filter(x -> x.builtin().hasInverse()).toList();
    StepInfo.Undo undo = sites.isEmpty() ? StepInfo.Undo.NOT_NEEDED
        : step.irreversible() ? StepInfo.Undo.IRREVERSIBLE
        : step.undo() != null ? StepInfo.Undo.OWN_BLOCK
        : invertible.size() == sites.size() ? StepInfo.Undo.AUTOMATIC
        : hasRollback ? StepInfo.Undo.ROLLBACK
        : StepInfo.Undo.MISSING;
    file.out().putStep(step, new StepInfo(step,
        sites.stream().map(Effects.Site::call).toList(),
        invertible.stream().map(Effects.Site::call).toList(), undo));
    if (undo == StepInfo.Undo.MISSING) {
      Effects.Site first = sites.stream().filter(x -> !x.builtin().hasInverse()).findFirst()
          .orElseThrow();
      String where = first.owner() == file.out()
          ? " on line " + first.call().span().startLine()
          : " in " + first.owner().source().path();
      reporter.report(Code.CH0403, step.name().span(),
          "step \"" + step.name().text() + "\" changes the world and nothing undoes it",
          "`" + first.builtin().qualifiedName() + "`" + where + " has no automatic inverse",
          "add an `undo { ... }` block after the step",
          "or add a `rollback { ... }` block to the runbook",
          "or mark the step `irreversible` if it cannot be undone");
    }
  }

  private void uniqueName(Member.Kind kind, String what, Label name) {
    if (name.span().start() == name.span().end()) {
      return; // a name the parser found missing is no duplicate of another
    }
    Span first = sectionNames.computeIfAbsent(kind, k -> new HashMap<>())
        .putIfAbsent(name.text(), name.span());
    if (first != null) {
      reporter.reportWithFirst(first, "first used here", Code.CH0602, name.span(),
          "duplicate " + what + " name \"" + name.text() + "\"",
          "a " + what + " of this name is already on line " + first.startLine(),
          "rename one of them: the report tells sections apart by name");
    }
  }

  private void once(Member m, String keyword) {
    Span first = singletons.putIfAbsent(m.kind(), m.span());
    if (first != null) {
      // a member cut short by the end of the file is shorter than its keyword
      Span at = new Span(m.span().source(), m.span().start(),
          Math.min(m.span().end(), m.span().start() + keyword.length()));
      reporter.report(Code.CH0409, at, "more than one `" + keyword + "` block",
          "the first is on line " + first.startLine(), "merge them into one");
    }
  }
}
