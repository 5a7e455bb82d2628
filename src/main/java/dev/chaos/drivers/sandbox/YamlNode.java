package dev.chaos.drivers.sandbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A mapping of a world file with its path (`postgres.connections[1]`), so that every mistake in
 * the file is reported where it is, and keys nobody reads are reported as unknown rather than
 * silently ignored.
 */
final class YamlNode {
  private final String source;
  private final String path;
  private final Map<String, Object> map;

  YamlNode(String source, String path, Map<String, Object> map) {
    this.source = source;
    this.path = path;
    this.map = map;
  }

  @SuppressWarnings("unchecked")
  static YamlNode of(String source, String path, Object value) {
    if (value == null) {
      return new YamlNode(source, path, Map.of());
    }
    if (!(value instanceof Map)) {
      throw new WorldFileException(source, path, "expected a mapping");
    }
    Map<String, Object> copy = new LinkedHashMap<>();
    ((Map<Object, Object>) value).forEach((k, v) -> copy.put(String.valueOf(k), v));
    return new YamlNode(source, path, copy);
  }

  String path() {
    return path;
  }

  Set<String> keys() {
    return map.keySet();
  }

  boolean has(String key) {
    return map.containsKey(key) && map.get(key) != null;
  }

  /** Fails on any key not in {@code known}, listing the known ones. */
  YamlNode allowOnly(String... known) {
    Set<String> allowed = new TreeSet<>(List.of(known));
    for (String key : map.keySet()) {
      if (!allowed.contains(key)) {
        throw new WorldFileException(source, child(key), "unknown key `" + key + "`; known keys: "
            + String.join(", ", allowed));
      }
    }
    return this;
  }

  String child(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  YamlNode node(String key) {
    return of(source, child(key), map.get(key));
  }

  String string(String key) {
    if (!has(key)) {
      throw new WorldFileException(source, child(key), "required");
    }
    return scalar(key, map.get(key));
  }

  String string(String key, String fallback) {
    return has(key) ? scalar(key, map.get(key)) : fallback;
  }

  int integer(String key, int fallback) {
    return has(key) ? parse(key, s -> Integer.parseInt(s.trim()), "a whole number") : fallback;
  }

  long longValue(String key, long fallback) {
    return has(key) ? parse(key, s -> Long.parseLong(s.trim()), "a whole number") : fallback;
  }

  double number(String key, double fallback) {
    return has(key) ? parse(key, s -> Double.parseDouble(s.trim()), "a number") : fallback;
  }

  Duration duration(String key, Duration fallback) {
    return has(key) ? parse(key, Quantities::duration, "a duration") : fallback;
  }

  double ratio(String key, double fallback) {
    return has(key) ? parse(key, Quantities::ratio, "a share") : fallback;
  }

  long bytes(String key, long fallback) {
    return has(key) ? parse(key, Quantities::bytes, "an amount of memory") : fallback;
  }

  double inUnit(String key, SeriesUnit unit) {
    return parse(key, s -> Quantities.inUnit(s, unit), "a value");
  }

  <T> T parse(String key, Function<String, T> parser, String what) {
    String text = string(key);
    try {
      return parser.apply(text);
    } catch (IllegalArgumentException e) {
      String reason = e.getMessage() == null || e instanceof NumberFormatException
          ? "`" + text + "` is not " + what : e.getMessage();
      throw new WorldFileException(source, child(key), reason);
    }
  }

  /** A mapping of strings to strings (labels). */
  Map<String, String> strings(String key) {
    YamlNode n = node(key);
    Map<String, String> out = new LinkedHashMap<>();
    for (String k : n.keys()) {
      out.put(k, n.string(k));
    }
    return out;
  }

  List<String> stringList(String key) {
    List<String> out = new ArrayList<>();
    for (Object item : list(key)) {
      out.add(scalar(key, item));
    }
    return out;
  }

  /** The items of a sequence, each as a node. */
  List<YamlNode> nodes(String key) {
    List<YamlNode> out = new ArrayList<>();
    List<Object> items = list(key);
    for (int i = 0; i < items.size(); i++) {
      out.add(of(source, child(key) + "[" + i + "]", items.get(i)));
    }
    return out;
  }

  Object raw(String key) {
    return map.get(key);
  }

  @SuppressWarnings("unchecked")
  private List<Object> list(String key) {
    Object v = map.get(key);
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof List)) {
      throw new WorldFileException(source, child(key), "expected a sequence");
    }
    return (List<Object>) v;
  }

  private String scalar(String key, Object v) {
    if (v instanceof Map || v instanceof List) {
      throw new WorldFileException(source, child(key), "expected a single value");
    }
    return String.valueOf(v);
  }

  WorldFileException error(String key, String message) {
    return new WorldFileException(source, key == null ? path : child(key), message);
  }
}
