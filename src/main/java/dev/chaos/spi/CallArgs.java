package dev.chaos.spi;

import dev.chaos.types.Value;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The evaluated arguments of one call, bound to parameter names by the checker (positional and
 * named alike); an optional parameter that was not passed is absent. {@code rest} holds the
 * variadic tail.
 */
public record CallArgs(Map<String, Value> byName, List<Value> rest) {
  public CallArgs {
    byName = Collections.unmodifiableMap(new LinkedHashMap<>(byName));
    rest = List.copyOf(rest);
  }

  public boolean has(String name) {
    return byName.containsKey(name);
  }

  /** The argument, which the checker guarantees for a required parameter. */
  public Value get(String name) {
    Value v = byName.get(name);
    if (v == null) {
      throw new IllegalArgumentException("no argument `" + name + "`");
    }
    return v;
  }

  public Value getOr(String name, Value fallback) {
    return byName.getOrDefault(name, fallback);
  }
}
