package dev.chaos.types;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Equality, ordering, indexing and the way to Json of run-time values, as the language defines
 * them (docs/language.md, "Arithmetic and comparison by type"). The checker has already refused
 * what the types forbid; what is left to fail here fails with a {@link ValueException}.
 */
public final class Values {
  private Values() {}

  /**
   * `==` of the language: an Int equals the Float of the same number, lists, maps and records
   * compare element by element, a Json value compares with another value by its Json form.
   */
  public static boolean equal(Value a, Value b) {
    if (isNumber(a) && isNumber(b)) {
      if (a instanceof Value.Int x && b instanceof Value.Int y) {
        return x.value() == y.value();
      }
      return asDouble(a) == asDouble(b);
    }
    if (a instanceof Value.Json x) {
      return b instanceof Value.Json y ? x.equals(y) : JsonTree.equal(x.tree(), toJsonTree(b));
    }
    if (b instanceof Value.Json) {
      return equal(b, a);
    }
    if (a instanceof Value.List x && b instanceof Value.List y) {
      if (x.items().size() != y.items().size()) {
        return false;
      }
      for (int i = 0; i < x.items().size(); i++) {
        if (!equal(x.items().get(i), y.items().get(i))) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof Value.Map x && b instanceof Value.Map y) {
      return sameEntries(x.entries(), y.entries());
    }
    if (a instanceof Value.Rec x && b instanceof Value.Rec y) {
      // an anonymous record literal may equal a named record with the same fields
      boolean namesAgree = x.typeName().isEmpty() || y.typeName().isEmpty()
          || x.typeName().equals(y.typeName());
      return namesAgree && sameEntries(x.fields(), y.fields());
    }
    return a.equals(b);
  }

  private static <K> boolean sameEntries(Map<K, Value> x, Map<K, Value> y) {
    if (x.size() != y.size()) {
      return false;
    }
    for (Map.Entry<K, Value> e : x.entrySet()) {
      Value other = y.get(e.getKey());
      if (other == null || !equal(e.getValue(), other)) {
        return false;
      }
    }
    return true;
  }

  /**
   * `<` and friends: two numbers (Int and Float mix), or two values of one type among Duration,
   * Percent, Time, TimeOfDay and String. Negative, zero or positive as {@link Comparable}.
   */
  public static int compare(Value a, Value b) {
    if (isNumber(a) && isNumber(b)) {
      if (a instanceof Value.Int x && b instanceof Value.Int y) {
        return Long.compare(x.value(), y.value());
      }
      return Double.compare(asDouble(a), asDouble(b));
    }
    if (a.kind() == b.kind()) {
      switch (a.kind()) {
        case DURATION:
          return ((Value.Duration) a).value().compareTo(((Value.Duration) b).value());
        case PERCENT:
          return Double.compare(((Value.Percent) a).value(), ((Value.Percent) b).value());
        case TIME:
          return ((Value.Time) a).value().compareTo(((Value.Time) b).value());
        case TIME_OF_DAY:
          return ((Value.TimeOfDay) a).value().compareTo(((Value.TimeOfDay) b).value());
        case STRING:
          return ((Value.Str) a).value().compareTo(((Value.Str) b).value());
        default:
          break;
      }
    }
    throw new ValueException("cannot order " + a.kind().typeName() + " and "
        + b.kind().typeName());
  }

  public static boolean isNumber(Value v) {
    return v.kind() == Value.Kind.INT || v.kind() == Value.Kind.FLOAT;
  }

  /** An Int or a Float as a double. */
  public static double asDouble(Value v) {
    switch (v.kind()) {
      case INT:
        return ((Value.Int) v).value();
      case FLOAT:
        return ((Value.Float) v).value();
      default:
        throw new ValueException("expected a number, got " + v.kind().typeName());
    }
  }

  /**
   * `x[i]`: a list by Int position, a map by key, Json by String key or Int position (the result
   * is Json again). Out of range and missing keys are faults, not defaults.
   */
  public static Value index(Value container, Value key) {
    switch (container.kind()) {
      case LIST: {
        List<Value> items = ((Value.List) container).items();
        return items.get(position(key, items.size(), "list"));
      }
      case MAP: {
        Value found = ((Value.Map) container).entries().get(key);
        if (found == null) {
          throw new ValueException("no key `" + key.display() + "` in the map");
        }
        return found;
      }
      case JSON:
        return indexJson(((Value.Json) container).tree(), key);
      default:
        throw new ValueException("cannot index " + container.kind().typeName());
    }
  }

  private static Value indexJson(Object tree, Value key) {
    if (tree instanceof Map<?, ?> object) {
      if (!(key instanceof Value.Str name)) {
        throw new ValueException("a Json object is indexed by a String, not "
            + key.kind().typeName());
      }
      if (!object.containsKey(name.value())) {
        throw new ValueException("no field `" + name.value() + "` in the Json object"
            + (object.isEmpty() ? "" : " (it has " + String.join(", ",
                object.keySet().stream().map(Object::toString).toList()) + ")"));
      }
      return new Value.Json(object.get(name.value()));
    }
    if (tree instanceof List<?> array) {
      return new Value.Json(array.get(position(key, array.size(), "Json array")));
    }
    throw new ValueException("cannot index " + JsonTree.describe(tree));
  }

  private static int position(Value key, int size, String what) {
    if (!(key instanceof Value.Int i)) {
      throw new ValueException("a " + what + " is indexed by an Int, not " + key.kind().typeName());
    }
    if (i.value() < 0 || i.value() >= size) {
      throw new ValueException("index " + i.value() + " is out of range for a " + what + " of "
          + size + (size == 1 ? " element" : " elements"));
    }
    return (int) i.value();
  }

  /**
   * The Json form of a value, for a parameter of type Json (`k8s.patch(..., {spec: {...}})`):
   * records and maps become objects, units are written as their literals (`30s`, `30%`). A
   * Secret never becomes Json, so it cannot leak into a body or a log.
   */
  public static Object toJsonTree(Value v) {
    switch (v.kind()) {
      case BOOL:
        return ((Value.Bool) v).value();
      case INT:
        return ((Value.Int) v).value();
      case FLOAT:
        return ((Value.Float) v).value();
      case STRING:
        return ((Value.Str) v).value();
      case DURATION: case PERCENT: case TIME: case TIME_OF_DAY:
        return v.display();
      case LIST: {
        List<Object> out = new ArrayList<>();
        ((Value.List) v).items().forEach(item -> out.add(toJsonTree(item)));
        return java.util.Collections.unmodifiableList(out);
      }
      case MAP: {
        Map<String, Object> out = new LinkedHashMap<>();
        ((Value.Map) v).entries().forEach((k, x) -> out.put(k.display(), toJsonTree(x)));
        return java.util.Collections.unmodifiableMap(out);
      }
      case RECORD: {
        Map<String, Object> out = new LinkedHashMap<>();
        ((Value.Rec) v).fields().forEach((k, x) -> out.put(k, toJsonTree(x)));
        return java.util.Collections.unmodifiableMap(out);
      }
      case JSON:
        return ((Value.Json) v).tree();
      case UNIT:
        return null;
      case SECRET:
        throw new ValueException("a Secret cannot be used as Json");
    }
    throw new IllegalStateException("unreachable: " + v.kind());
  }
}
