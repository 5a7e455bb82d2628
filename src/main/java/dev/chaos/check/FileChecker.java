package dev.chaos.check;

import dev.chaos.diag.Code;
import dev.chaos.source.Span;
import dev.chaos.spi.Builtin;
import dev.chaos.spi.Driver;
import dev.chaos.spi.DriverRegistry;
import dev.chaos.syntax.ast.Decl;
import dev.chaos.syntax.ast.Expr;
import dev.chaos.syntax.ast.Ident;
import dev.chaos.syntax.ast.Member;
import dev.chaos.syntax.ast.ParamDecl;
import dev.chaos.syntax.ast.Program;
import dev.chaos.syntax.ast.Stmt;
import dev.chaos.types.Type;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks one parsed file whose imports are already loaded: its top-level declarations (all
 * visible to each other, typed on demand so order does not matter) and its runbook.
 */
final class FileChecker {
  /** An import with the module it loaded; {@code module} is null when loading failed. */
  record ResolvedImport(Program.Import declaration, String alias, CheckedProgram module) {}

  private enum Progress { CHECKING, DONE }

  private final DriverRegistry drivers;
  private final TypeNames typeNames;
  private final CheckOptions options;
  private final Reporter reporter;
  private final Expectations expect;
  private final Program program;
  private final CheckedProgram out;
  private final Scope globals = Scope.root();
  private final List<Symbol.ModuleAlias> aliases = new ArrayList<>();
  private final Map<Decl, Progress> progress = new IdentityHashMap<>();
  private final ExprChecker exprs;
  private final StmtChecker stmts;
  private final LineContinuation continuation;
  private final SuggestionBudget suggestions = new SuggestionBudget();
  /**
   * Signatures of `fn`s whose header the parser could not read (no result type): their
   * parameters are not known, so calls to them are not held to them (the syntax error is the
   * one message).
   */
  private final Set<CallSig> brokenSignatures = java.util.Collections.newSetFromMap(new IdentityHashMap<>());

  FileChecker(DriverRegistry drivers, TypeNames typeNames, CheckOptions options,
      Reporter reporter, Program program, List<ResolvedImport> imports) {
    this.drivers = drivers;
    this.typeNames = typeNames;
    this.options = options;
    this.reporter = reporter;
    this.expect = new Expectations(reporter, drivers);
    this.program = program;
    this.out = new CheckedProgram(program);
    this.exprs = new ExprChecker(this);
    this.stmts = new StmtChecker(this, exprs);
    this.continuation = new LineContinuation(reporter);
    declareGlobals(imports);
  }

  DriverRegistry drivers() {
    return drivers;
  }

  Reporter reporter() {
    return reporter;
  }

  /** What is left for "did you mean" among the names in scope, in this file. */
  SuggestionBudget suggestions() {
    return suggestions;
  }

  Expectations expect() {
    return expect;
  }

  CheckedProgram out() {
    return out;
  }

  ExprChecker exprs() {
    return exprs;
  }

  StmtChecker stmts() {
    return stmts;
  }

  LineContinuation continuation() {
    return continuation;
  }

  Scope globals() {
    return globals;
  }

  CheckOptions options() {
    return options;
  }

  /**
   * Core functions, then drivers, imports and the file's own declarations: each may shadow the
   * ones before it, except that imports and declarations must not collide with each other or
   * with a driver (CH0104, CH0211).
   */
  private void declareGlobals(List<ResolvedImport> imports) {
    for (Driver d : drivers.drivers()) {
      if (d.namespace().isEmpty()) {
        for (Builtin b : d.builtins()) {
          globals.declare(new Symbol.CoreFn(b.name(), b));
        }
      }
    }
    for (Driver d : drivers.drivers()) {
      if (!d.namespace().isEmpty()) {
        globals.declare(new Symbol.DriverNs(d.namespace(), d));
      }
    }
    Map<String, Program.Import> importByAlias = new java.util.HashMap<>();
    for (ResolvedImport imp : imports) {
      Program.Import first = importByAlias.putIfAbsent(imp.alias(), imp.declaration());
      if (first != null) {
        reporter.reportWithFirst(first.span(), "first imported here",
            Code.CH0104, imp.declaration().span(),
            "the name `" + imp.alias() + "` is already taken",
            "`" + imp.alias() + "` was imported on line " + first.span().startLine(),
            "give this import another name: `as other_name`");
        continue;
      }
      if (globals.declaredHere(imp.alias()) instanceof Symbol.DriverNs) {
        reporter.report(Code.CH0104, imp.declaration().span(),
            "the name `" + imp.alias() + "` is already taken",
            "`" + imp.alias() + "` is a driver",
            "give this import another name: `as other_name`");
        continue;
      }
      Symbol.ModuleAlias alias = new Symbol.ModuleAlias(imp.alias(), imp.declaration(), imp.module());
      aliases.add(alias);
      globals.declare(alias);
      if (imp.module() != null) {
        out.putModule(imp.alias(), imp.module());
      }
    }
    boolean runbookSeen = false;
    for (Decl d : program.decls()) {
      if (d instanceof Decl.Runbook r) {
        if (runbookSeen) {
          reporter.report(Code.CH0103, r.name().span(), "more than one runbook in a file",
              "second runbook", "put each runbook in a file of its own");
        }
        runbookSeen = true;
        continue;
      }
      Ident name = declName(d);
      if (name.isMissing()) {
        continue; // the parser reported it; the declaration is still checked, but unnamed
      }
      Symbol previous = globals.declaredHere(name.name());
      if (previous instanceof Symbol.Global || previous instanceof Symbol.ModuleAlias
          || previous instanceof Symbol.DriverNs) {
        if (previous instanceof Symbol.Global g) {
          Span first = declName(g.decl()).span();
          reporter.reportWithFirst(first, "first defined here", Code.CH0211, name.span(),
              "`" + name.name() + "` is defined twice",
              "`" + name.name() + "` was first defined on line " + first.startLine(),
              "rename one of them");
          continue;
        }
        String what = previous instanceof Symbol.ModuleAlias ? "the name of an import"
            : "the name of a driver";
        reporter.report(Code.CH0211, name.span(), "`" + name.name() + "` is defined twice",
            "`" + name.name() + "` is already " + what, "rename one of them");
        continue;
      }
      globals.declare(new Symbol.Global(name.name(), d));
      out.putExport(name.name(), d);
    }
  }

  private static Ident declName(Decl d) {
    switch (d.kind()) {
      case LET:
        return ((Decl.Let) d).name();
      case FN:
        return ((Decl.Fn) d).name();
      case ACTION:
        return ((Decl.Action) d).name();
      default:
        throw new IllegalArgumentException("a runbook has no identifier");
    }
  }

  CheckedProgram run() {
    for (Decl d : program.decls()) {
      switch (d.kind()) {
        case LET -> globalLetType((Decl.Let) d);
        case FN -> checkFn((Decl.Fn) d);
        case ACTION -> checkAction((Decl.Action) d);
        // a second runbook is reported above and still checked, so its own mistakes show
        case RUNBOOK -> new RunbookChecker(this).check((Decl.Runbook) d);
        default -> throw new IllegalStateException("unhandled declaration " + d.kind());
      }
    }
    for (Decl d : program.decls()) {
      if (d instanceof Decl.Action a) {
        out.putActionMutates(a, !Effects.mutatingCalls(a.body(), out).isEmpty());
      }
    }
    Recursion.report(program.decls().stream().filter(d -> d instanceof Decl.Fn)
        .map(d -> (Decl.Fn) d).toList(), out, reporter);
    for (Symbol.ModuleAlias alias : aliases) {
      if (!alias.used() && alias.module() != null) {
        reporter.report(Code.CH0605, alias.declaration().span(), "unused import `" + alias.name() + "`",
            "`" + alias.name() + "` is never used", "remove the import");
      }
    }
    return out;
  }

  /** The type of a top-level `let`, checking its value the first time it is asked for. */
  Type globalLetType(Decl.Let let) {
    Progress p = progress.get(let);
    if (p == Progress.DONE) {
      return out.typeOf(let.value());
    }
    if (p == Progress.CHECKING) {
      reporter.report(Code.CH0201, let.name().span(), "`" + let.name().name()
          + "` is defined in terms of itself", "its value needs its own value");
      return Type.ERROR;
    }
    progress.put(let, Progress.CHECKING);
    continuation.scan(let.value());
    Type t = exprs.check(let.value(), globals, Context.TOP_LET);
    progress.put(let, Progress.DONE);
    return t;
  }

  /**
   * The signature of a `fn` or `action` of this file, from its declared types alone, so that
   * calls can be checked before (and while) the body is.
   */
  /** Whether {@code sig} is of a `fn` whose header did not parse (see {@link #brokenSignatures}). */
  boolean brokenSignature(CallSig sig) {
    return brokenSignatures.contains(sig);
  }

  CallSig signature(Decl decl) {
    CallSig sig = out.signature(decl);
    if (sig != null) {
      return sig;
    }
    List<ParamDecl> params = decl instanceof Decl.Fn f ? f.params() : ((Decl.Action) decl).params();
    Type result = decl instanceof Decl.Fn f ? typeNames.resolve(f.result(), reporter) : Type.UNIT;
    List<CallSig.SigParam> sigParams = new ArrayList<>();
    for (ParamDecl p : params) {
      Type t = p.type() == null ? Type.ERROR : typeNames.resolve(p.type(), reporter);
      sigParams.add(new CallSig.SigParam(p.name().name(), t, true, true, p.defaultValue() == null));
    }
    sig = new CallSig(declName(decl).name(), sigParams, result, false, List.of());
    if (decl instanceof Decl.Fn f && f.result().name().isEmpty()) {
      brokenSignatures.add(sig);
    }
    // stored before the defaults are checked: a default may call this very function
    out.putSignature(decl, sig);
    for (int i = 0; i < params.size(); i++) {
      ParamDecl p = params.get(i);
      if (p.defaultValue() != null) {
        Type t = sigParams.get(i).type();
        continuation.scan(p.defaultValue());
        exprs.checkAgainst(p.defaultValue(), t, globals, Context.PARAM_DEFAULT,
            "`" + p.name().name() + "` is " + Article.of(t));
      }
    }
    return sig;
  }

  private Scope paramScope(Decl decl, List<ParamDecl> params) {
    Scope scope = globals.child();
    CallSig sig = signature(decl);
    for (int i = 0; i < params.size(); i++) {
      ParamDecl p = params.get(i);
      Type t = sig.params().get(i).type();
      declareLocal(scope, p.name(), t, new Ref.Local(p.name().name(), p), false);
    }
    return scope;
  }

  private void checkFn(Decl.Fn fn) {
    if (progress.containsKey(fn)) {
      return;
    }
    progress.put(fn, Progress.CHECKING);
    CallSig sig = signature(fn);
    Scope scope = paramScope(fn, fn.params());
    continuation.scan(fn.body());
    Type body = exprs.check(fn.body(), scope, Context.FN);
    expect.require(fn.body(), body, sig.result(),
        "`" + fn.name().name() + "` returns " + Article.of(sig.result()));
    progress.put(fn, Progress.DONE);
  }

  private void checkAction(Decl.Action action) {
    if (progress.containsKey(action)) {
      return;
    }
    progress.put(action, Progress.CHECKING);
    signature(action);
    stmts.checkBlock(action.body(), paramScope(action, action.params()), Context.ACTION);
    progress.put(action, Progress.DONE);
  }

  /** Declares a local; a second definition of a name in the same scope is CH0211. */
  void declareLocal(Scope scope, Ident name, Type type, Ref ref, boolean warnUnused) {
    if (name.isMissing()) {
      return; // the parser reported it: a name that is not there declares nothing
    }
    Symbol.Local local = new Symbol.Local(name.name(), name.span(), type, ref, warnUnused);
    Symbol previous = scope.declare(local);
    if (previous instanceof Symbol.Local old) {
      old.markUsed();
      reporter.reportWithFirst(old.span(), "first defined here", Code.CH0211, name.span(),
          "`" + name.name() + "` is defined twice",
          "`" + name.name() + "` was already defined on line " + old.span().startLine(),
          "rename one of them");
    }
  }

  /** Reports the unused lets of a scope that is over (CH0601). */
  void closeScope(Scope scope) {
    for (Symbol.Local l : scope.ownLocals()) {
      if (l.warnUnused() && !l.used()) {
        Expr value = letValue(l.ref());
        String help = value != null && value.kind() == Expr.Kind.CALL
            ? "to make the call only for its effect, drop `let " + l.name() + " =`"
            : "remove it, or name it `_" + l.name() + "`";
        reporter.report(Code.CH0601, l.span(), "unused let `" + l.name() + "`", "never used", help);
      }
    }
  }

  private static Expr letValue(Ref ref) {
    if (ref instanceof Ref.Local local) {
      if (local.declaration() instanceof Stmt.Let s) {
        return s.value();
      }
      if (local.declaration() instanceof Member.Let m) {
        return m.value();
      }
    }
    return null;
  }

  /** A Duration, and a positive one when written as a literal (CH0307). */
  void duration(Expr e, Scope scope, Context ctx, String label) {
    continuation.scan(e);
    Type t = exprs.checkAgainst(e, Type.DURATION, scope, ctx, label);
    if (t == Type.DURATION && UnitHelp.unwrap(e) instanceof Expr.DurationLit d
        && (d.value().isZero() || d.value().isNegative())) {
      reporter.report(Code.CH0307, e.span(), "a duration here must be positive",
          "this is " + e.span().text());
    }
  }
}
