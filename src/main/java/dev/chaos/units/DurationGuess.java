package dev.chaos.units;

import java.util.List;
import java.util.Locale;

/**
 * The duration a refused text was probably meant to be: `10min` is `10m`, `5 seconds` is `5s`,
 * `1m30` is `1m30s`, `1h30min` is `1h30m`. Only a guess that is itself a duration is offered.
 */
final class DurationGuess {
  private DurationGuess() {}

  /** The guess for {@code text}, or null when there is no good one. */
  static String of(String text) {
    String body = text.startsWith("+") || text.startsWith("-") ? text.substring(1) : text;
    String sign = text.substring(0, text.length() - body.length());
    int at = validPrefix(body);
    int end = Durations.numberEnd(body, at);
    if (end == at) {
      return null;
    }
    String head = body.substring(0, at);
    String number = body.substring(at, end);
    String rest = body.substring(end).strip().toLowerCase(Locale.ROOT);
    String unit = rest.isEmpty() ? smallerThanLast(head) : unitNamed(rest);
    if (unit == null) {
      return null;
    }
    String candidate = sign + head + number + unit;
    return Durations.isDuration(candidate.substring(sign.length())) ? candidate : null;
  }

  /** How much of {@code body} is `NUMBER UNIT` parts: `1h30` gives 2 (`1h`). */
  private static int validPrefix(String body) {
    int at = 0;
    while (true) {
      int end = Durations.numberEnd(body, at);
      DurationUnit unit = end == at ? null : DurationUnit.at(body, end);
      int next = unit == null ? at : end + unit.symbol().length();
      // a part must be followed by the next number or the end: `5sec` has no part `5s`
      if (unit == null || next < body.length() && !Character.isDigit(body.charAt(next))) {
        return at;
      }
      at = next;
    }
  }

  /** After `1m`, a number without unit is seconds (`1m30` is `1m30s`); alone, none is guessed. */
  private static String smallerThanLast(String head) {
    List<DurationPart> parts = head.isEmpty() ? null : Durations.split(head);
    if (parts == null) {
      return null;
    }
    int last = parts.get(parts.size() - 1).unit().ordinal();
    return last + 1 < DurationUnit.values().length ? DurationUnit.values()[last + 1].symbol() : null;
  }

  /** The unit a word of letters names by its first letters: `min`, `sec`, `hours`, `millis`. */
  private static String unitNamed(String word) {
    if (!word.chars().allMatch(Character::isLetter)) {
      return null;
    }
    if (word.startsWith("mo")) {
      return null; // months: no unit of ours
    }
    if (word.startsWith("ms") || word.startsWith("mil")) {
      return "ms";
    }
    return switch (word.charAt(0)) {
      case 's' -> "s";
      case 'm' -> "m";
      case 'h' -> "h";
      case 'd' -> "d";
      default -> null;
    };
  }
}
