package dev.chaos.drivers.sandbox;

import dev.chaos.drivers.ManifestDocuments;
import java.util.LinkedHashMap;
import java.util.Map;

/** JSON merge patch (RFC 7386), as `kubectl patch --type=merge` applies it. */
final class MergePatch {
  private MergePatch() {}

  static Map<String, Object> apply(Map<String, Object> target, Map<String, Object> patch) {
    Map<String, Object> out = new LinkedHashMap<>(target);
    for (Map.Entry<String, Object> e : patch.entrySet()) {
      Object value = e.getValue();
      if (value == null) {
        out.remove(e.getKey());
      } else if (value instanceof Map) {
        out.put(e.getKey(), apply(ManifestDocuments.map(out.get(e.getKey())), ManifestDocuments.map(value)));
      } else {
        out.put(e.getKey(), value);
      }
    }
    return out;
  }
}
