package dev.chaos.types;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The plain Java trees inside {@link Value.Json}: Map (String keys, insertion order), List,
 * String, Long, Double, Boolean and null. This layer knows no JSON library, so it builds,
 * compares and writes such trees itself; parsers live in higher layers and hand their result to
 * {@link #of(Object)}.
 */
public final class JsonTree {
  private JsonTree() {}

  /** Checks a tree and normalises it: every integer becomes a Long, every decimal a Double. */
  public static Value.Json of(Object tree) {
    return new Value.Json(normalise(tree));
  }

  static Object normalise(Object node) {
    if (node == null || node instanceof String || node instanceof Boolean || node instanceof Long
        || node instanceof Double) {
      return node;
    }
    if (node instanceof Integer || node instanceof Short || node instanceof Byte) {
      return ((Number) node).longValue();
    }
    if (node instanceof Float f) {
      return Double.valueOf(f.toString());
    }
    if (node instanceof BigInteger b) {
      return b.bitLength() < 64 ? (Object) b.longValue() : (Object) b.doubleValue();
    }
    if (node instanceof BigDecimal b) {
      return b.doubleValue();
    }
    if (node instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!(e.getKey() instanceof String key)) {
          throw new IllegalArgumentException("a Json object has String keys, not " + e.getKey());
        }
        copy.put(key, normalise(e.getValue()));
      }
      return Collections.unmodifiableMap(copy);
    }
    if (node instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      list.forEach(item -> copy.add(normalise(item)));
      return Collections.unmodifiableList(copy);
    }
    throw new IllegalArgumentException("not a Json tree node: " + node.getClass().getName());
  }

  /** What a node is, for messages: "a Json string". */
  public static String describe(Object node) {
    if (node == null) {
      return "Json null";
    } else if (node instanceof String) {
      return "a Json string";
    } else if (node instanceof Boolean) {
      return "a Json boolean";
    } else if (node instanceof Number) {
      return "a Json number";
    } else if (node instanceof Map) {
      return "a Json object";
    }
    return "a Json array";
  }

  /** Deep equality where numbers compare by value: `1` equals `1.0`. */
  public static boolean equal(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      if (x instanceof Long l && y instanceof Long m) {
        return l.longValue() == m.longValue();
      }
      return x.doubleValue() == y.doubleValue();
    }
    if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
      if (x.size() != y.size()) {
        return false;
      }
      for (Map.Entry<?, ?> e : x.entrySet()) {
        if (!y.containsKey(e.getKey()) || !equal(e.getValue(), y.get(e.getKey()))) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof List<?> x && b instanceof List<?> y) {
      if (x.size() != y.size()) {
        return false;
      }
      for (int i = 0; i < x.size(); i++) {
        if (!equal(x.get(i), y.get(i))) {
          return false;
        }
      }
      return true;
    }
    return a == null ? b == null : a.equals(b);
  }

  /** A hash consistent with {@link #equal}. */
  public static int hash(Object node) {
    if (node instanceof Number n) {
      return Double.hashCode(n.doubleValue());
    }
    if (node instanceof Map<?, ?> map) {
      int h = 0;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        h += e.getKey().hashCode() ^ hash(e.getValue());
      }
      return h;
    }
    if (node instanceof List<?> list) {
      int h = 1;
      for (Object item : list) {
        h = 31 * h + hash(item);
      }
      return h;
    }
    return node == null ? 0 : node.hashCode();
  }

  /** Compact JSON text. */
  public static String write(Object node) {
    StringBuilder out = new StringBuilder();
    write(node, out);
    return out.toString();
  }

  private static void write(Object node, StringBuilder out) {
    if (node == null) {
      out.append("null");
    } else if (node instanceof String s) {
      quote(s, out);
    } else if (node instanceof Double d) {
      out.append(d.isNaN() || d.isInfinite() ? "null" : ValueFormat.number(d));
    } else if (node instanceof Number || node instanceof Boolean) {
      out.append(node);
    } else if (node instanceof Map<?, ?> map) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!first) {
          out.append(',');
        }
        first = false;
        quote((String) e.getKey(), out);
        out.append(':');
        write(e.getValue(), out);
      }
      out.append('}');
    } else if (node instanceof List<?> list) {
      out.append('[');
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        write(list.get(i), out);
      }
      out.append(']');
    } else {
      throw new IllegalArgumentException("not a Json tree node: " + node.getClass().getName());
    }
  }

  private static void quote(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
