package dev.chaos.drivers.sandbox;

import dev.chaos.spi.yaml.Origin;
import dev.chaos.spi.yaml.YamlNode;
import dev.chaos.spi.yaml.YamlSection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A mapping of a world file, read by the location-aware reader ({@link YamlNode}), with its
 * dotted path (`postgres.connections[1]`): every mistake in the file is reported at its line
 * and column and names the key, and keys nobody reads are reported as unknown (with the
 * closest known one) rather than silently ignored.
 */
final class WorldNode {
  private final Origin origin;
  private final Map<String, YamlNode.Entry> map;

  private WorldNode(Origin origin, Map<String, YamlNode.Entry> map) {
    this.origin = origin;
    this.map = map;
  }

  /** {@code value} (null: absent, an empty mapping) at {@code origin}, whose key is its path. */
  static WorldNode of(Origin origin, YamlNode value) {
    if (value == null || isNull(value)) {
      return new WorldNode(origin, Map.of());
    }
    if (!(value instanceof YamlNode.Mapping mapping)) {
      throw new WorldFileException(at(origin, value), named(origin.key(), "expected a mapping"));
    }
    return new WorldNode(origin, mapping.entries());
  }

  String path() {
    return origin.key();
  }

  Set<String> keys() {
    return map.keySet();
  }

  boolean has(String key) {
    return map.containsKey(key) && !isNull(map.get(key).value());
  }

  /** Fails on any key not in {@code known}, as every YAML file does (see YamlSection). */
  WorldNode allowOnly(String... known) {
    Set<String> allowed = new TreeSet<>(List.of(known));
    for (YamlNode.Entry entry : map.values()) {
      if (!allowed.contains(entry.key())) {
        throw new WorldFileException(keyOrigin(entry),
            YamlSection.unknownKey(child(entry.key()), entry.key(), allowed));
      }
    }
    return this;
  }

  String child(String key) {
    return origin.key().isEmpty() ? key : origin.key() + "." + key;
  }

  WorldNode node(String key) {
    YamlNode.Entry entry = map.get(key);
    return entry == null ? new WorldNode(new Origin(origin.file(), origin.line(),
        origin.column(), child(key)), Map.of()) : of(keyOrigin(entry), entry.value());
  }

  String string(String key) {
    if (!has(key)) {
      throw new WorldFileException(origin, named(child(key), "required"));
    }
    return scalar(key, map.get(key).value());
  }

  String string(String key, String fallback) {
    return has(key) ? scalar(key, map.get(key).value()) : fallback;
  }

  int integer(String key, int fallback) {
    return has(key) ? parse(key, s -> Integer.parseInt(s.trim()), "a whole number") : fallback;
  }

  /** A whole number in [min, max], refused naming the bounds and {@code why} they are. */
  int integer(String key, int fallback, int min, int max, String why) {
    if (!has(key)) {
      return fallback;
    }
    long value = parse(key, s -> Long.parseLong(s.trim()), "a whole number");
    if (value < min || value > max) {
      throw error(key, "`" + value + "` is out of range: " + why + " (" + min + " to " + max + ")");
    }
    return (int) value;
  }

  /** A share of a whole: `0%` to `100%`, or a ratio 0 to 1. */
  double share(String key, double fallback) {
    double value = ratio(key, fallback);
    if (has(key) && !(value >= 0 && value <= 1)) {
      throw error(key, "`" + string(key) + "` is not a share between 0% and 100%");
    }
    return value;
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
      throw error(key, reason);
    }
  }

  /** A mapping of strings to strings (labels). */
  Map<String, String> strings(String key) {
    WorldNode n = node(key);
    Map<String, String> out = new LinkedHashMap<>();
    for (String k : n.keys()) {
      out.put(k, n.string(k));
    }
    return out;
  }

  List<String> stringList(String key) {
    List<String> out = new ArrayList<>();
    for (YamlNode item : list(key)) {
      out.add(scalar(key, item));
    }
    return out;
  }

  /** The items of a sequence, each as a node. */
  List<WorldNode> nodes(String key) {
    List<WorldNode> out = new ArrayList<>();
    List<YamlNode> items = list(key);
    for (int i = 0; i < items.size(); i++) {
      YamlNode item = items.get(i);
      out.add(of(new Origin(origin.file(), item.line(), item.column(),
          child(key) + "[" + i + "]"), item));
    }
    return out;
  }

  /** The value at {@code key} as plain Java: maps, lists, strings, Long, Double, Boolean. */
  Object plain(String key) {
    YamlNode.Entry entry = map.get(key);
    return entry == null ? null : plain(entry.value());
  }

  private static Object plain(YamlNode node) {
    if (node instanceof YamlNode.Mapping m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.entries().forEach((k, e) -> out.put(k, plain(e.value())));
      return out;
    }
    if (node instanceof YamlNode.Sequence s) {
      return s.items().stream().map(WorldNode::plain).collect(Collectors.toList());
    }
    YamlNode.Scalar scalar = (YamlNode.Scalar) node;
    switch (scalar.type()) {
      case NULL:
        return null;
      case BOOLEAN:
        return Boolean.parseBoolean(scalar.text().toLowerCase(java.util.Locale.ROOT));
      case NUMBER:
        try {
          return Long.parseLong(scalar.text());
        } catch (NumberFormatException e) {
          return Double.parseDouble(scalar.text());
        }
      default:
        return scalar.text();
    }
  }

  private List<YamlNode> list(String key) {
    YamlNode.Entry entry = map.get(key);
    if (entry == null || isNull(entry.value())) {
      return List.of();
    }
    if (!(entry.value() instanceof YamlNode.Sequence sequence)) {
      throw error(key, "expected a sequence");
    }
    return sequence.items();
  }

  private String scalar(String key, YamlNode v) {
    if (!(v instanceof YamlNode.Scalar scalar)) {
      throw error(key, "expected a single value");
    }
    return scalar.text();
  }

  /** A mistake at {@code key}'s value (at this mapping when null or absent). */
  WorldFileException error(String key, String message) {
    if (key == null) {
      return new WorldFileException(origin, named(origin.key(), message));
    }
    YamlNode.Entry entry = map.get(key);
    Origin at = entry == null ? origin : at(keyOrigin(entry), entry.value());
    return new WorldFileException(at, named(child(key), message));
  }

  private Origin keyOrigin(YamlNode.Entry entry) {
    return new Origin(origin.file(), entry.line(), entry.column(), child(entry.key()));
  }

  private static Origin at(Origin origin, YamlNode node) {
    return new Origin(origin.file(), node.line(), node.column(), origin.key());
  }

  private static String named(String path, String message) {
    return path.isEmpty() ? message : "`" + path + "`: " + message;
  }

  private static boolean isNull(YamlNode node) {
    return node instanceof YamlNode.Scalar s && s.type() == YamlNode.Scalar.ScalarType.NULL;
  }
}
