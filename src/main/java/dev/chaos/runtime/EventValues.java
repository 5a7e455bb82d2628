package dev.chaos.runtime;

import dev.chaos.spi.CallArgs;
import dev.chaos.types.JsonTree;
import dev.chaos.types.Type;
import dev.chaos.types.Value;
import dev.chaos.types.ValueFormat;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Values of the runbook as run events carry them: JSON trees a program can act on. Records and
 * maps become objects, lists arrays, Int and Float numbers, Bool booleans; what JSON has no type
 * for is written as the language writes it: a Duration `1m30s`, a Percent `30%`, a TimeOfDay
 * `02:00`, a Time in RFC 3339, a Secret `***`; Unit is null, a Json value its own tree.
 *
 * <p>{@link #display} shows such a tree as {@link Value#display()} shows the value, so the
 * console reads the same from a live event as from one read back from a journal (a Json object
 * or array is shown the way a record or list is). {@link #value} reads a tree back as the value
 * of a static type, for `chaos recover` (the values an undo block reads).
 */
public final class EventValues {
  private EventValues() {}

  /** The tree of a value. */
  static Object of(Value v) {
    return switch (v.kind()) {
      case BOOL -> ((Value.Bool) v).value();
      case INT -> ((Value.Int) v).value();
      case FLOAT -> number(((Value.Float) v).value());
      case STRING, DURATION, PERCENT, TIME, TIME_OF_DAY, SECRET -> v.display();
      case LIST -> list(((Value.List) v).items());
      case MAP -> {
        Map<String, Object> out = new LinkedHashMap<>();
        ((Value.Map) v).entries().forEach((k, x) -> out.put(k.display(), of(x)));
        yield out;
      }
      case RECORD -> {
        Map<String, Object> out = new LinkedHashMap<>();
        ((Value.Rec) v).fields().forEach((k, x) -> out.put(k, of(x)));
        yield out;
      }
      case JSON -> json(((Value.Json) v).tree());
      case UNIT -> null;
    };
  }

  /**
   * The value of static type {@code type} whose tree {@link #of} wrote: the reading half of
   * this encoding, for `chaos recover` (the type says what a string or an object stands for).
   * A record gets the fields its type declares; a percentage is exact to the 6 decimals it is
   * written with.
   *
   * @throws IllegalArgumentException naming what does not fit the type
   */
  static Value value(Object tree, Type type) {
    if (type instanceof Type.ListOf list && tree instanceof List<?> items) {
      List<Value> out = new ArrayList<>(items.size());
      items.forEach(x -> out.add(value(x, list.element())));
      return Value.list(out);
    }
    if (type instanceof Type.MapOf map && tree instanceof Map<?, ?> entries) {
      Map<Value, Value> out = new LinkedHashMap<>();
      entries.forEach((k, x) -> out.put(key((String) k, map.key()), value(x, map.value())));
      return new Value.Map(out);
    }
    if (type instanceof Type.Rec rec && tree instanceof Map<?, ?> fields) {
      Map<String, Value> out = new LinkedHashMap<>();
      for (Map.Entry<String, Type> field : rec.fields().entrySet()) {
        if (!fields.containsKey(field.getKey())) {
          throw new IllegalArgumentException("no field `" + field.getKey() + "` for a "
              + rec.display());
        }
        out.put(field.getKey(), value(fields.get(field.getKey()), field.getValue()));
      }
      return new Value.Rec(rec.name(), out);
    }
    if (type instanceof Type.Prim prim) {
      Value v = primitive(tree, prim);
      if (v != null) {
        return v;
      }
    }
    throw new IllegalArgumentException("expected a value of type " + type.display()
        + ", got " + JsonTree.write(tree));
  }

  /** A map key, written as the key is shown. */
  private static Value key(String text, Type type) {
    return switch (type instanceof Type.Prim p ? p : Type.Prim.ERROR) {
      case INT -> Value.integer(Long.parseLong(text));
      case FLOAT -> Value.number(Double.parseDouble(text));
      case BOOL -> Value.bool(Boolean.parseBoolean(text));
      default -> value(text, type);
    };
  }

  private static Value primitive(Object tree, Type.Prim type) {
    return switch (type) {
      case BOOL -> tree instanceof Boolean b ? Value.bool(b) : null;
      case INT -> tree instanceof Long l ? Value.integer(l) : null;
      case FLOAT -> tree instanceof Number n ? Value.number(n.doubleValue())
          : tree instanceof String s && s.matches("NaN|-?Infinity")
              ? Value.number(Double.parseDouble(s)) : null;
      case STRING -> tree instanceof String s ? Value.str(s) : null;
      case DURATION -> tree instanceof String s ? Value.duration(JournalCodec.duration(s)) : null;
      case PERCENT -> tree instanceof String s && s.endsWith("%")
          ? Value.percent(Double.parseDouble(s.substring(0, s.length() - 1))) : null;
      case TIME -> tree instanceof String s ? new Value.Time(Instant.parse(s)) : null;
      case TIME_OF_DAY -> tree instanceof String s
          ? new Value.TimeOfDay(LocalTime.parse(s)) : null;
      case JSON -> JsonTree.of(tree);
      case UNIT -> tree == null ? Value.UNIT : null;
      case SECRET, ERROR -> null; // a secret is never journaled
    };
  }

  /** A call's arguments by parameter name, the variadic tail as an array under `...`. */
  static Map<String, Object> args(CallArgs args) {
    Map<String, Object> out = new LinkedHashMap<>();
    args.byName().forEach((k, v) -> out.put(k, of(v)));
    if (!args.rest().isEmpty()) {
      out.put("...", list(args.rest()));
    }
    return out;
  }

  private static List<Object> list(List<Value> items) {
    List<Object> out = new ArrayList<>(items.size());
    items.forEach(x -> out.add(of(x)));
    return out;
  }

  /** NaN and the infinities have no JSON number: they are written as Float shows them. */
  private static Object number(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      return Double.toString(d);
    }
    return d == 0 ? 0.0 : d; // -0.0 would read back as 0.0
  }

  private static Object json(Object node) {
    if (node instanceof Double d) {
      return number(d);
    }
    if (node instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, x) -> out.put((String) k, json(x)));
      return out;
    }
    if (node instanceof List<?> items) {
      List<Object> out = new ArrayList<>(items.size());
      items.forEach(x -> out.add(json(x)));
      return out;
    }
    return node;
  }

  /** The tree as the console shows it: `{namespace: shop, labels: tier=backend}`, `30%`. */
  public static String display(Object tree) {
    if (tree == null) {
      return "()";
    }
    if (tree instanceof Double d) {
      return ValueFormat.number(d);
    }
    if (tree instanceof Map<?, ?> map) {
      List<String> entries = new ArrayList<>();
      map.forEach((k, x) -> entries.add(k + ": " + display(x)));
      return "{" + String.join(", ", entries) + "}";
    }
    if (tree instanceof List<?> items) {
      List<String> shown = new ArrayList<>();
      items.forEach(x -> shown.add(display(x)));
      return "[" + String.join(", ", shown) + "]";
    }
    return tree.toString();
  }

  /** {@link #display}, cut as long results are cut on the console. */
  public static String brief(Object tree) {
    return Shown.cut(display(tree));
  }
}
