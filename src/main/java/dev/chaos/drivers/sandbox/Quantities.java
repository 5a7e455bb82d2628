package dev.chaos.drivers.sandbox;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The quantities of world files and manifests: durations as runbooks and Kubernetes write them
 * (`250ms`, `1m30s`, `1.5s`), shares (`30%`, or a plain ratio `0.3`), memory (`256Mi`), and
 * plain numbers, each optionally signed (`+0.2%` for a delta).
 */
final class Quantities {
  private Quantities() {}

  private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h|d)");
  private static final Pattern MEMORY = Pattern.compile("(\\d+(?:\\.\\d+)?)(Ki|Mi|Gi|Ti|k|M|G|T)?");

  /** `250ms`, `30s`, `1m30s`, `2h15m`, `1d`; a bare number is seconds. */
  static Duration duration(String text) {
    String s = text.trim();
    boolean negative = s.startsWith("-");
    if (negative || s.startsWith("+")) {
      s = s.substring(1);
    }
    if (s.matches("\\d+(\\.\\d+)?([eE][-+]?\\d+)?")) {
      return sign(seconds(new BigDecimal(s)), negative);
    }
    Matcher m = DURATION_PART.matcher(s);
    Duration total = Duration.ZERO;
    int at = 0;
    while (at < s.length() && m.find(at) && m.start() == at) {
      BigDecimal n = new BigDecimal(m.group(1));
      total = total.plus(switch (m.group(2)) {
        case "ms" -> nanos(n.movePointRight(6));
        case "s" -> seconds(n);
        case "m" -> seconds(n.multiply(BigDecimal.valueOf(60)));
        case "h" -> seconds(n.multiply(BigDecimal.valueOf(3600)));
        default -> seconds(n.multiply(BigDecimal.valueOf(86_400)));
      });
      at = m.end();
    }
    if (at != s.length() || s.isEmpty()) {
      throw new IllegalArgumentException("`" + text + "` is not a duration such as 250ms, 30s or 1m30s");
    }
    return sign(total, negative);
  }

  /** A share as a ratio: `30%` is 0.3, `0.3` is 0.3. */
  static double ratio(String text) {
    String s = text.trim();
    try {
      if (s.endsWith("%")) {
        return Double.parseDouble(s.substring(0, s.length() - 1).trim()) / 100.0;
      }
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("`" + text + "` is not a share such as 30% or 0.3");
    }
  }

  /** Bytes from `256Mi`, `1Gi`, `500M` or a plain number. */
  static long bytes(String text) {
    Matcher m = MEMORY.matcher(text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("`" + text + "` is not an amount of memory such as 256Mi");
    }
    BigDecimal n = new BigDecimal(m.group(1));
    long unit = m.group(2) == null ? 1 : switch (m.group(2)) {
      case "Ki" -> 1L << 10;
      case "Mi" -> 1L << 20;
      case "Gi" -> 1L << 30;
      case "Ti" -> 1L << 40;
      case "k" -> 1_000L;
      case "M" -> 1_000_000L;
      case "G" -> 1_000_000_000L;
      default -> 1_000_000_000_000L;
    };
    return n.multiply(BigDecimal.valueOf(unit)).longValue();
  }

  /**
   * A number in the unit of a series: for `ratio` series `3%` or `0.03`, for `seconds` series
   * `250ms` or `0.25`, otherwise a plain number.
   */
  static double inUnit(String text, SeriesUnit unit) {
    String s = text.trim();
    switch (unit) {
      case RATIO:
        return ratio(s);
      case SECONDS:
        return toSeconds(duration(s));
      default:
        try {
          return Double.parseDouble(s);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("`" + text + "` is not a number");
        }
    }
  }

  static double toSeconds(Duration d) {
    return d.getSeconds() + d.getNano() / 1e9;
  }

  static Duration ofSeconds(double seconds) {
    return seconds(BigDecimal.valueOf(seconds));
  }

  private static Duration seconds(BigDecimal seconds) {
    return nanos(seconds.movePointRight(9));
  }

  private static Duration nanos(BigDecimal nanos) {
    return Duration.ofNanos(nanos.setScale(0, java.math.RoundingMode.HALF_EVEN).longValueExact());
  }

  private static Duration sign(Duration d, boolean negative) {
    return negative ? d.negated() : d;
  }
}
