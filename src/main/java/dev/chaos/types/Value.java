package dev.chaos.types;

import java.time.Instant;
import java.time.LocalTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.stream.Collectors;

/**
 * A run-time value, one record per type of the checker ({@link Type}). Records compare by value,
 * so `redis.master(n) != old_master` is plain {@code equals}; {@link Values} adds the equality
 * and ordering of the language, where an Int equals the Float of the same number.
 *
 * <p>Inside this file {@code List}, {@code Map}, {@code Float}, {@code Duration} and {@code Time}
 * name the records below; the Java types are written out in full.
 */
public sealed interface Value permits Value.Bool, Value.Int, Value.Float, Value.Str,
    Value.Duration, Value.Percent, Value.Time, Value.TimeOfDay, Value.List, Value.Map, Value.Rec,
    Value.Secret, Value.Json, Value.Unit {

  enum Kind {
    BOOL("Bool"), INT("Int"), FLOAT("Float"), STRING("String"), DURATION("Duration"),
    PERCENT("Percent"), TIME("Time"), TIME_OF_DAY("TimeOfDay"), LIST("List"), MAP("Map"),
    RECORD("record"), SECRET("Secret"), JSON("Json"), UNIT("Unit");

    private final String typeName;

    Kind(String typeName) {
      this.typeName = typeName;
    }

    /** The name of the type as messages write it: "expected an Int, got a String". */
    public String typeName() {
      return typeName;
    }
  }

  Kind kind();

  /** The value as interpolation, `log` lines and reports show it: `30%`, `1m30s`, `[a, b]`. */
  String display();

  Unit UNIT = new Unit();
  Bool TRUE = new Bool(true);
  Bool FALSE = new Bool(false);

  static Bool bool(boolean value) {
    return value ? TRUE : FALSE;
  }

  static Int integer(long value) {
    return new Int(value);
  }

  static Float number(double value) {
    return new Float(value);
  }

  static Str str(String value) {
    return new Str(value);
  }

  static Duration duration(java.time.Duration value) {
    return new Duration(value);
  }

  static Percent percent(double percent) {
    return new Percent(percent);
  }

  static List list(java.util.List<? extends Value> items) {
    return new List(java.util.List.copyOf(items));
  }

  static List list(Value... items) {
    return new List(java.util.List.of(items));
  }

  /** A list of strings, as drivers return names. */
  static List strings(java.util.Collection<String> items) {
    return new List(items.stream().map(Value::str).collect(Collectors.toUnmodifiableList()));
  }

  /** A {@code Map[String, String]}, in the order of {@code entries}. */
  static Map stringMap(java.util.Map<String, String> entries) {
    java.util.Map<Value, Value> map = new LinkedHashMap<>();
    entries.forEach((k, v) -> map.put(str(k), str(v)));
    return new Map(map);
  }

  /** A named record from alternating field names and values: {@code rec("Address", "host", h)}. */
  static Rec rec(String typeName, Object... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("field names and values must alternate");
    }
    java.util.Map<String, Value> fields = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      fields.put((String) namesAndValues[i], (Value) namesAndValues[i + 1]);
    }
    return new Rec(typeName, fields);
  }

  record Bool(boolean value) implements Value {
    public Kind kind() {
      return Kind.BOOL;
    }

    public String display() {
      return Boolean.toString(value);
    }
  }

  record Int(long value) implements Value {
    public Kind kind() {
      return Kind.INT;
    }

    public String display() {
      return Long.toString(value);
    }
  }

  record Float(double value) implements Value {
    public Kind kind() {
      return Kind.FLOAT;
    }

    public String display() {
      return ValueFormat.number(value);
    }
  }

  record Str(String value) implements Value {
    public Str {
      java.util.Objects.requireNonNull(value);
    }

    public Kind kind() {
      return Kind.STRING;
    }

    public String display() {
      return value;
    }
  }

  record Duration(java.time.Duration value) implements Value {
    public Duration {
      java.util.Objects.requireNonNull(value);
    }

    public Kind kind() {
      return Kind.DURATION;
    }

    public String display() {
      return ValueFormat.duration(value);
    }
  }

  /** A share, in percent: 30.0 is `30%`; {@link #ratio()} is 0.3. */
  record Percent(double value) implements Value {
    public Kind kind() {
      return Kind.PERCENT;
    }

    public double ratio() {
      return value / 100.0;
    }

    public String display() {
      return ValueFormat.percent(value);
    }
  }

  record Time(Instant value) implements Value {
    public Time {
      java.util.Objects.requireNonNull(value);
    }

    public Kind kind() {
      return Kind.TIME;
    }

    public String display() {
      return value.toString();
    }
  }

  /** A wall-clock time of day, to the minute: `02:00`. */
  record TimeOfDay(LocalTime value) implements Value {
    public TimeOfDay {
      java.util.Objects.requireNonNull(value);
    }

    public Kind kind() {
      return Kind.TIME_OF_DAY;
    }

    public String display() {
      return String.format("%02d:%02d", value.getHour(), value.getMinute());
    }
  }

  record List(java.util.List<Value> items) implements Value {
    public List {
      items = java.util.List.copyOf(items);
    }

    public Kind kind() {
      return Kind.LIST;
    }

    public String display() {
      return items.stream().map(Value::display).collect(Collectors.joining(", ", "[", "]"));
    }
  }

  /** A map in insertion order; equality ignores the order, as maps do. */
  record Map(java.util.Map<Value, Value> entries) implements Value {
    public Map {
      entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    public Kind kind() {
      return Kind.MAP;
    }

    public String display() {
      return entries.entrySet().stream()
          .map(e -> e.getKey().display() + ": " + e.getValue().display())
          .collect(Collectors.joining(", ", "{", "}"));
    }
  }

  /**
   * A record: named ones come from drivers (`Address`), anonymous ones (empty name) from record
   * literals. Fields keep declaration order; two records are equal when name and fields are.
   */
  record Rec(String typeName, java.util.Map<String, Value> fields) implements Value {
    public Rec {
      fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    public Kind kind() {
      return Kind.RECORD;
    }

    /** The value of a field; the checker has made sure it exists. */
    public Value field(String name) {
      Value v = fields.get(name);
      if (v == null) {
        throw new ValueException("record " + (typeName.isEmpty() ? "" : "`" + typeName + "` ")
            + "has no field `" + name + "`");
      }
      return v;
    }

    public String display() {
      return fields.entrySet().stream()
          .map(e -> e.getKey() + ": " + e.getValue().display())
          .collect(Collectors.joining(", ", "{", "}"));
    }
  }

  /** A secret: its text reaches drivers only; every way of printing it shows `***`. */
  record Secret(String value) implements Value {
    public static final String MASK = "***";

    public Secret {
      java.util.Objects.requireNonNull(value);
    }

    public Kind kind() {
      return Kind.SECRET;
    }

    public String display() {
      return MASK;
    }

    @Override
    public String toString() {
      return "Secret[" + MASK + "]";
    }
  }

  /**
   * A dynamic value: a tree of {@link java.util.Map} (String keys, insertion order),
   * {@link java.util.List}, String, Long, Double, Boolean and null, as a JSON parser yields it.
   * Build one with {@link JsonTree#of(Object)}, which checks and normalises the tree.
   */
  record Json(Object tree) implements Value {
    public Kind kind() {
      return Kind.JSON;
    }

    /** A JSON string shows as its text; anything else as compact JSON. */
    public String display() {
      return tree instanceof String s ? s : JsonTree.write(tree);
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Json j && JsonTree.equal(tree, j.tree);
    }

    @Override
    public int hashCode() {
      return JsonTree.hash(tree);
    }
  }

  /** The "no value" of an action or of a call that returns nothing. */
  record Unit() implements Value {
    public Kind kind() {
      return Kind.UNIT;
    }

    public String display() {
      return "()";
    }
  }
}
