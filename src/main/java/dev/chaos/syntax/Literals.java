package dev.chaos.syntax;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * Decodes literal tokens. Each decoder returns null for a value the lexical check reports, so
 * the AST builder can put an error node there without a second message.
 */
final class Literals {
  private Literals() {}

  private static final String[] UNITS = {"d", "h", "m", "s", "ms"};
  private static final long[] UNIT_NANOS = {
      86_400_000_000_000L, 3_600_000_000_000L, 60_000_000_000L, 1_000_000_000L, 1_000_000L};
  private static final BigDecimal MAX_NANOS = BigDecimal.valueOf(Long.MAX_VALUE);

  /** Why a duration token has no value. */
  enum DurationProblem { NONE, UNIT_ORDER, TOO_LARGE }

  static Long integer(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  static double decimal(String text) {
    return Double.parseDouble(text);
  }

  /** `30%` and `0.1%` as 30.0 and 0.1. */
  static double percent(String text) {
    return Double.parseDouble(text.substring(0, text.length() - 1));
  }

  static Duration duration(String text) {
    BigDecimal nanos = durationNanos(text);
    return nanos == null ? null : Duration.ofNanos(nanos.longValue());
  }

  static DurationProblem durationProblem(String text) {
    if (!unitsDescend(text)) {
      return DurationProblem.UNIT_ORDER;
    }
    return durationNanos(text) == null ? DurationProblem.TOO_LARGE : DurationProblem.NONE;
  }

  /** Units of a compound duration go from largest to smallest, each at most once: `1h30m`. */
  private static boolean unitsDescend(String text) {
    int previous = -1;
    for (int[] part = nextPart(text, 0); part != null; part = nextPart(text, part[2])) {
      if (part[1] <= previous) {
        return false;
      }
      previous = part[1];
    }
    return true;
  }

  private static BigDecimal durationNanos(String text) {
    if (!unitsDescend(text)) {
      return null;
    }
    BigDecimal total = BigDecimal.ZERO;
    int start = 0;
    for (int[] part = nextPart(text, 0); part != null; part = nextPart(text, part[2])) {
      BigDecimal amount = new BigDecimal(text.substring(start, part[0]));
      total = total.add(amount.multiply(BigDecimal.valueOf(UNIT_NANOS[part[1]])));
      start = part[2];
    }
    total = total.setScale(0, java.math.RoundingMode.HALF_UP);
    return total.compareTo(MAX_NANOS) > 0 ? null : total;
  }

  /**
   * The part of a DURATION token starting at {@code from}: {end of its number, unit index,
   * end of the part}, or null at the end. The lexer guarantees the shape `NUMBER UNIT`.
   */
  private static int[] nextPart(String text, int from) {
    int i = from;
    while (i < text.length() && (Character.isDigit(text.charAt(i)) || text.charAt(i) == '.')) {
      i++;
    }
    if (i == from || i >= text.length()) {
      return null;
    }
    boolean millis = text.startsWith("ms", i);
    String unit = millis ? "ms" : text.substring(i, i + 1);
    return new int[] {i, unitIndex(unit), i + unit.length()};
  }

  private static int unitIndex(String unit) {
    for (int i = 0; i < UNITS.length; i++) {
      if (UNITS[i].equals(unit)) {
        return i;
      }
    }
    return -1;
  }

  /** `02:00` as {2, 0}, or null unless both parts have two digits and are in range. */
  static int[] timeOfDay(String text) {
    int colon = text.indexOf(':');
    String hours = text.substring(0, colon);
    String minutes = text.substring(colon + 1);
    if (hours.length() != 2 || minutes.length() != 2) {
      return null;
    }
    int h = Integer.parseInt(hours);
    int m = Integer.parseInt(minutes);
    return h <= 23 && m <= 59 ? new int[] {h, m} : null;
  }

  /** What an escape stands for, or null for an escape the language does not have. */
  static String escape(String text) {
    if (text.length() != 2) {
      return null;
    }
    switch (text.charAt(1)) {
      case '"':
        return "\"";
      case '\\':
        return "\\";
      case 'n':
        return "\n";
      case 't':
        return "\t";
      case '$':
        return "$";
      default:
        return null;
    }
  }

  /**
   * The duration a glued number was probably meant to be (`10min` gives `10m`, `1m30` gives
   * `1m30s`), or null when there is no good guess.
   */
  static String intendedDuration(String text) {
    int i = 0;
    while (i < text.length() && (Character.isDigit(text.charAt(i)) || text.charAt(i) == '.')) {
      i++;
    }
    String number = text.substring(0, i);
    String rest = text.substring(i).toLowerCase(java.util.Locale.ROOT);
    if (rest.matches("(ms|s|m|h|d)\\d+")) {
      String unit = rest.replaceAll("\\d+$", "");
      String smaller = smallerUnit(unit);
      String candidate = text + (smaller == null ? "" : smaller);
      return smaller == null || durationProblem(candidate) != DurationProblem.NONE ? null : candidate;
    }
    String unit;
    if (rest.startsWith("ms") || rest.startsWith("mil")) {
      unit = "ms";
    } else if (rest.startsWith("s")) {
      unit = "s";
    } else if (rest.startsWith("m")) {
      unit = "m";
    } else if (rest.startsWith("h")) {
      unit = "h";
    } else if (rest.startsWith("d")) {
      unit = "d";
    } else {
      return null;
    }
    return number + unit;
  }

  private static String smallerUnit(String unit) {
    int index = unitIndex(unit);
    return index >= 0 && index + 1 < UNITS.length ? UNITS[index + 1] : null;
  }
}
