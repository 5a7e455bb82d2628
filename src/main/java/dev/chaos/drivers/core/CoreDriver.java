package dev.chaos.drivers.core;

import static dev.chaos.spi.Param.named;
import static dev.chaos.spi.Param.positional;

import dev.chaos.drivers.SignatureTable;
import dev.chaos.spi.Builtin;
import dev.chaos.spi.Driver;
import dev.chaos.spi.Signature;
import dev.chaos.types.Type;
import java.util.List;

/**
 * The functions called without a namespace: time, configuration, unit conversions and the
 * conversions out of `Json`. All are read-only; `env`, `secret` and `file` read the machine that
 * runs `chaos exec`, never the one that runs `chaos check`.
 */
public final class CoreDriver implements Driver {
  private static final Type T = new Type.Var("T");
  private static final Type K = new Type.Var("K");
  private static final Type V = new Type.Var("V");

  private final List<Builtin> builtins = new SignatureTable("")
      .read("now", Signature.of(Type.TIME),
          "The current instant (virtual in the sandbox); `now() - started` is a Duration.")
      .read("env", Signature.of(Type.STRING,
              positional("name", Type.STRING, "Name of the environment variable."),
              named("default", Type.STRING, "an unset variable is an error",
                  "Value to use when the variable is unset.")),
          "The value of an environment variable of the process running the runbook.")
      .read("secret", Signature.of(Type.SECRET,
              positional("name", Type.STRING, "Name of the secret in the config's secret sources.")),
          "A secret from the config (environment variable or file); never printed or logged.")
      .read("file", Signature.of(Type.STRING,
              positional("path", Type.STRING, "Path relative to the directory of the .chaos file.")),
          "The text of a file, such as a manifest kept beside the runbook.")
      .read("json", Signature.of(Type.JSON,
              positional("text", Type.STRING, "JSON text, such as an HTTP response body.")),
          "Parses JSON text into a `Json` value, to index and convert.")
      .read("seconds", Signature.of(Type.DURATION,
              positional("value", Type.FLOAT, "A number of seconds; fractions allowed.")),
          "A Duration from a number of seconds: `seconds(0.25)` is `250ms`.")
      .read("millis", Signature.of(Type.DURATION,
              positional("value", Type.FLOAT, "A number of milliseconds; fractions allowed.")),
          "A Duration from a number of milliseconds: `millis(1500)` is `1.5s`.")
      .read("to_seconds", Signature.of(Type.FLOAT,
              positional("duration", Type.DURATION, "The duration to convert.")),
          "The number of seconds in a Duration: `to_seconds(1m30s)` is `90.0`.")
      .read("to_millis", Signature.of(Type.FLOAT,
              positional("duration", Type.DURATION, "The duration to convert.")),
          "The number of milliseconds in a Duration: `to_millis(1.5s)` is `1500.0`.")
      .read("percent", Signature.of(Type.PERCENT,
              positional("ratio", Type.FLOAT, "A ratio where 1.0 is 100%.")),
          "A Percent from a ratio: `percent(0.004)` is `0.4%`.")
      .read("ratio", Signature.of(Type.FLOAT,
              positional("percent", Type.PERCENT, "The percentage to convert.")),
          "The ratio of a Percent, the inverse of `percent`: `ratio(0.4%)` is `0.004`.")
      .read("len", Signature.of(Type.INT,
              positional("value", new Type.Union(List.of(
                  Type.list(T), Type.STRING, Type.map(K, V))), "A list, string or map.")),
          "The number of elements of a list or map, or of characters of a string.")
      .read("min", Signature.of(T,
              positional("a", T, "A value comparable with `b`."),
              positional("b", T, "A value of the same type as `a`.")),
          "The smaller of two values of one type (numbers, Durations, Percents, Times).")
      .read("max", Signature.of(T,
              positional("a", T, "A value comparable with `b`."),
              positional("b", T, "A value of the same type as `a`.")),
          "The larger of two values of one type (numbers, Durations, Percents, Times).")
      .read("contains", Signature.of(Type.BOOL,
              positional("items", Type.list(T), "The list to search."),
              positional("item", T, "The element to look for.")),
          "Whether a list has an element equal to `item`.")
      .read("matches", Signature.of(Type.BOOL,
              positional("text", Type.STRING, "The text to search."),
              positional("pattern", Type.STRING, "A Java regular expression, found anywhere.")),
          "Whether a regular expression matches somewhere in the text.")
      .read("string", Signature.of(Type.STRING,
              positional("value", Type.JSON, "Any value except a Secret.")),
          "A value as text: a Json string as is, anything else as it is written in a report.")
      .read("int", Signature.of(Type.INT,
              positional("value", Type.JSON,
                  "A Json number or numeric string, or a Float (truncated toward zero).")),
          "Converts to Int, failing at run time when the value is not a whole number.")
      .read("float", Signature.of(Type.FLOAT,
              positional("value", Type.JSON, "A Json number or numeric string, or an Int.")),
          "Converts to Float, failing at run time when the value is not a number.")
      .read("bool", Signature.of(Type.BOOL,
              positional("value", Type.JSON, "A Json boolean or the string `true` or `false`.")),
          "Converts to Bool, failing at run time on anything else.")
      .build();

  @Override
  public String namespace() {
    return "";
  }

  @Override
  public String doc() {
    return "Core functions, called without a namespace: time, configuration, units and"
        + " conversions out of `Json`.";
  }

  @Override
  public List<Builtin> builtins() {
    return builtins;
  }
}
