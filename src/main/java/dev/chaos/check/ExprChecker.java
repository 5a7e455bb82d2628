package dev.chaos.check;

import dev.chaos.diag.Code;
import dev.chaos.syntax.ast.Decl;
import dev.chaos.syntax.ast.Expr;
import dev.chaos.types.Type;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Types expressions and resolves the names in them, writing both into the side tables. An
 * expression already reported gets the error type, which every rule lets through silently.
 */
final class ExprChecker {
  private final FileChecker file;
  private final Reporter reporter;
  private final Operators operators;
  private final CallChecker calls;

  ExprChecker(FileChecker file) {
    this.file = file;
    this.reporter = file.reporter();
    this.operators = new Operators(reporter, file.expect());
    this.calls = new CallChecker(file, this);
  }

  Type check(Expr e, Scope scope, Context ctx) {
    Type t = compute(e, scope, ctx);
    file.out().putType(e, t);
    return t;
  }

  /** Checks {@code e} and that its type fits {@code expected}. */
  Type checkAgainst(Expr e, Type expected, Scope scope, Context ctx, String label) {
    Type t = check(e, scope, ctx);
    file.expect().require(e, t, expected, label);
    return t;
  }

  private Type compute(Expr e, Scope scope, Context ctx) {
    switch (e.kind()) {
      case NAME:
        return name((Expr.Name) e, scope);
      case MEMBER:
        return member((Expr.Member) e, scope, ctx);
      case CALL:
        return calls.check((Expr.Call) e, scope, ctx);
      case INDEX:
        return index((Expr.Index) e, scope, ctx);
      case UNARY: {
        Expr.Unary u = (Expr.Unary) e;
        return operators.unary(u, check(u.operand(), scope, ctx));
      }
      case BINARY: {
        Expr.Binary b = (Expr.Binary) e;
        Type l = check(b.left(), scope, ctx);
        Type r = check(b.right(), scope, ctx);
        return operators.binary(b, l, r);
      }
      case INT:
        return Type.INT;
      case FLOAT:
        return Type.FLOAT;
      case BOOL:
        return Type.BOOL;
      case DURATION:
        return Type.DURATION;
      case PERCENT:
        return Type.PERCENT;
      case TIME_OF_DAY:
        return Type.TIME_OF_DAY;
      case STR:
        return string((Expr.Str) e, scope, ctx);
      case LIST:
        return list((Expr.ListLit) e, scope, ctx);
      case RECORD:
        return record((Expr.RecordLit) e, scope, ctx);
      case PAREN:
        return check(((Expr.Paren) e).inner(), scope, ctx);
      case ERROR:
        return Type.ERROR;
      default:
        throw new IllegalStateException("unhandled expression " + e.kind());
    }
  }

  private Type name(Expr.Name n, Scope scope) {
    Symbol s = scope.lookup(n.name());
    if (s == null) {
      unknownName(n, scope, false);
      return Type.ERROR;
    }
    if (s instanceof Symbol.Local l) {
      l.markUsed();
      file.out().putRef(n, l.ref());
      return l.type();
    }
    if (s instanceof Symbol.Global g && g.decl() instanceof Decl.Let let) {
      file.out().putRef(n, new Ref.Global(file.out(), let));
      return file.globalLetType(let);
    }
    if (s instanceof Symbol.ModuleAlias a) {
      a.markUsed();
      reporter.report(Code.CH0208, n.span(), "module `" + n.name() + "` is not a value",
          "use one of its members: `" + n.name() + ".NAME`");
      return Type.ERROR;
    }
    if (s instanceof Symbol.DriverNs) {
      reporter.report(Code.CH0208, n.span(), "driver `" + n.name() + "` is not a value",
          "call one of its functions: `" + n.name() + ".NAME(...)`");
      return Type.ERROR;
    }
    functionAsValue(n.span(), n.name());
    return Type.ERROR;
  }

  void functionAsValue(dev.chaos.source.Span span, String name) {
    reporter.report(Code.CH0208, span, "`" + name + "` is a function, not a value",
        "call it: `" + name + "(...)`");
  }

  /**
   * Reports an unknown name. The qualifier of `x.y` is more likely a misspelled driver or module
   * when the nearest known name is one, or when nothing is near and it is called.
   */
  void unknownName(Expr.Name n, Scope scope, boolean qualifierOfCall) {
    Iterable<String> names = scope.visibleNames();
    String near = file.suggestions().spend(names)
        ? dev.chaos.diag.Suggest.closest(n.name(), names).orElse(null) : null;
    Symbol nearSymbol = near == null ? null : scope.lookup(near);
    if (nearSymbol instanceof Symbol.Local l) {
      // the misspelling was meant as a use: warning that the intended let is unused would be
      // a second diagnostic for one mistake
      l.markUsed();
    } else if (nearSymbol instanceof Symbol.ModuleAlias a) {
      a.markUsed();
    }
    boolean namespace = nearSymbol instanceof Symbol.DriverNs
        || nearSymbol instanceof Symbol.ModuleAlias || (near == null && qualifierOfCall);
    String help = near == null ? null : "did you mean `" + near + "`?";
    if (namespace) {
      reporter.report(Code.CH0202, n.span(), "unknown driver or module `" + n.name() + "`",
          "no driver or import is named `" + n.name() + "`", help);
      return;
    }
    String where = n.name().equals("abort")
        ? "`abort` is only defined inside `on abort`"
        : n.name().equals("warn") ? "a guard's warning level is `warn when COND`"
        : n.name().equals("runbook") ? "`runbook` is only defined inside a runbook" : null;
    reporter.report(Code.CH0201, n.span(), "undefined name `" + n.name() + "`",
        "not found in this scope", help, where);
  }

  private Type member(Expr.Member m, Scope scope, Context ctx) {
    if (m.target() instanceof Expr.Name ns) {
      Symbol s = scope.lookup(ns.name());
      if (s == null) {
        unknownName(ns, scope, false);
        return Type.ERROR;
      }
      if (s instanceof Symbol.ModuleAlias alias) {
        return moduleMember(m, alias);
      }
      if (s instanceof Symbol.DriverNs d) {
        file.out().putRef(ns, new Ref.DriverNs(d.driver()));
        if (file.drivers().builtin(d.name(), m.name().name()) != null) {
          functionAsValue(m.span(), m.span().text());
        } else {
          calls.unknownDriverFunction(m, d);
        }
        return Type.ERROR;
      }
    }
    Type target = check(m.target(), scope, ctx);
    return field(m, target);
  }

  private Type moduleMember(Expr.Member m, Symbol.ModuleAlias alias) {
    alias.markUsed();
    CheckedProgram module = alias.module();
    if (module == null) {
      return Type.ERROR;
    }
    file.out().putRef(m.target(), new Ref.Module(module));
    Decl decl = module.exports().get(m.name().name());
    if (decl instanceof Decl.Let let) {
      file.out().putRef(m, new Ref.Global(module, let));
      return module.typeOf(let.value());
    }
    if (decl != null) {
      functionAsValue(m.span(), alias.name() + "." + m.name().name());
      return Type.ERROR;
    }
    reporter.report(Code.CH0201, m.name().span(),
        "undefined name `" + alias.name() + "." + m.name().name() + "`",
        "not defined in module `" + alias.name() + "`",
        Reporter.didYouMean(m.name().name(), module.exports().keySet()));
    return Type.ERROR;
  }

  private Type field(Expr.Member m, Type target) {
    String name = m.name().name();
    if (target.isError() || target instanceof Type.Var) {
      return Type.ERROR;
    }
    if (target == Type.JSON) {
      file.out().putRef(m, new Ref.Field(name));
      return Type.JSON;
    }
    if (target instanceof Type.Rec rec) {
      Type t = rec.fields().get(name);
      if (t != null) {
        file.out().putRef(m, new Ref.Field(name));
        return t;
      }
      String suggestion = Reporter.didYouMean(name, rec.fields().keySet());
      reporter.report(Code.CH0209, m.name().span(),
          "no field `" + name + "` on `" + rec.display() + "`", "unknown field",
          suggestion != null ? suggestion
              : "its fields are " + String.join(", ", rec.fields().keySet().stream()
                  .map(Reporter::tick).toList()));
      return Type.ERROR;
    }
    reporter.report(Code.CH0209, m.name().span(),
        "no field `" + name + "` on `" + target.display() + "`",
        Article.of(target) + " has no fields");
    return Type.ERROR;
  }

  private Type index(Expr.Index ix, Scope scope, Context ctx) {
    Type target = check(ix.target(), scope, ctx);
    Type index = check(ix.index(), scope, ctx);
    if (target.isError() || target instanceof Type.Var) {
      return Type.ERROR;
    }
    if (target instanceof Type.ListOf l) {
      file.expect().require(ix.index(), index, Type.INT, "a list index is an `Int`");
      return l.element() instanceof Type.Var ? Type.ERROR : l.element();
    }
    if (target instanceof Type.MapOf m) {
      file.expect().require(ix.index(), index, m.key(),
          "the keys of this map are `" + m.key().display() + "`");
      return m.value() instanceof Type.Var ? Type.ERROR : m.value();
    }
    if (target == Type.JSON) {
      file.expect().require(ix.index(), index, new Type.Union(java.util.List.of(Type.INT, Type.STRING)),
          "a `Json` value is indexed by an `Int` or a `String`");
      return Type.JSON;
    }
    reporter.report(Code.CH0306, ix.target().span(), "cannot index " + Article.of(target),
        "this is " + Article.of(target));
    return Type.ERROR;
  }

  private Type string(Expr.Str s, Scope scope, Context ctx) {
    for (Expr.StrPart part : s.parts()) {
      if (part instanceof Expr.StrPart.Interp interp) {
        Type t = check(interp.expr(), scope, ctx);
        if (t == Type.SECRET) {
          reporter.report(Code.CH0301, interp.expr().span(),
              "a `Secret` cannot be interpolated into a string", "this is a `Secret`",
              "secrets are never printed; pass it only to a parameter that takes a `Secret`");
        } else if (t == Type.UNIT) {
          file.expect().noValue(interp.expr(), null);
        }
      }
    }
    return Type.STRING;
  }

  private Type list(Expr.ListLit l, Scope scope, Context ctx) {
    Type element = Unify.UNKNOWN;
    for (Expr e : l.elements()) {
      Type t = check(e, scope, ctx);
      Type joined = Unify.join(element, t);
      if (joined == null) {
        reporter.report(Code.CH0301, e.span(),
            "expected `" + element.display() + "`, found `" + t.display() + "`",
            "the elements of a list have one type");
      } else {
        element = joined;
      }
    }
    return Type.list(element);
  }

  private Type record(Expr.RecordLit r, Scope scope, Context ctx) {
    Map<String, Type> fields = new LinkedHashMap<>();
    Map<String, Expr.Field> seen = new LinkedHashMap<>();
    for (Expr.Field f : r.fields()) {
      Type t = check(f.value(), scope, ctx);
      Expr.Field first = seen.putIfAbsent(f.key().name(), f);
      if (first != null) {
        reporter.reportWithFirst(first.key().span(), "first given here",
            Code.CH0211, f.key().span(), "field `" + f.key().name() + "` is given twice",
            "already given on line " + first.key().span().startLine());
      } else {
        fields.put(f.key().name(), t);
      }
    }
    return new Type.Rec("", fields);
  }
}
