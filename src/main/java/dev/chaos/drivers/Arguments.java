package dev.chaos.drivers;

import dev.chaos.spi.CallArgs;
import dev.chaos.types.Value;
import dev.chaos.types.Values;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the arguments of a call as Java values, for the implementations of every driver. The
 * checker has matched them to the signature, so a wrong kind here is a bug of the caller and
 * fails loudly; an optional argument that was not passed gives the fallback.
 */
public final class Arguments {
  private Arguments() {}

  public static String string(CallArgs args, String name) {
    return as(args.get(name), Value.Str.class, name).value();
  }

  public static String string(CallArgs args, String name, String fallback) {
    return args.has(name) ? string(args, name) : fallback;
  }

  public static long integer(CallArgs args, String name) {
    return as(args.get(name), Value.Int.class, name).value();
  }

  /** An Int argument that must fit an int, such as a number of replicas. */
  public static int smallInteger(CallArgs args, String name) {
    long value = integer(args, name);
    if (value > Integer.MAX_VALUE || value < Integer.MIN_VALUE) {
      throw new IllegalArgumentException("`" + name + "` is out of range: " + value);
    }
    return (int) value;
  }

  /** A Float parameter, which an Int may stand for. */
  public static double number(CallArgs args, String name) {
    return Values.asDouble(args.get(name));
  }

  public static boolean bool(CallArgs args, String name, boolean fallback) {
    return args.has(name) ? as(args.get(name), Value.Bool.class, name).value() : fallback;
  }

  public static Duration duration(CallArgs args, String name) {
    return as(args.get(name), Value.Duration.class, name).value();
  }

  /** A Duration argument, or {@code fallback} (which may be null) when it was not passed. */
  public static Duration duration(CallArgs args, String name, Duration fallback) {
    return args.has(name) ? duration(args, name) : fallback;
  }

  /** A Percent argument in percent (30.0 for `30%`), or null when it was not passed. */
  public static Double percentOrNull(CallArgs args, String name) {
    return args.has(name) ? as(args.get(name), Value.Percent.class, name).value() : null;
  }

  /** An Int argument, or null when it was not passed. */
  public static Long integerOrNull(CallArgs args, String name) {
    return args.has(name) ? integer(args, name) : null;
  }

  /** A Json parameter as a plain tree (records and maps become objects). */
  public static Object json(CallArgs args, String name) {
    return Values.toJsonTree(args.get(name));
  }

  /** A Json parameter that must be an object, such as a merge patch. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> jsonObject(CallArgs args, String name) {
    Object tree = json(args, name);
    if (!(tree instanceof Map)) {
      throw new IllegalArgumentException("`" + name + "` must be a record or a Json object, not "
          + dev.chaos.types.JsonTree.describe(tree));
    }
    return (Map<String, Object>) tree;
  }

  /** A record argument such as a Selector. */
  public static Value.Rec record(CallArgs args, String name) {
    return as(args.get(name), Value.Rec.class, name);
  }

  public static String field(Value.Rec record, String field) {
    return as(record.field(field), Value.Str.class, field).value();
  }

  /**
   * The strings of a variadic parameter: the first one if the caller bound it by name, then the
   * tail in {@link CallArgs#rest()}.
   */
  public static List<String> variadicStrings(CallArgs args, String name) {
    List<String> out = new ArrayList<>();
    if (args.has(name)) {
      out.add(string(args, name));
    }
    for (Value v : args.rest()) {
      out.add(as(v, Value.Str.class, name).value());
    }
    return out;
  }

  private static <T extends Value> T as(Value value, Class<T> type, String name) {
    if (!type.isInstance(value)) {
      throw new IllegalArgumentException("argument `" + name + "` is "
          + value.kind().typeName() + ", not what the signature declares");
    }
    return type.cast(value);
  }
}
