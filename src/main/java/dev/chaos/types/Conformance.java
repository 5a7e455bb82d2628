package dev.chaos.types;

import java.util.Map;

/**
 * Whether a run-time value is exactly what a builtin declared to return: the interpreter can
 * hold a driver to its signature, and the sandbox tests hold every binding to its table. The
 * match is strict, as a driver's result must be: an Int is not a Float here, a `Json` result is
 * a {@link Value.Json}, a named record has exactly the fields of its type, in order.
 */
public final class Conformance {
  private Conformance() {}

  public static boolean conforms(Value value, Type type) {
    return mismatch(value, type) == null;
  }

  /**
   * Why {@code value} is not a {@code type}, naming where inside it the difference is
   * ("`names[1]`: expected String, got Int"); null when it is one. A type variable accepts
   * anything, a union any of its options.
   */
  public static String mismatch(Value value, Type type) {
    return mismatch(value, type, "");
  }

  private static String mismatch(Value value, Type type, String path) {
    if (type instanceof Type.Var) {
      return null;
    }
    if (type instanceof Type.Union u) {
      for (Type option : u.options()) {
        if (mismatch(value, option, path) == null) {
          return null;
        }
      }
      return at(path, "expected " + type.display() + ", got " + describe(value));
    }
    if (type instanceof Type.ListOf l) {
      if (!(value instanceof Value.List list)) {
        return at(path, "expected " + type.display() + ", got " + describe(value));
      }
      for (int i = 0; i < list.items().size(); i++) {
        String inner = mismatch(list.items().get(i), l.element(), path + "[" + i + "]");
        if (inner != null) {
          return inner;
        }
      }
      return null;
    }
    if (type instanceof Type.MapOf m) {
      if (!(value instanceof Value.Map map)) {
        return at(path, "expected " + type.display() + ", got " + describe(value));
      }
      for (Map.Entry<Value, Value> e : map.entries().entrySet()) {
        String key = mismatch(e.getKey(), m.key(), path + "{key " + e.getKey().display() + "}");
        if (key != null) {
          return key;
        }
        String v = mismatch(e.getValue(), m.value(), path + "[" + e.getKey().display() + "]");
        if (v != null) {
          return v;
        }
      }
      return null;
    }
    if (type instanceof Type.Rec r) {
      return recordMismatch(value, r, path);
    }
    return primMismatch(value, (Type.Prim) type, path);
  }

  private static String recordMismatch(Value value, Type.Rec type, String path) {
    if (!(value instanceof Value.Rec rec)) {
      return at(path, "expected " + type.display() + ", got " + describe(value));
    }
    if (!rec.typeName().equals(type.name())) {
      return at(path, "expected " + type.display() + ", got " + describe(value));
    }
    if (!rec.fields().keySet().stream().toList()
        .equals(type.fields().keySet().stream().toList())) {
      return at(path, "expected the fields " + type.fields().keySet() + ", got "
          + rec.fields().keySet());
    }
    for (Map.Entry<String, Type> f : type.fields().entrySet()) {
      String inner = mismatch(rec.fields().get(f.getKey()), f.getValue(),
          path.isEmpty() ? f.getKey() : path + "." + f.getKey());
      if (inner != null) {
        return inner;
      }
    }
    return null;
  }

  private static String primMismatch(Value value, Type.Prim type, String path) {
    Value.Kind expected = switch (type) {
      case BOOL -> Value.Kind.BOOL;
      case INT -> Value.Kind.INT;
      case FLOAT -> Value.Kind.FLOAT;
      case STRING -> Value.Kind.STRING;
      case DURATION -> Value.Kind.DURATION;
      case PERCENT -> Value.Kind.PERCENT;
      case TIME -> Value.Kind.TIME;
      case TIME_OF_DAY -> Value.Kind.TIME_OF_DAY;
      case SECRET -> Value.Kind.SECRET;
      case JSON -> Value.Kind.JSON;
      case UNIT -> Value.Kind.UNIT;
      case ERROR -> null;
    };
    if (expected == null || value.kind() == expected) {
      return null;
    }
    return at(path, "expected " + type.display() + ", got " + describe(value));
  }

  private static String describe(Value value) {
    if (value instanceof Value.Rec r && !r.typeName().isEmpty()) {
      return r.typeName();
    }
    return value.kind().typeName();
  }

  private static String at(String path, String message) {
    return path.isEmpty() ? message : "`" + path + "`: " + message;
  }
}
