package dev.chaos.drivers;

import dev.chaos.spi.ArgumentRule;
import dev.chaos.spi.Builtin;
import dev.chaos.spi.BuiltinImpl;
import dev.chaos.spi.Param;
import dev.chaos.types.Value;
import java.util.List;
import java.util.Map;

/**
 * Holds the implementations of a driver to the rules of its table's parameters: before a call
 * reaches its backend, a String argument that a rule refuses fails with the rule's words. Both
 * the sandbox and the live bindings of a driver pass through here, so they refuse the same
 * input the same way, as the checker already did for a constant.
 */
public final class ArgumentRules {
  private ArgumentRules() {}

  /** Wraps, in {@code impls}, each builtin of {@code table} that has a parameter with a rule. */
  public static void enforce(List<Builtin> table, Map<String, BuiltinImpl> impls) {
    for (Builtin b : table) {
      List<Param> ruled = b.signature().params().stream().filter(p -> p.rule() != null).toList();
      BuiltinImpl impl = impls.get(b.qualifiedName());
      if (ruled.isEmpty() || impl == null) {
        continue;
      }
      impls.put(b.qualifiedName(), (args, context) -> {
        for (Param p : ruled) {
          if (args.has(p.name()) && args.get(p.name()) instanceof Value.Str text) {
            refuse(p.rule(), text.value());
          }
        }
        return impl.call(args, context);
      });
    }
  }

  private static void refuse(ArgumentRule rule, String text) {
    String problem = rule.problem(text);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
  }
}
