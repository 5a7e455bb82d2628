package dev.chaos.units;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Durations as text, the one dialect of runbooks, `chaos.yaml` and world files: `NUMBER UNIT`
 * parts (units `ms`, `s`, `m`, `h`, `d`; a number is digits with an optional fraction), largest
 * unit first, each at most once: `500ms`, `1.5s`, `1m30s`, `2h15m`. {@link DurationSyntax} says
 * what else a caller allows.
 */
public final class Durations {
  private Durations() {}

  private static final String FORM = "write a number and a unit (" + DurationUnit.LIST
      + "), largest unit first, e.g. `500ms` or `1m30s`";

  /** The duration {@code text} stands for under {@code syntax}; else a {@link UnitException}. */
  public static Duration parse(String text, DurationSyntax syntax) {
    long nanos = wholeUnitNanos(text);
    if (nanos > 0 || nanos == 0 && !syntax.aboveZero()) {
      return Duration.ofNanos(nanos);
    }
    return parseAny(text, syntax);
  }

  /**
   * The common case without regular expressions or {@link BigDecimal}, whose first use costs
   * milliseconds in a short-lived `chaos check`: whole numbers, units largest first, no sign.
   * Its nanoseconds, or -1 for anything else, which {@link #parseAny} reads (or refuses).
   */
  static long wholeUnitNanos(String text) {
    long total = 0;
    int at = 0;
    DurationUnit previous = null;
    while (at < text.length()) {
      int end = digitsEnd(text, at);
      DurationUnit unit = end == at || end - at > 18 ? null : DurationUnit.at(text, end);
      if (unit == null || previous != null && unit.compareTo(previous) <= 0) {
        return -1;
      }
      long amount = Long.parseLong(text, at, end, 10);
      if (amount > (Long.MAX_VALUE - total) / unit.nanosPer()) {
        return -1;
      }
      total += amount * unit.nanosPer();
      previous = unit;
      at = end + unit.symbol().length();
    }
    return previous == null ? -1 : total;
  }

  /** {@link #parse} without its fast path: every form {@code syntax} allows, and every refusal. */
  static Duration parseAny(String text, DurationSyntax syntax) {
    boolean signed = !text.isEmpty() && (text.charAt(0) == '+' || text.charAt(0) == '-');
    String body = signed ? text.substring(1) : text;
    Duration value;
    if (isNumber(body)) {
      if (!syntax.bareSeconds()) {
        throw new UnitException(text, UnitProblem.NO_UNIT,
            "is not a duration: write its unit (" + DurationUnit.LIST + "), e.g. `" + body + "s`",
            null);
      }
      value = ofNanos(text, new BigDecimal(body).multiply(DurationUnit.SECONDS.nanos()));
    } else {
      value = ofNanos(text, nanos(parts(text, body)));
    }
    if (signed && !syntax.signed()) {
      throw new UnitException(text, UnitProblem.SIGNED,
          "is not a duration here: write it without a sign", null);
    }
    if (text.charAt(0) == '-') {
      value = value.negated();
    }
    if (syntax.aboveZero() && (value.isZero() || value.isNegative())) {
      throw new UnitException(text, UnitProblem.NOT_ABOVE_ZERO,
          "is not a duration above zero: write at least `1ms`", null);
    }
    return value;
  }

  /** The parts of a duration {@link DurationSyntax#STRICT} accepts: `1m30s` is 1m and 30s. */
  public static List<DurationPart> parts(String text) {
    List<DurationPart> parts = parts(text, text);
    ofNanos(text, nanos(parts));
    return parts;
  }

  /** Whether {@code text} is a duration under {@link DurationSyntax#STRICT}. */
  public static boolean isDuration(String text) {
    try {
      parse(text, DurationSyntax.STRICT);
      return true;
    } catch (UnitException e) {
      return false;
    }
  }

  /**
   * The shortest text {@link #parse} reads back as {@code d}: whole days, hours and minutes,
   * then seconds with a fraction (`1h2m3.5s`); under a second, milliseconds (`250ms`,
   * `0.5ms`); `0s` for zero; a sign only when negative.
   */
  public static String format(Duration d) {
    if (d.isNegative()) {
      return "-" + format(d.negated());
    }
    long seconds = d.getSeconds();
    int nanos = d.getNano();
    if (seconds == 0) {
      return nanos == 0 ? "0s" : decimal(nanos, 6) + "ms";
    }
    StringBuilder out = new StringBuilder();
    append(out, seconds / 86_400, "d");
    append(out, seconds % 86_400 / 3_600, "h");
    append(out, seconds % 3_600 / 60, "m");
    long rest = seconds % 60 * 1_000_000_000L + nanos;
    if (rest != 0) {
      out.append(decimal(rest, 9)).append('s');
    }
    return out.toString();
  }

  private static void append(StringBuilder out, long amount, String unit) {
    if (amount != 0) {
      out.append(amount).append(unit);
    }
  }

  private static String decimal(long unscaled, int scale) {
    return BigDecimal.valueOf(unscaled, scale).stripTrailingZeros().toPlainString();
  }

  /** The parts of {@code body} (the text without its sign), refused unless largest first. */
  private static List<DurationPart> parts(String text, String body) {
    List<DurationPart> parts = split(body);
    if (parts == null) {
      throw new UnitException(text, UnitProblem.MALFORMED, "is not a duration: " + FORM,
          DurationGuess.of(text));
    }
    for (int i = 1; i < parts.size(); i++) {
      if (parts.get(i).unit().compareTo(parts.get(i - 1).unit()) <= 0) {
        BigDecimal total = nanos(parts);
        String sorted = total.compareTo(maxNanos()) > 0 ? null
            : (body.equals(text) ? "" : text.substring(0, 1)) + format(Duration.ofNanos(rounded(total)));
        throw new UnitException(text, UnitProblem.UNIT_ORDER,
            "is not a duration: units go largest first, each once, e.g. `1h30m` or `1m30s`", sorted);
      }
    }
    return parts;
  }

  /** `NUMBER UNIT` parts in any order, or null if {@code body} is not made of them. */
  static List<DurationPart> split(String body) {
    List<DurationPart> parts = new ArrayList<>();
    int at = 0;
    while (at < body.length()) {
      int end = numberEnd(body, at);
      DurationUnit unit = end == at ? null : DurationUnit.at(body, end);
      if (unit == null) {
        return null;
      }
      parts.add(new DurationPart(body.substring(at, end), unit));
      at = end + unit.symbol().length();
    }
    return parts.isEmpty() ? null : parts;
  }

  /** Digits with an optional fraction, `[0-9]+(\\.[0-9]+)?`, read without a regular expression. */
  static boolean isNumber(String text) {
    return !text.isEmpty() && numberEnd(text, 0) == text.length();
  }

  /** Where the number starting at {@code from} ends: digits, then `.` and digits if any. */
  static int numberEnd(String text, int from) {
    int i = digitsEnd(text, from);
    if (i > from && i + 1 < text.length() && text.charAt(i) == '.' && Character.isDigit(text.charAt(i + 1))) {
      i = digitsEnd(text, i + 1);
    }
    return i;
  }

  private static int digitsEnd(String text, int from) {
    int i = from;
    while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
      i++;
    }
    return i;
  }

  private static BigDecimal nanos(List<DurationPart> parts) {
    return parts.stream().map(DurationPart::nanos).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  private static Duration ofNanos(String text, BigDecimal nanos) {
    if (nanos.compareTo(maxNanos()) > 0) {
      throw new UnitException(text, UnitProblem.TOO_LARGE,
          "is too long for a duration: at most about 292 years (`106751d`)", null);
    }
    return Duration.ofNanos(rounded(nanos));
  }

  /** Not a constant: {@link BigDecimal} is initialised only when a duration needs it. */
  private static BigDecimal maxNanos() {
    return BigDecimal.valueOf(Long.MAX_VALUE);
  }

  /** To the nearest nanosecond, half up, as the language has always rounded `0.5ns`. */
  private static long rounded(BigDecimal nanos) {
    BigDecimal whole = nanos.setScale(0, RoundingMode.HALF_UP);
    return whole.compareTo(maxNanos()) > 0 ? Long.MAX_VALUE : whole.longValueExact();
  }
}
