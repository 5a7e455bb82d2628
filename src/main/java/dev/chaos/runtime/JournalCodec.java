package dev.chaos.runtime;

import dev.chaos.types.JsonTree;
import dev.chaos.types.Value;
import dev.chaos.types.ValueFormat;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import dev.chaos.units.DurationSyntax;
import dev.chaos.units.Durations;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one JSON encoding of run events (docs/journal.md): a line is an object with `time`,
 * `event` and every field of the event's record under its snake_case name, `null` when absent.
 * The encoding follows the record's declared types, so a field added to a record is written and
 * read without a line here: instants as RFC 3339, durations in the language's syntax (`1m30s`),
 * percentages as `30%`, enums by their label, nested records as objects, values as their JSON
 * trees ({@link EventValues}).
 */
final class JournalCodec {
  /** The version in the first line of every journal; a reader refuses a newer one. */
  static final int VERSION = 1;

  private static final Map<String, RunEvent.Type> BY_NAME = new HashMap<>();

  static {
    for (RunEvent.Type t : RunEvent.Type.values()) {
      BY_NAME.put(t.jsonName(), t);
    }
  }

  private JournalCodec() {}

  /** Why a journal line cannot be read back. */
  static final class BadLine extends Exception {
    BadLine(String message) {
      super(message);
    }
  }

  /** The first line: what the file is and the format version of the lines after it. */
  static Map<String, Object> header(Instant time) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("time", time.toString());
    line.put("event", "journal");
    line.put("format", "chaos-journal");
    line.put("version", (long) VERSION);
    return line;
  }

  /** `time` and `event` first, then the fields in the order the record declares them. */
  static Map<String, Object> encode(RunEvent event) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("time", event.time().toString());
    line.put("event", event.type().jsonName());
    fields((Record) event).forEach(line::putIfAbsent);
    return line;
  }

  private static Map<String, Object> fields(Record r) {
    Shape shape = SHAPES.get(r.getClass());
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < shape.components().length; i++) {
      try {
        out.put(shape.names()[i], write(shape.components()[i].getAccessor().invoke(r)));
      } catch (IllegalAccessException | InvocationTargetException e) {
        throw new IllegalStateException("cannot read " + shape.components()[i], e);
      }
    }
    return out;
  }

  private static Object write(Object v) {
    if (v == null || v instanceof String || v instanceof Boolean || v instanceof Map
        || v instanceof List || v instanceof Double) {
      return v;
    }
    if (v instanceof Integer || v instanceof Long) {
      return ((Number) v).longValue();
    }
    if (v instanceof Instant i) {
      return i.toString();
    }
    if (v instanceof Duration d) {
      return ValueFormat.duration(d);
    }
    if (v instanceof Value.Percent p) {
      return plain(p.value()) + "%";
    }
    if (v instanceof LocalTime t) {
      return t.toString();
    }
    if (v instanceof Enum<?> e) {
      return label(e);
    }
    if (v instanceof Record r) {
      return fields(r);
    }
    throw new IllegalStateException("no journal encoding for " + v.getClass().getName());
  }

  /** One line, parsed, back into its event. */
  static RunEvent decode(Map<String, Object> line) throws BadLine {
    Object name = line.get("event");
    RunEvent.Type type = name instanceof String s ? BY_NAME.get(s) : null;
    if (type == null) {
      throw new BadLine("unknown event `" + name + "`");
    }
    return (RunEvent) read(type.record(), line, "");
  }

  private static Record read(Class<?> record, Map<?, ?> object, String path) throws BadLine {
    Shape shape = SHAPES.get(record);
    Object[] values = new Object[shape.names().length];
    for (int i = 0; i < values.length; i++) {
      String key = shape.names()[i];
      if (!object.containsKey(key)) {
        throw new BadLine("no field `" + path + key + "`");
      }
      values[i] = read(shape.types()[i], object.get(key), path + key);
    }
    try {
      return (Record) shape.canonical().newInstance(values);
    } catch (InvocationTargetException e) {
      throw new BadLine("field values that do not go together: " + e.getCause().getMessage());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot build " + record.getName(), e);
    }
  }

  private static Object read(Class<?> type, Object v, String field) throws BadLine {
    if (v == null) {
      if (type.isPrimitive() || type == List.class || field.equals("time")) {
        throw new BadLine("`" + field + "` is null");
      }
      return null;
    }
    try {
      if (type == String.class) {
        return (String) v;
      }
      if (type == boolean.class || type == Boolean.class) {
        return (Boolean) v;
      }
      if (type == int.class || type == Integer.class) {
        return Math.toIntExact(integral(v));
      }
      if (type == long.class || type == Long.class) {
        return integral(v);
      }
      if (type == Instant.class) {
        return Instant.parse((String) v);
      }
      if (type == Duration.class) {
        return duration((String) v);
      }
      if (type == Value.Percent.class) {
        return percent((String) v);
      }
      if (type == LocalTime.class) {
        return LocalTime.parse((String) v);
      }
      if (type.isEnum()) {
        return constant(type, (String) v);
      }
      if (type.isRecord()) {
        return read(type, (Map<?, ?>) v, field + ".");
      }
      if (type == Map.class) {
        return (Map<?, ?>) v;
      }
      if (type == List.class) { // the only lists of events are lists of strings
        List<String> strings = new ArrayList<>();
        for (Object item : (List<?>) v) {
          strings.add((String) item);
        }
        return strings;
      }
      if (type == Object.class) {
        return v;
      }
    } catch (ClassCastException | DateTimeParseException | ArithmeticException
        | IllegalArgumentException e) {
      throw new BadLine("`" + field + "` is not " + expected(type) + ": " + JsonTree.write(v));
    }
    throw new IllegalStateException("no journal decoding for " + type.getName());
  }

  private static long integral(Object v) {
    if (v instanceof Long l) {
      return l;
    }
    throw new ClassCastException();
  }

  private static String expected(Class<?> type) {
    if (type == Instant.class) {
      return "an RFC 3339 instant";
    } else if (type == Duration.class) {
      return "a duration such as `1m30s`";
    } else if (type == Value.Percent.class) {
      return "a percentage such as `30%`";
    } else if (type.isEnum()) {
      List<String> labels = new ArrayList<>();
      for (Object c : type.getEnumConstants()) {
        labels.add(label((Enum<?>) c));
      }
      return "one of " + String.join(", ", labels);
    }
    return "a JSON " + switch (type.getSimpleName()) {
      case "String" -> "string";
      case "boolean", "Boolean" -> "boolean";
      case "int", "Integer", "long", "Long" -> "integer";
      case "List" -> "array";
      default -> "object";
    };
  }

  /** How an enum constant is written: its `label()` when it has one (`steps ended`). */
  static String label(Enum<?> e) {
    return LABELS.get(e.getDeclaringClass()).get(e.ordinal());
  }

  /** The labels of an enum's constants, by ordinal: reflection once per enum, not per line. */
  private static final ClassValue<List<String>> LABELS = new ClassValue<>() {
    @Override
    protected List<String> computeValue(Class<?> type) {
      List<String> labels = new ArrayList<>();
      for (Object c : type.getEnumConstants()) {
        try {
          Method label = type.getMethod("label");
          labels.add((String) label.invoke(c));
        } catch (NoSuchMethodException none) {
          labels.add(((Enum<?>) c).name().toLowerCase(Locale.ROOT));
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(e);
        }
      }
      return List.copyOf(labels);
    }
  };

  /** A record's components with their journal names and its canonical constructor. */
  private record Shape(RecordComponent[] components, String[] names, Class<?>[] types,
      Constructor<?> canonical) {}

  private static final ClassValue<Shape> SHAPES = new ClassValue<>() {
    @Override
    protected Shape computeValue(Class<?> record) {
      RecordComponent[] components = record.getRecordComponents();
      String[] names = new String[components.length];
      Class<?>[] types = new Class<?>[components.length];
      for (int i = 0; i < components.length; i++) {
        names[i] = snake(components[i].getName());
        types[i] = components[i].getType();
      }
      try {
        return new Shape(components, names, types, record.getDeclaredConstructor(types));
      } catch (NoSuchMethodException e) {
        throw new IllegalStateException(e);
      }
    }
  };

  private static Object constant(Class<?> type, String text) {
    for (Object c : type.getEnumConstants()) {
      if (label((Enum<?>) c).equals(text)) {
        return c;
      }
    }
    throw new IllegalArgumentException(text);
  }

  /** `dryRun` is written `dry_run`. */
  static String snake(String camel) {
    StringBuilder out = new StringBuilder();
    for (char c : camel.toCharArray()) {
      if (Character.isUpperCase(c)) {
        out.append('_').append(Character.toLowerCase(c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** The shortest decimal that reads back as the same double: `30`, `0.5`, `33.3333333333`. */
  private static String plain(double d) {
    BigDecimal exact = new BigDecimal(Double.toString(d)).stripTrailingZeros();
    return exact.scale() < 0 ? exact.setScale(0).toPlainString() : exact.toPlainString();
  }

  private static Value.Percent percent(String text) {
    if (!text.endsWith("%")) {
      throw new IllegalArgumentException(text);
    }
    return Value.percent(Double.parseDouble(text.substring(0, text.length() - 1)));
  }

  /** Durations as {@link ValueFormat#duration} writes them (`1m30s`, `-250ms`). */
  private static final DurationSyntax WRITTEN = new DurationSyntax(false, true, false);

  static Duration duration(String text) {
    return Durations.parse(text, WRITTEN);
  }
}
