package dev.chaos.check;

import dev.chaos.syntax.ast.Decl;
import dev.chaos.syntax.ast.Expr;
import dev.chaos.syntax.ast.Member;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a checked runbook reaches, read from its code before it runs (production gates compare
 * it with what the config declares): the driver namespaces it calls, directly or through the
 * `fn`s, `action`s and `let`s it uses, and the named clusters its literal `cluster:` arguments
 * give.
 */
public final class RunbookTargets {
  private final Set<Object> entered = Collections.newSetFromMap(new IdentityHashMap<>());
  private final Set<String> namespaces = new TreeSet<>();
  private final Set<String> clusters = new TreeSet<>();

  private RunbookTargets() {}

  /** The targets of {@code program}'s runbook (none for a module). */
  public static RunbookTargets of(CheckedProgram program) {
    RunbookTargets out = new RunbookTargets();
    program.runbook().ifPresent(r -> {
      for (Member m : r.members()) {
        Walk.member(m, e -> out.visit(e, program));
      }
    });
    return out;
  }

  /** The driver namespaces called: `k8s`, `prometheus`, ... */
  public Set<String> namespaces() {
    return Collections.unmodifiableSet(namespaces);
  }

  /** The cluster names of literal, non-empty `cluster:` arguments. */
  public Set<String> clusters() {
    return Collections.unmodifiableSet(clusters);
  }

  private void visit(Expr e, CheckedProgram owner) {
    if (e instanceof Expr.Name n) {
      Object ref = owner.refOf(n);
      if (ref instanceof Ref.Local local && local.declaration() instanceof Member.Let let
          && entered.add(let)) {
        Walk.expr(let.value(), x -> visit(x, owner));
      } else if (ref instanceof Ref.Global global && global.decl() instanceof Decl.Let let
          && entered.add(let)) {
        Walk.expr(let.value(), x -> visit(x, global.owner()));
      }
      return;
    }
    if (!(e instanceof Expr.Call call) || owner.callOf(call) == null) {
      return;
    }
    CallInfo info = owner.callOf(call);
    Expr cluster = info.arguments().get("cluster");
    if (cluster != null && UnitHelp.unwrap(cluster) instanceof Expr.Str s && s.constant() != null
        && !s.constant().isEmpty()) {
      clusters.add(s.constant());
    }
    if (info.callee() instanceof Callee.Native n) {
      namespaces.add(n.builtin().namespace());
    } else if (info.callee() instanceof Callee.UserFn fn && entered.add(fn.fn())) {
      Walk.expr(fn.fn().body(), x -> visit(x, fn.owner()));
    } else if (info.callee() instanceof Callee.UserAction action
        && entered.add(action.action())) {
      Walk.block(action.action().body(), x -> visit(x, action.owner()));
    }
  }
}
