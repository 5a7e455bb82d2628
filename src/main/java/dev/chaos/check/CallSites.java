package dev.chaos.check;

import dev.chaos.source.SourceFile;
import dev.chaos.source.Span;
import dev.chaos.spi.Builtin;
import dev.chaos.syntax.ast.Decl;
import dev.chaos.syntax.ast.Expr;
import dev.chaos.syntax.ast.Member;
import dev.chaos.syntax.ast.ParamDecl;
import dev.chaos.syntax.ast.Stmt;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every driver call a checked runbook can make, with the values its arguments can take as far
 * as they are known before the run: what `chaos deploy` derives Kubernetes RBAC from. A call
 * inside a `fn` or `action` is taken once per call of it, with the caller's arguments bound to
 * its parameters (so `recovery.scale_back("api", 3, namespace: "shop")` reaches `k8s.scale`
 * with `shop`), and a `for` over a literal list takes every element. An argument is a list of
 * its possible values: strings, integers, booleans, selectors (maps with `namespace`, `labels`
 * and `cluster`) and lists; {@link #UNKNOWN} stands for a value only the run knows.
 */
public final class CallSites {
  /** A value the run computes (a query's result, a parameter without a literal argument). */
  public static final Object UNKNOWN = new Object() {
    @Override
    public String toString() {
      return "<unknown>";
    }
  };

  /**
   * A string with parts only the run knows, each written as {@link #UNKNOWN_PART}: a manifest
   * whose pod name is interpolated still says its kind and namespace.
   */
  public record Partial(String text) {}

  /** What stands for an unknown part of a {@link Partial}: a valid name, so YAML still reads. */
  public static final String UNKNOWN_PART = "chaos-unknown-value";

  /** The most values one argument may take before it counts as unknown. */
  private static final int MAX_VALUES = 64;

  /**
   * One builtin call: the runbook line that leads to it ({@code file} and {@code span} of the
   * runbook's own expression), the calls in between ({@code via}: `recovery.chaos:55`, ...),
   * and the possible values of each argument given (absent: not given).
   */
  public record Site(Builtin builtin, SourceFile file, Span span, List<String> via,
      Map<String, List<Object>> arguments) {
    public Site {
      via = List.copyOf(via);
      arguments = Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
    }

    /** "runbooks/pod-failure.chaos:137", then " via recovery.chaos:55" for each call between. */
    public String where() {
      StringBuilder out = new StringBuilder(file.path() + ":" + span.startLine());
      for (String v : via) {
        out.append(" via ").append(v);
      }
      return out.toString();
    }
  }

  private final SourceFile runbookFile;
  private final List<Site> sites = new ArrayList<>();
  private final Set<Object> enteredGlobals = Collections.newSetFromMap(new IdentityHashMap<>());

  private CallSites(SourceFile runbookFile) {
    this.runbookFile = runbookFile;
  }

  /** The builtin calls of {@code program}'s runbook, in source order (none for a module). */
  public static List<Site> of(CheckedProgram program) {
    CallSites out = new CallSites(program.source());
    program.runbook().ifPresent(r -> {
      for (Member m : r.members()) {
        Frame top = new Frame(program, Map.of(), List.of(), null, List.of());
        Walk.member(m, e -> out.visit(e, top));
      }
    });
    return Collections.unmodifiableList(out.sites);
  }

  /**
   * Where the walk is: the file whose tables hold the code, the parameters bound, the calls in
   * between ({@code via}), the runbook expression that led here and the declarations entered.
   */
  private record Frame(CheckedProgram owner, Map<Object, List<Object>> params, List<String> via,
      Span origin, List<Object> stack) {}

  private void visit(Expr e, Frame f) {
    Frame here = f.origin() == null ? new Frame(f.owner(), f.params(), f.via(), e.span(),
        f.stack()) : f;
    if (e instanceof Expr.Name n && f.owner().refOf(n) instanceof Ref.Global g
        && g.decl() instanceof Decl.Let let && enteredGlobals.add(let)) {
      // a module's `let` computed from calls makes them when the run reads it
      Walk.expr(let.value(), x -> visit(x, new Frame(g.owner(), Map.of(), via(here, let.span(),
          g.owner()), here.origin(), here.stack())));
    }
    if (e instanceof Expr.Member m && f.owner().refOf(m) instanceof Ref.Global g
        && g.decl() instanceof Decl.Let let && enteredGlobals.add(let)) {
      Walk.expr(let.value(), x -> visit(x, new Frame(g.owner(), Map.of(), via(here, let.span(),
          g.owner()), here.origin(), here.stack())));
    }
    if (!(e instanceof Expr.Call call)) {
      return;
    }
    CallInfo info = f.owner().callOf(call);
    if (info == null) {
      return;
    }
    if (info.callee() instanceof Callee.Native n) {
      Map<String, List<Object>> args = new LinkedHashMap<>();
      info.arguments().forEach((name, arg) -> args.put(name, eval(arg, f)));
      sites.add(new Site(n.builtin(), runbookFile, here.origin(),
          via(here, call.span(), f.owner()), args));
    } else if (info.callee() instanceof Callee.UserFn fn && !f.stack().contains(fn.fn())) {
      Frame inner = enter(info, fn.fn().params(), fn.owner(), fn.fn(), call.span(), here);
      Walk.expr(fn.fn().body(), x -> visit(x, inner));
    } else if (info.callee() instanceof Callee.UserAction a && !f.stack().contains(a.action())) {
      Frame inner = enter(info, a.action().params(), a.owner(), a.action(), call.span(), here);
      Walk.block(a.action().body(), x -> visit(x, inner));
    }
  }

  /** The frame of a `fn` or `action` called with {@code info}'s arguments. */
  private Frame enter(CallInfo info, List<ParamDecl> params, CheckedProgram callee, Object decl,
      Span callSpan, Frame caller) {
    Map<Object, List<Object>> bound = new IdentityHashMap<>();
    Frame defaults = new Frame(callee, bound, caller.via(), caller.origin(), caller.stack());
    for (ParamDecl p : params) {
      Expr given = info.arguments().get(p.name().name());
      bound.put(p, given != null && given != p.defaultValue() ? eval(given, caller)
          : p.defaultValue() != null ? eval(p.defaultValue(), defaults) : List.of(UNKNOWN));
    }
    List<Object> stack = new ArrayList<>(caller.stack());
    stack.add(decl);
    return new Frame(callee, bound, via(caller, callSpan, caller.owner()), caller.origin(),
        stack);
  }

  /** The calls in between, plus this one when it is not the runbook's own expression. */
  private List<String> via(Frame f, Span span, CheckedProgram owner) {
    List<String> out = new ArrayList<>(f.via());
    if (owner.source() != runbookFile) {
      out.add(owner.source().path() + ":" + span.startLine());
    }
    return out;
  }

  /** The values {@code e} can take in frame {@code f}. */
  private List<Object> eval(Expr e, Frame f) {
    List<Object> out = switch (e.kind()) {
      case PAREN -> eval(((Expr.Paren) e).inner(), f);
      case STR -> string((Expr.Str) e, f);
      case INT -> List.of(((Expr.IntLit) e).value());
      case BOOL -> List.of(((Expr.BoolLit) e).value());
      case LIST -> {
        List<Object> items = new ArrayList<>();
        for (Expr x : ((Expr.ListLit) e).elements()) {
          items.addAll(eval(x, f));
        }
        yield List.of(new Items(items));
      }
      case NAME, MEMBER -> reference(e, f);
      case CALL -> call((Expr.Call) e, f);
      default -> List.of(UNKNOWN);
    };
    return out.size() > MAX_VALUES ? List.of(UNKNOWN) : out;
  }

  /** A list value: every value any of its elements can take. */
  public record Items(List<Object> values) {}

  private List<Object> string(Expr.Str s, Frame f) {
    if (s.constant() != null) {
      return List.of(s.constant());
    }
    List<String> texts = List.of("");
    boolean partial = false;
    for (Expr.StrPart p : s.parts()) {
      List<Object> parts = p instanceof Expr.StrPart.Interp i ? eval(i.expr(), f)
          : List.of(((Expr.StrPart.Text) p).text());
      List<String> next = new ArrayList<>();
      for (String t : texts) {
        for (Object part : parts) {
          if (part instanceof String || part instanceof Long || part instanceof Boolean) {
            next.add(t + part);
          } else {
            partial = true;
            next.add(t + (part instanceof Partial known ? known.text() : UNKNOWN_PART));
          }
        }
      }
      texts = next;
    }
    List<Object> out = new ArrayList<>();
    for (String t : texts) {
      out.add(partial ? new Partial(t) : t);
    }
    return out;
  }

  private List<Object> reference(Expr e, Frame f) {
    Ref ref = f.owner().refOf(e);
    if (ref instanceof Ref.Global g && g.decl() instanceof Decl.Let let) {
      return eval(let.value(), new Frame(g.owner(), Map.of(), f.via(), f.origin(), f.stack()));
    }
    if (ref instanceof Ref.Local local) {
      Object declaration = local.declaration();
      if (declaration instanceof ParamDecl p) {
        return f.params().getOrDefault(p, List.of(UNKNOWN));
      }
      if (declaration instanceof Member.Let let) {
        return eval(let.value(), f);
      }
      if (declaration instanceof Stmt.Let let) {
        return eval(let.value(), f);
      }
      if (declaration instanceof Stmt.For loop) {
        List<Object> out = new ArrayList<>();
        for (Object list : eval(loop.iterable(), f)) {
          if (!(list instanceof Items items)) {
            return List.of(UNKNOWN);
          }
          out.addAll(items.values());
        }
        return out;
      }
    }
    if (ref instanceof Ref.Field field && e instanceof Expr.Member m) {
      List<Object> out = new ArrayList<>();
      for (Object target : eval(m.target(), f)) {
        if (!(target instanceof Map<?, ?> rec) || !rec.containsKey(field.name())) {
          return List.of(UNKNOWN);
        }
        out.add(rec.get(field.name()));
      }
      return out;
    }
    return List.of(UNKNOWN);
  }

  /** `k8s.selector(...)` is a value known before the run; other calls' results are not. */
  private List<Object> call(Expr.Call call, Frame f) {
    CallInfo info = f.owner().callOf(call);
    if (info == null || !(info.callee() instanceof Callee.Native n)
        || !n.builtin().qualifiedName().equals("k8s.selector")) {
      return List.of(UNKNOWN);
    }
    List<Object> out = new ArrayList<>();
    for (Object namespace : arg(info, "namespace", f, null)) {
      for (Object labels : arg(info, "labels", f, "")) {
        for (Object cluster : arg(info, "cluster", f, "")) {
          if (!(namespace instanceof String) || !(cluster instanceof String)) {
            return List.of(UNKNOWN); // which pods is the run's; where they are must be known
          }
          Map<String, Object> selector = new LinkedHashMap<>();
          selector.put("namespace", namespace);
          selector.put("labels", labels);
          selector.put("cluster", cluster);
          out.add(Collections.unmodifiableMap(selector));
        }
      }
    }
    return out;
  }

  private List<Object> arg(CallInfo info, String name, Frame f, Object absent) {
    Expr e = info.arguments().get(name);
    return e != null ? eval(e, f) : List.of(absent == null ? UNKNOWN : absent);
  }
}
