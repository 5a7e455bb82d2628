package dev.chaos.drivers.core;

import dev.chaos.drivers.Arguments;
import dev.chaos.spi.BuiltinImpl;
import dev.chaos.types.Conversions;
import dev.chaos.types.JsonTree;
import dev.chaos.types.Value;
import dev.chaos.types.ValueException;
import dev.chaos.types.Values;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The implementations of the core functions ({@link CoreDriver}), the same for a live run and
 * a sandbox rehearsal except for where `env`, `secret` and `file` look ({@link CoreSources}).
 * Faults of values (a failed conversion, a bad pattern) are {@link ValueException}s.
 */
public final class CoreImpls {
  private CoreImpls() {}

  private static final JsonMapper JSON = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  /** Every core function by name, reading the environment, secrets and files from {@code sources}. */
  public static Map<String, BuiltinImpl> create(CoreSources sources) {
    Map<String, BuiltinImpl> impls = new LinkedHashMap<>();
    impls.put("now", (args, ctx) -> new Value.Time(ctx.clock().now()));
    impls.put("env", (args, ctx) -> {
      String name = Arguments.string(args, "name");
      String value = sources.env(name);
      if (value != null) {
        return Value.str(value);
      }
      if (args.has("default")) {
        return args.get("default");
      }
      throw new IllegalStateException("environment variable `" + name + "` is not set in "
          + sources.whereEnvironmentComesFrom() + "; pass `default:` to do without it");
    });
    impls.put("secret", (args, ctx) -> new Value.Secret(
        sources.secret(Arguments.string(args, "name"))));
    impls.put("file", (args, ctx) -> Value.str(read(sources.baseDirectory(),
        Arguments.string(args, "path"))));
    impls.put("json", (args, ctx) -> parseJson(Arguments.string(args, "text")));
    impls.put("seconds", (args, ctx) ->
        Value.duration(durationOfSeconds(decimal(Arguments.number(args, "value")))));
    impls.put("millis", (args, ctx) -> Value.duration(
        durationOfSeconds(decimal(Arguments.number(args, "value")).movePointLeft(3))));
    impls.put("to_seconds", (args, ctx) ->
        Value.number(seconds(Arguments.duration(args, "duration")).doubleValue()));
    impls.put("to_millis", (args, ctx) -> Value.number(
        seconds(Arguments.duration(args, "duration")).movePointRight(3).doubleValue()));
    impls.put("percent", (args, ctx) -> Value.percent(
        decimal(Arguments.number(args, "ratio")).movePointRight(2).doubleValue()));
    impls.put("ratio", (args, ctx) -> Value.number(
        decimal(((Value.Percent) args.get("percent")).value()).movePointLeft(2).doubleValue()));
    impls.put("len", (args, ctx) -> Value.integer(length(args.get("value"))));
    impls.put("min", (args, ctx) -> pick(args.get("a"), args.get("b"), true));
    impls.put("max", (args, ctx) -> pick(args.get("a"), args.get("b"), false));
    impls.put("contains", (args, ctx) -> Value.bool(((Value.List) args.get("items")).items()
        .stream().anyMatch(item -> Values.equal(item, args.get("item")))));
    impls.put("matches", (args, ctx) -> Value.bool(pattern(Arguments.string(args, "pattern"))
        .matcher(Arguments.string(args, "text")).find()));
    impls.put("string", (args, ctx) -> Conversions.toStr(args.get("value")));
    impls.put("int", (args, ctx) -> Conversions.toInt(args.get("value")));
    impls.put("float", (args, ctx) -> Conversions.toFloat(args.get("value")));
    impls.put("bool", (args, ctx) -> Conversions.toBool(args.get("value")));
    return Collections.unmodifiableMap(impls);
  }

  private static String read(Path base, String path) throws IOException {
    Path file = base.resolve(path).normalize();
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new NoSuchFileException(path, null, "file `" + path + "` not found (looked for "
          + file.toAbsolutePath() + ")");
    } catch (IOException e) {
      throw new IOException("cannot read file `" + path + "` (" + file.toAbsolutePath() + "): "
          + e.getMessage(), e);
    }
  }

  private static Value.Json parseJson(String text) {
    try {
      return JsonTree.of(JSON.readValue(text, Object.class));
    } catch (JacksonException e) {
      String where = e.getLocation() == null ? ""
          : " at line " + e.getLocation().getLineNr() + ", column "
              + e.getLocation().getColumnNr();
      throw new ValueException("invalid JSON" + where + ": "
          + firstLine(e.getOriginalMessage()));
    }
  }

  private static long length(Value value) {
    switch (value.kind()) {
      case LIST:
        return ((Value.List) value).items().size();
      case MAP:
        return ((Value.Map) value).entries().size();
      case STRING: {
        String s = ((Value.Str) value).value();
        return s.codePointCount(0, s.length());
      }
      default:
        throw new ValueException("len takes a List, a Map or a String, not "
            + value.kind().typeName());
    }
  }

  /**
   * The smaller or larger of two values; when an Int meets a Float the checker typed the
   * result Float, so the Int is returned as one.
   */
  private static Value pick(Value a, Value b, boolean smaller) {
    int order = Values.compare(a, b);
    Value chosen = (smaller ? order <= 0 : order >= 0) ? a : b;
    boolean mixed = a.kind() != b.kind() && Values.isNumber(a) && Values.isNumber(b);
    return mixed ? Conversions.toFloat(chosen) : chosen;
  }

  private static Pattern pattern(String regex) {
    try {
      return Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new ValueException("invalid regular expression `" + regex + "`: "
          + e.getDescription() + " at index " + e.getIndex());
    }
  }

  /** The exact decimal a double was written as, so that `percent(0.004)` is exactly `0.4%`. */
  private static BigDecimal decimal(double value) {
    if (!Double.isFinite(value)) {
      throw new ValueException("expected a finite number, got " + value);
    }
    return BigDecimal.valueOf(value);
  }

  private static Duration durationOfSeconds(BigDecimal seconds) {
    BigDecimal exact = seconds.setScale(9, RoundingMode.HALF_EVEN);
    BigDecimal whole = exact.setScale(0, RoundingMode.FLOOR);
    try {
      return Duration.ofSeconds(whole.longValueExact(),
          exact.subtract(whole).movePointRight(9).longValueExact());
    } catch (ArithmeticException e) {
      throw new ValueException(seconds.toPlainString() + " seconds is out of range for a Duration");
    }
  }

  private static BigDecimal seconds(Duration d) {
    return BigDecimal.valueOf(d.getSeconds()).add(BigDecimal.valueOf(d.getNano(), 9));
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable input";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
