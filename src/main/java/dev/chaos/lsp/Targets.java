package dev.chaos.lsp;

import dev.chaos.check.CallInfo;
import dev.chaos.check.Callee;
import dev.chaos.check.CheckedProgram;
import dev.chaos.check.Ref;
import dev.chaos.spi.Builtin;
import dev.chaos.spi.DriverRegistry;
import dev.chaos.spi.Param;
import dev.chaos.syntax.ast.Arg;
import dev.chaos.syntax.ast.Decl;
import dev.chaos.syntax.ast.Expr;
import dev.chaos.syntax.ast.Ident;
import dev.chaos.syntax.ast.Label;
import dev.chaos.syntax.ast.Member;
import dev.chaos.syntax.ast.ParamDecl;
import dev.chaos.syntax.ast.Program;
import dev.chaos.syntax.ast.Stmt;
import dev.chaos.types.Type;
import java.util.List;
import java.util.Optional;

/**
 * Finds what the cursor is on, from the checked program's side tables: what each name resolved
 * to, the callee of each call, the type of each expression.
 */
final class Targets {
  private Targets() {}

  static Optional<Target> at(Analysis analysis, int offset, DriverRegistry drivers) {
    CheckedProgram program = analysis.program();
    List<Object> nodes = NodePath.at(program.program(), offset).nodes();
    for (int i = nodes.size() - 1; i >= 0; i--) {
      Object node = nodes.get(i);
      Object parent = i > 0 ? nodes.get(i - 1) : null;
      if (node instanceof Ident id) {
        if (parent instanceof Expr.Member m && m.name() == id) {
          continue; // the member expression says what `x.name` is
        }
        return ident(id, parent, i > 1 ? nodes.get(i - 2) : null, program, drivers);
      }
      if (node instanceof Label label) {
        return label(label, parent, program);
      }
      if (node instanceof Expr e) {
        return Optional.of(expr(e, parent, program));
      }
    }
    return Optional.empty();
  }

  private static Optional<Target> ident(Ident id, Object parent, Object grandparent,
      CheckedProgram program, DriverRegistry drivers) {
    if (parent instanceof Decl decl) {
      return Optional.of(new Target.Global(id.span(), program, decl));
    }
    if (parent instanceof ParamDecl p) {
      return Optional.of(new Target.Local(id.span(), p, Type.ERROR));
    }
    if (parent instanceof Stmt.Let l) {
      return Optional.of(new Target.Local(id.span(), l, program.typeOf(l.value())));
    }
    if (parent instanceof Member.Let l) {
      return Optional.of(new Target.Local(id.span(), l, program.typeOf(l.value())));
    }
    if (parent instanceof Member.Observe o) {
      return Optional.of(new Target.Local(id.span(), o, program.typeOf(o.value())));
    }
    if (parent instanceof Stmt.For f) {
      Type list = program.typeOf(f.iterable());
      return Optional.of(new Target.Local(id.span(), f,
          list instanceof Type.ListOf l ? l.element() : Type.ERROR));
    }
    if (parent instanceof Program.Import imp) {
      return module(id.span(), imp, program);
    }
    if (parent instanceof Member.Attribute && Keywords.markdown(id.name()) != null) {
      return Optional.of(new Target.Documented(id.span(), Keywords.markdown(id.name())));
    }
    if (parent instanceof Arg arg && grandparent instanceof Expr.Call call) {
      return argument(id, arg, call, program, drivers);
    }
    return Optional.empty();
  }

  private static Optional<Target> argument(Ident id, Arg arg, Expr.Call call,
      CheckedProgram program, DriverRegistry drivers) {
    CallInfo info = program.callOf(call);
    if (info != null && info.callee() instanceof Callee.Native n) {
      for (Param p : n.builtin().signature().params()) {
        if (p.name().equals(id.name())) {
          return Optional.of(new Target.Documented(id.span(), Signatures.paramLine(p)));
        }
      }
    }
    Decl decl = info == null ? null
        : info.callee() instanceof Callee.UserFn f ? f.fn()
        : info.callee() instanceof Callee.UserAction a ? a.action() : null;
    List<ParamDecl> params = decl instanceof Decl.Fn f ? f.params()
        : decl instanceof Decl.Action a ? a.params() : List.of();
    for (ParamDecl p : params) {
      if (p.name().name().equals(id.name())) {
        return Optional.of(new Target.Documented(id.span(), "- `" + p.span().text() + "`"));
      }
    }
    return Optional.empty();
  }

  private static Optional<Target> label(Label label, Object parent, CheckedProgram program) {
    if (parent instanceof Program.Import imp) {
      return module(label.span(), imp, program);
    }
    if (parent instanceof Member m) {
      return Optional.of(new Target.Section(label.span(), m));
    }
    return Optional.empty();
  }

  private static Optional<Target> module(dev.chaos.source.Span at, Program.Import imp,
      CheckedProgram program) {
    String spec = imp.path().text();
    String alias = imp.alias() != null && !imp.alias().isMissing() ? imp.alias().name()
        : defaultAlias(spec);
    CheckedProgram module = program.modules().get(alias);
    return module == null ? Optional.empty() : Optional.of(new Target.Module(at, alias, module));
  }

  /** As the checker names an import without `as`: `"../lib/common.chaos"` is `common`. */
  static String defaultAlias(String spec) {
    String last = spec.substring(spec.lastIndexOf('/') + 1);
    return last.endsWith(".chaos") ? last.substring(0, last.length() - ".chaos".length()) : last;
  }

  private static Target expr(Expr e, Object parent, CheckedProgram program) {
    if (e instanceof Expr.Call call) {
      return callee(call, program, call.callee());
    }
    if (parent instanceof Expr.Call call && call.callee() == e) {
      return callee(call, program, e);
    }
    return reference(e, program);
  }

  private static Target callee(Expr.Call call, CheckedProgram program, Expr callee) {
    CallInfo info = program.callOf(call);
    if (info != null) {
      if (info.callee() instanceof Callee.Native n) {
        return new Target.Function(callee.span(), n.builtin());
      }
      if (info.callee() instanceof Callee.UserFn f) {
        return new Target.Global(callee.span(), f.owner(), f.fn());
      }
      if (info.callee() instanceof Callee.UserAction a) {
        return new Target.Global(callee.span(), a.owner(), a.action());
      }
    }
    return reference(callee, program);
  }

  private static Target reference(Expr e, CheckedProgram program) {
    Ref ref = program.refOf(e);
    if (ref instanceof Ref.Local local) {
      return new Target.Local(e.span(), local.declaration(), program.typeOf(e));
    }
    if (ref instanceof Ref.Global global) {
      return new Target.Global(e.span(), global.owner(), global.decl());
    }
    if (ref instanceof Ref.BuiltinFn fn) {
      return new Target.Function(e.span(), fn.builtin());
    }
    if (ref instanceof Ref.DriverNs ns) {
      return new Target.Namespace(e.span(), ns.driver());
    }
    if (ref instanceof Ref.Module module) {
      String alias = e instanceof Expr.Name n ? n.name() : e.span().text();
      return new Target.Module(e.span(), alias, module.module());
    }
    return new Target.Value(e.span(), e, program.typeOf(e));
  }

  /** The builtin a qualified name stands for (`k8s.kill_pods`, `len`), or null. */
  static Builtin builtin(DriverRegistry drivers, String qualified) {
    int dot = qualified.lastIndexOf('.');
    return dot < 0 ? drivers.builtin("", qualified)
        : drivers.builtin(qualified.substring(0, dot), qualified.substring(dot + 1));
  }
}
