package dev.chaos.syntax;

import dev.chaos.units.DurationSyntax;
import dev.chaos.units.Durations;
import dev.chaos.units.PercentSyntax;
import dev.chaos.units.Percentages;
import dev.chaos.units.UnitException;
import java.time.Duration;

/**
 * Decodes literal tokens; durations and percentages by {@link dev.chaos.units}, as `chaos.yaml`
 * and world files read them. Each decoder returns null for a value the lexical check reports, so
 * the AST builder can put an error node there without a second message.
 */
final class Literals {
  private Literals() {}

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
    return Percentages.value(text, PercentSyntax.STRICT);
  }

  /** The value of a DURATION token, or null when {@link #durationError} reports it. */
  static Duration duration(String text) {
    try {
      return Durations.parse(text, DurationSyntax.STRICT);
    } catch (UnitException e) {
      return null;
    }
  }

  /** Why a DURATION token has no value (units out of order, too long), or null if it has one. */
  static UnitException durationError(String text) {
    try {
      Durations.parse(text, DurationSyntax.STRICT);
      return null;
    } catch (UnitException e) {
      return e;
    }
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
    UnitException e = durationError(text);
    return e == null ? text : e.suggestion();
  }
}
