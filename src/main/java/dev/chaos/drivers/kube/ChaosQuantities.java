package dev.chaos.drivers.kube;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The other quantities of Chaos Mesh objects, read as Chaos Mesh's webhooks read them:
 * percentages written as strings (`loss: "25"`, its FloatStr), a StressChaos memory `size`
 * (docker/go-units FromHumanSize: `10GB`, `256MB`, `1.5g`, decimal units, an `i` changing
 * nothing; or `N%`), and a NetworkChaos bandwidth `rate` (tc's units: `bps` is bytes, `bit` bits,
 * `kbps`, `mbit`, ...).
 */
public final class ChaosQuantities {
  private ChaosQuantities() {}

  private static final Pattern SIZE =
      Pattern.compile("^(\\d+(?:\\.\\d+)*) ?([kKmMgGtTpP])?[iI]?[bB]?$");
  private static final Pattern RATE = Pattern.compile("^(\\d+)\\s*([a-z]*)$");

  /**
   * A FloatStr percentage (`"25"`, `"0.5"`) from 0 to 100.
   *
   * @throws IllegalArgumentException naming {@code field}
   */
  public static double percent(String field, Object value) {
    String text = value == null ? "" : String.valueOf(value).trim();
    double p;
    try {
      p = Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(field + " `" + text + "` is not a number (a percentage"
          + " such as \"25\")");
    }
    if (!(p >= 0 && p <= 100)) {
      throw new IllegalArgumentException(field + " `" + text + "` is not a percentage from 0 to"
          + " 100");
    }
    return p;
  }

  /**
   * Bytes of a FromHumanSize text (decimal: `10GB` is 10,000,000,000), or -1 for a percentage.
   *
   * @throws IllegalArgumentException naming {@code field}
   */
  public static long bytes(String field, String text) {
    Matcher m = SIZE.matcher(text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(field + " `" + text + "` is not a size such as 256MB or"
          + " 1GB (or a percentage such as 50%)");
    }
    long unit = m.group(2) == null ? 1 : switch (m.group(2).toLowerCase(Locale.ROOT)) {
      case "k" -> 1_000L;
      case "m" -> 1_000_000L;
      case "g" -> 1_000_000_000L;
      case "t" -> 1_000_000_000_000L;
      default -> 1_000_000_000_000_000L;
    };
    String number = m.group(1);
    if (number.indexOf('.') != number.lastIndexOf('.')) {
      throw new IllegalArgumentException(field + " `" + text + "` is not a number of bytes");
    }
    return new BigDecimal(number).multiply(BigDecimal.valueOf(unit)).longValue();
  }

  /**
   * Bits per second of a tc rate (`100kbps` is 800,000 bits per second, `1mbit` 1,000,000).
   *
   * @throws IllegalArgumentException naming {@code field}, for a unit tc does not take
   */
  public static long bitsPerSecond(String field, String text) {
    Matcher m = RATE.matcher(text.trim().toLowerCase(Locale.ROOT));
    String unit = m.matches() ? m.group(2) : "?";
    long bits = switch (unit) {
      case "bit" -> 1L;
      case "kbit" -> 1_000L;
      case "mbit" -> 1_000_000L;
      case "gbit" -> 1_000_000_000L;
      case "tbit" -> 1_000_000_000_000L;
      case "bps" -> 8L;
      case "kbps" -> 8_000L;
      case "mbps" -> 8_000_000L;
      case "gbps" -> 8_000_000_000L;
      case "tbps" -> 8_000_000_000_000L;
      default -> 0L;
    };
    if (bits == 0) {
      throw new IllegalArgumentException(field + " `" + text + "` is not a rate such as 1mbps"
          + " or 100kbit (units bit, kbit, mbit, gbit, tbit, bps, kbps, mbps, gbps, tbps)");
    }
    long n = Long.parseLong(m.group(1));
    if (n <= 0) {
      throw new IllegalArgumentException(field + " `" + text + "` lets nothing through: give a"
          + " rate above 0");
    }
    return Math.multiplyExact(n, bits);
  }
}
