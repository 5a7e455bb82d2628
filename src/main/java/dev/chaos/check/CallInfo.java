package dev.chaos.check;

import dev.chaos.spi.Effect;
import dev.chaos.syntax.ast.Expr;
import java.util.List;
import java.util.Map;

/**
 * A checked call. {@code arguments} maps each given parameter, in signature order, to its
 * argument expression (positional and named alike); absent optional parameters are missing, and
 * for a user `fn`/`action` take their declared default. {@code rest} holds the arguments of a
 * variadic tail (`shell.run(cmd, args...)`), in order; the variadic parameter itself never
 * appears in {@code arguments}. {@code effect} is MUTATE for mutating builtins and every action.
 */
public record CallInfo(Callee callee, Effect effect, Map<String, Expr> arguments, List<Expr> rest) {
  public CallInfo {
    arguments = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(arguments));
    rest = List.copyOf(rest);
  }

  public boolean mutates() {
    return effect == Effect.MUTATE;
  }
}
