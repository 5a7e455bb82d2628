package dev.chaos.types;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The static types of the language (contract section 4). */
public sealed interface Type permits Type.Prim, Type.ListOf, Type.MapOf, Type.Rec, Type.Var, Type.Union {

  /** How the type is written in source and in messages: `Duration`, `List[String]`. */
  String display();

  // isError and isNumeric are abstract, not default methods, on purpose: an interface with a
  // default method is initialised before any class implementing it, so touching Prim first
  // would run this interface's initialiser while Prim's constants are still null, and
  // Type.STRING (below) would stay null for the life of the JVM.

  /** Whether this is the error type, given to anything already reported. */
  boolean isError();

  /** Int or Float. */
  boolean isNumeric();

  enum Prim implements Type {
    BOOL("Bool"), INT("Int"), FLOAT("Float"), STRING("String"), DURATION("Duration"),
    PERCENT("Percent"), TIME("Time"), TIME_OF_DAY("TimeOfDay"), SECRET("Secret"), JSON("Json"),
    /** The result of an action or a call that returns nothing. */
    UNIT("Unit"),
    /** Given to anything already reported: swallows follow-on errors. */
    ERROR("<error>");

    private final String display;

    Prim(String display) {
      this.display = display;
    }

    public String display() {
      return display;
    }

    public boolean isError() {
      return this == ERROR;
    }

    public boolean isNumeric() {
      return this == INT || this == FLOAT;
    }
  }

  Prim BOOL = Prim.BOOL;
  Prim INT = Prim.INT;
  Prim FLOAT = Prim.FLOAT;
  Prim STRING = Prim.STRING;
  Prim DURATION = Prim.DURATION;
  Prim PERCENT = Prim.PERCENT;
  Prim TIME = Prim.TIME;
  Prim TIME_OF_DAY = Prim.TIME_OF_DAY;
  Prim SECRET = Prim.SECRET;
  Prim JSON = Prim.JSON;
  Prim UNIT = Prim.UNIT;
  Prim ERROR = Prim.ERROR;

  record ListOf(Type element) implements Type {
    // equals/hashCode written out, as Rec's: no method-handle bootstrap at start-up
    @Override
    public boolean equals(Object o) {
      return o instanceof ListOf other && element.equals(other.element);
    }

    @Override
    public int hashCode() {
      return 7 + element.hashCode();
    }

    public String display() {
      return "List[" + element.display() + "]";
    }

    public boolean isError() {
      return false;
    }

    public boolean isNumeric() {
      return false;
    }
  }

  record MapOf(Type key, Type value) implements Type {
    // equals/hashCode written out, as Rec's: no method-handle bootstrap at start-up
    @Override
    public boolean equals(Object o) {
      return o instanceof MapOf other && key.equals(other.key) && value.equals(other.value);
    }

    @Override
    public int hashCode() {
      return 31 * key.hashCode() + value.hashCode();
    }

    public String display() {
      return "Map[" + key.display() + ", " + value.display() + "]";
    }

    public boolean isError() {
      return false;
    }

    public boolean isNumeric() {
      return false;
    }
  }

  /**
   * A record type: named ones come from driver tables (`PodSet`), anonymous ones (empty name)
   * from record literals. Field order is declaration order.
   */
  record Rec(String name, Map<String, Type> fields) implements Type {
    public Rec {
      fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    // Written out: a record's generated equals/hashCode are bootstrapped through method handles
    // on first use, tens of ms of every `chaos check` start (docs/performance.md).
    @Override
    public boolean equals(Object o) {
      return o instanceof Rec other && name.equals(other.name) && fields.equals(other.fields);
    }

    @Override
    public int hashCode() {
      return 31 * name.hashCode() + fields.hashCode();
    }

    /**
     * A value of this record type, its fields given in the order the type declares them. The
     * names come from the type and each value must conform to its field's type, so a value
     * built here cannot drift from the type: each named record has one such constructor,
     * written next to its type.
     *
     * @throws IllegalArgumentException for a wrong number of fields or a field of another type
     */
    public Value.Rec value(Value... inFieldOrder) {
      if (inFieldOrder.length != fields.size()) {
        throw new IllegalArgumentException("record " + display() + " has " + fields.size()
            + " fields, not " + inFieldOrder.length);
      }
      Map<String, Value> values = new LinkedHashMap<>();
      int i = 0;
      for (String field : fields.keySet()) {
        values.put(field, inFieldOrder[i++]);
      }
      Value.Rec rec = new Value.Rec(name, values);
      String mismatch = Conformance.mismatch(rec, this);
      if (mismatch != null) {
        throw new IllegalArgumentException("record " + display() + ": " + mismatch);
      }
      return rec;
    }

    public String display() {
      if (!name.isEmpty()) {
        return name;
      }
      return fields.entrySet().stream()
          .map(e -> e.getKey() + ": " + e.getValue().display())
          .collect(Collectors.joining(", ", "{", "}"));
    }

    public boolean isError() {
      return false;
    }

    public boolean isNumeric() {
      return false;
    }
  }

  /** A type variable in a generic builtin signature (`min(a: T, b: T) -> T`). */
  record Var(String name) implements Type {
    // equals/hashCode written out, as Rec's: no method-handle bootstrap at start-up
    @Override
    public boolean equals(Object o) {
      return o instanceof Var other && name.equals(other.name);
    }

    @Override
    public int hashCode() {
      return 11 + name.hashCode();
    }

    public String display() {
      return name;
    }

    public boolean isError() {
      return false;
    }

    public boolean isNumeric() {
      return false;
    }
  }

  /** A parameter that accepts any of several types (`len(List[T] | String | Map[K, V])`). */
  record Union(List<Type> options) implements Type {
    // equals/hashCode written out, as Rec's: no method-handle bootstrap at start-up
    @Override
    public boolean equals(Object o) {
      return o instanceof Union other && options.equals(other.options);
    }

    @Override
    public int hashCode() {
      return 13 + options.hashCode();
    }

    public Union {
      options = List.copyOf(options);
    }

    public String display() {
      return options.stream().map(Type::display).collect(Collectors.joining(" | "));
    }

    public boolean isError() {
      return false;
    }

    public boolean isNumeric() {
      return false;
    }
  }

  static ListOf list(Type element) {
    return new ListOf(element);
  }

  static MapOf map(Type key, Type value) {
    return new MapOf(key, value);
  }

  /** Builds a named record type from alternating field names and types. */
  static Rec record(String name, Object... namesAndTypes) {
    Map<String, Type> fields = new LinkedHashMap<>();
    for (int i = 0; i < namesAndTypes.length; i += 2) {
      fields.put((String) namesAndTypes[i], (Type) namesAndTypes[i + 1]);
    }
    return new Rec(name, fields);
  }
}
