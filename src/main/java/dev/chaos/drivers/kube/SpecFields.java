package dev.chaos.drivers.kube;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The fields of a chaos spec as Chaos Mesh reads them (one of a set, a Go duration, a whole
 * number in range, a list); each refusal names the object and the field.
 */
final class SpecFields {
  private SpecFields() {}

  static void oneOf(String subject, String field, String value, String... allowed) {
    if (!List.of(allowed).contains(value)) {
      throw new IllegalArgumentException(subject + (value.isEmpty() ? " has no `" + field + "`"
          : " `" + field + "` `" + value + "` is not one Chaos Mesh takes") + ": give one of "
          + String.join(", ", allowed));
    }
  }

  static Duration optionalDuration(String subject, Map<String, Object> spec,
      String field) {
    Object value = spec.get(field);
    return value == null || String.valueOf(value).isBlank() ? null
        : goDuration(subject, field, value, false);
  }

  static Duration goDuration(String subject, String field, Object value,
      boolean required) {
    if (value == null || String.valueOf(value).isBlank()) {
      if (required) {
        throw new IllegalArgumentException(subject + " has no `" + field + "`");
      }
      return Duration.ZERO;
    }
    try {
      return GoDuration.parse(String.valueOf(value));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(subject + " `" + field + "` " + e.getMessage());
    }
  }

  static int whole(String subject, String field, Object value, int otherwise, int min,
      int max) {
    if (value == null || String.valueOf(value).isBlank()) {
      if (otherwise < 0) {
        throw new IllegalArgumentException(subject + " has no `" + field + "`");
      }
      return otherwise;
    }
    String text = String.valueOf(value).trim();
    int n;
    try {
      n = Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(subject + " `" + field + "` `" + text + "` is not a"
          + " whole number");
    }
    if (n < min || n > max) {
      throw new IllegalArgumentException(subject + " `" + field + "` " + n + " is out of range: "
          + "give " + min + " to " + max);
    }
    return n;
  }

  static void copy(Map<String, Object> spec, Map<String, String> details,
      String... fields) {
    for (String f : fields) {
      if (spec.get(f) != null) {
        details.put(f, String.valueOf(spec.get(f)));
      }
    }
  }

  static List<Object> list(Object value) {
    return value instanceof List<?> l ? new ArrayList<>(l) : List.of();
  }

  static List<String> strings(Object value) {
    List<String> out = new ArrayList<>();
    for (Object o : list(value)) {
      out.add(String.valueOf(o));
    }
    return out;
  }
}
