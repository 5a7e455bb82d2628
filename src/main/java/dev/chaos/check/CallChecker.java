package dev.chaos.check;

import dev.chaos.diag.Code;
import dev.chaos.diag.Diagnostics;
import dev.chaos.source.Span;
import dev.chaos.spi.Builtin;
import dev.chaos.spi.Effect;
import dev.chaos.spi.Param;
import dev.chaos.syntax.ast.Arg;
import dev.chaos.syntax.ast.Decl;
import dev.chaos.syntax.ast.Expr;
import dev.chaos.types.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * Calls: finds the callee (a core function, a driver function, a `fn` or `action` of this file
 * or of a module), then binds and types its arguments ({@link ArgumentBinder}) and checks that
 * the place it is called from may have its effect.
 */
final class CallChecker {
  private final FileChecker file;
  private final ExprChecker exprs;
  private final Reporter reporter;

  /** A resolved callee with its signature; {@code shown} is how messages name it. */
  private record Target(Callee callee, CallSig sig, Effect effect, String shown) {}

  CallChecker(FileChecker file, ExprChecker exprs) {
    this.file = file;
    this.exprs = exprs;
    this.reporter = file.reporter();
  }

  Type check(Expr.Call call, Scope scope, Context ctx) {
    Target target = resolve(call, scope, ctx);
    List<Type> argTypes = new ArrayList<>();
    for (Arg a : call.args()) {
      argTypes.add(exprs.check(a.value(), scope, ctx));
    }
    if (target == null) {
      return Type.ERROR;
    }
    // a fn whose header did not parse: its parameters are unknown, the arguments are not held to them
    Reporter binding = file.brokenSignature(target.sig()) ? new Reporter(new Diagnostics()) : reporter;
    ArgumentBinder.Bound bound =
        new ArgumentBinder(binding, file.expect()).bind(call, target.sig(), argTypes);
    file.out().putCall(call, new CallInfo(target.callee(), target.effect(), bound.arguments(),
        bound.rest()));
    if (target.callee() instanceof Callee.Native n) {
      constantArguments(n.builtin(), bound.arguments());
    }
    if (target.effect() == Effect.MUTATE && !ctx.mayMutate()) {
      reporter.report(Code.CH0401, call.callee().span(),
          "`" + target.shown() + "` changes the world and cannot be called in "
              + ctx.description(),
          "mutating call",
          ctx == Context.FN
              ? "a fn is read-only: make it an `action`, or move the call into a `step`"
              : "move it into a `step` (with an `undo`), a `rollback` or an `on abort` block");
    }
    return bound.result();
  }

  /** CH0308: a constant argument that its parameter's rule refuses, in the driver's words. */
  private void constantArguments(Builtin b, java.util.Map<String, Expr> arguments) {
    for (Param p : b.signature().params()) {
      if (p.rule() != null && arguments.get(p.name()) instanceof Expr.Str s
          && s.constant() != null) {
        String problem = p.rule().problem(s.constant());
        if (problem != null) {
          reporter.report(Code.CH0308, s.span(), problem,
              "`" + b.qualifiedName() + "` refuses this `" + p.name() + "`");
        }
      }
    }
  }

  private Target resolve(Expr.Call call, Scope scope, Context ctx) {
    Expr callee = call.callee();
    if (callee instanceof Expr.Name n) {
      return byName(n, scope);
    }
    if (callee instanceof Expr.Member m && m.target() instanceof Expr.Name ns) {
      Symbol s = scope.lookup(ns.name());
      if (s == null) {
        exprs.unknownName(ns, scope, true);
        return null;
      }
      if (s instanceof Symbol.ModuleAlias alias) {
        return moduleFunction(m, alias);
      }
      if (s instanceof Symbol.DriverNs d) {
        file.out().putRef(ns, new Ref.DriverNs(d.driver()));
        Builtin b = file.drivers().builtin(d.name(), m.name().name());
        if (b == null) {
          unknownDriverFunction(m, d);
          return null;
        }
        file.out().putRef(m, new Ref.BuiltinFn(b));
        return new Target(new Callee.Native(b), CallSig.of(b), b.effect(), b.qualifiedName());
      }
    }
    Type t = exprs.check(callee, scope, ctx);
    if (!t.isError()) {
      notCallable(call, "this is " + Article.of(t));
    }
    return null;
  }

  private Target byName(Expr.Name n, Scope scope) {
    Symbol s = scope.lookup(n.name());
    if (s == null) {
      List<String> callables = new ArrayList<>();
      for (String name : file.suggestions().spend(scope.visibleNames()) ? scope.visibleNames()
          : List.<String>of()) {
        Symbol c = scope.lookup(name);
        if (c instanceof Symbol.CoreFn || c instanceof Symbol.Global g
            && !(g.decl() instanceof Decl.Let)) {
          callables.add(name);
        }
      }
      reporter.report(Code.CH0203, n.span(), "unknown function `" + n.name() + "`",
          "no function of this name", Reporter.didYouMean(n.name(), callables));
      return null;
    }
    if (s instanceof Symbol.CoreFn core) {
      file.out().putRef(n, new Ref.BuiltinFn(core.builtin()));
      Builtin b = core.builtin();
      return new Target(new Callee.Native(b), CallSig.of(b), b.effect(), b.qualifiedName());
    }
    if (s instanceof Symbol.Global g && !(g.decl() instanceof Decl.Let)) {
      file.out().putRef(n, new Ref.Global(file.out(), g.decl()));
      return user(file.out(), g.decl(), file.signature(g.decl()), n.name());
    }
    if (s instanceof Symbol.Local l) {
      l.markUsed();
      if (!l.type().isError()) {
        notCallableName(n, "`" + n.name() + "` is " + Article.of(l.type()));
      }
      return null;
    }
    if (s instanceof Symbol.ModuleAlias alias) {
      alias.markUsed();
    }
    String what = s instanceof Symbol.ModuleAlias ? "a module"
        : s instanceof Symbol.DriverNs ? "a driver" : "a top-level `let`";
    notCallableName(n, "`" + n.name() + "` is " + what);
    return null;
  }

  private Target moduleFunction(Expr.Member m, Symbol.ModuleAlias alias) {
    alias.markUsed();
    CheckedProgram module = alias.module();
    if (module == null) {
      return null;
    }
    file.out().putRef(m.target(), new Ref.Module(module));
    String name = m.name().name();
    String shown = alias.name() + "." + name;
    Decl decl = module.exports().get(name);
    if (decl == null) {
      List<String> functions = module.exports().entrySet().stream()
          .filter(e -> !(e.getValue() instanceof Decl.Let))
          .map(e -> alias.name() + "." + e.getKey())
          .toList();
      reporter.report(Code.CH0203, m.span(), "unknown function `" + shown + "`",
          "not provided by module `" + alias.name() + "`", Reporter.didYouMean(shown, functions));
      return null;
    }
    if (decl instanceof Decl.Let) {
      reporter.report(Code.CH0208, m.span(), "`" + shown + "` is not a function",
          "`" + shown + "` is a top-level `let`");
      return null;
    }
    file.out().putRef(m, new Ref.Global(module, decl));
    return user(module, decl, module.signature(decl), shown);
  }

  private static Target user(CheckedProgram owner, Decl decl, CallSig sig, String shown) {
    if (sig == null) {
      return null;
    }
    if (decl instanceof Decl.Action action) {
      return new Target(new Callee.UserAction(owner, action), sig, Effect.MUTATE, shown);
    }
    return new Target(new Callee.UserFn(owner, (Decl.Fn) decl), sig, Effect.READ, shown);
  }

  /** CH0203 for `k8s.kill_pod`, exactly as the contract shows it. */
  void unknownDriverFunction(Expr.Member m, Symbol.DriverNs d) {
    String shown = d.name() + "." + m.name().name();
    List<String> known = d.driver().builtins().stream()
        .map(b -> d.name() + "." + b.name())
        .toList();
    reporter.report(Code.CH0203, m.span(), "unknown function `" + shown + "`",
        "not provided by driver `" + d.name() + "`", Reporter.didYouMean(shown, known));
  }

  private void notCallableName(Expr.Name n, String label) {
    reporter.report(Code.CH0208, n.span(), "`" + n.name() + "` is not a function", label);
  }

  private void notCallable(Expr.Call call, String label) {
    Span callee = call.callee().span();
    int paren = LineContinuation.openParen(call);
    String help = paren >= 0 && callee.source().lines().line(paren) > callee.endLine()
        ? "the `(` on line " + callee.source().lines().line(paren)
            + " continues the expression of the line before; a statement cannot start with `(`"
        : null;
    reporter.report(Code.CH0208, callee, "`" + UnitHelp.shown(call.callee())
        + "` is not a function", label, help);
  }
}
