package dev.chaos.check;

import dev.chaos.spi.Builtin;
import dev.chaos.spi.Effect;
import dev.chaos.syntax.ast.Block;
import dev.chaos.syntax.ast.Decl;
import dev.chaos.syntax.ast.Expr;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Which builtin calls change the world, looking through the actions a block calls (each action
 * once, so recursive actions end). `fn`s are read-only by rule and are not entered.
 */
final class Effects {
  private Effects() {}

  /** A mutating builtin call and the file whose tables hold it. */
  record Site(Expr.Call call, CheckedProgram owner, Builtin builtin) {}

  static List<Site> mutatingCalls(Block block, CheckedProgram owner) {
    List<Site> out = new ArrayList<>();
    collect(block, owner, out, Collections.newSetFromMap(new IdentityHashMap<>()));
    return out;
  }

  private static void collect(Block block, CheckedProgram owner, List<Site> out,
      Set<Decl.Action> entered) {
    for (Expr.Call call : Walk.calls(block)) {
      CallInfo info = owner.callOf(call);
      if (info == null) {
        continue;
      }
      if (info.callee() instanceof Callee.Native n && n.builtin().effect() == Effect.MUTATE) {
        out.add(new Site(call, owner, n.builtin()));
      } else if (info.callee() instanceof Callee.UserAction a && entered.add(a.action())) {
        collect(a.action().body(), a.owner(), out, entered);
      }
    }
  }
}
