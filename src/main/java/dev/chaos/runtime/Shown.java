package dev.chaos.runtime;

import dev.chaos.spi.CallArgs;
import dev.chaos.types.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Values as the report shows them (the journal and the console use {@link EventValues}).
 * Everything goes through {@link Value#display()}, so a Secret, however deep in a record, shows
 * as `***`.
 */
final class Shown {
  /** Long results (a Json body, a manifest) are cut here, with a note of how much was cut. */
  static final int MAX = 400;

  private Shown() {}

  /** Arguments by parameter name, the variadic tail under `...`. */
  static Map<String, Object> args(CallArgs args) {
    Map<String, Object> out = new LinkedHashMap<>();
    args.byName().forEach((k, v) -> out.put(k, brief(v)));
    if (!args.rest().isEmpty()) {
      List<String> rest = new ArrayList<>();
      args.rest().forEach(v -> rest.add(brief(v)));
      out.put("...", rest);
    }
    return out;
  }

  /** `k8s.kill_pods(selector: llm-marketplace/tier=backend, fraction: 30%)`. */
  static String call(String fn, Map<String, Object> args) {
    StringBuilder out = new StringBuilder(fn).append('(');
    boolean first = true;
    for (Map.Entry<String, Object> a : args.entrySet()) {
      if (!first) {
        out.append(", ");
      }
      first = false;
      out.append(a.getKey()).append(": ").append(a.getValue());
    }
    return out.append(')').toString();
  }

  static String brief(Value v) {
    return cut(v.display());
  }

  static String cut(String text) {
    if (text.length() <= MAX) {
      return text;
    }
    return text.substring(0, MAX) + "... (" + (text.length() - MAX) + " more characters)";
  }
}
