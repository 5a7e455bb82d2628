package dev.chaos.lsp;

import dev.chaos.syntax.ast.Expr;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** What a literal with a unit means, in words: `30s` is "duration: 30 seconds". */
final class LiteralUnits {
  private LiteralUnits() {}

  /** The meaning of a unit literal, or null for any other expression. */
  static String describe(Expr e) {
    if (e instanceof Expr.DurationLit d) {
      return "duration: " + words(d.value());
    }
    if (e instanceof Expr.PercentLit p) {
      BigDecimal percent = BigDecimal.valueOf(p.percent()).stripTrailingZeros();
      return "percentage: " + percent.toPlainString() + "% (the fraction "
          + percent.movePointLeft(2).toPlainString() + ")";
    }
    if (e instanceof Expr.TimeOfDayLit t) {
      return String.format("time of day: %02d:%02d", t.hour(), t.minute());
    }
    return null;
  }

  /** `1m30s` is "1 minute 30 seconds (90 seconds)"; `1.5s` is "1.5 seconds". */
  static String words(Duration d) {
    if (d.isZero()) {
      return "0 seconds";
    }
    long nanos = d.toNanosPart();
    long seconds = d.getSeconds();
    if (seconds < 60 && nanos % 1_000_000 == 0 && nanos != 0) {
      long millis = seconds * 1000 + nanos / 1_000_000;
      return seconds == 0 ? plural(millis, "millisecond")
          : BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString() + " seconds";
    }
    List<String> parts = new ArrayList<>();
    long days = d.toDaysPart();
    if (days > 0) {
      parts.add(plural(days, "day"));
    }
    if (d.toHoursPart() > 0) {
      parts.add(plural(d.toHoursPart(), "hour"));
    }
    if (d.toMinutesPart() > 0) {
      parts.add(plural(d.toMinutesPart(), "minute"));
    }
    if (d.toSecondsPart() > 0 || nanos > 0) {
      String s = nanos == 0 ? String.valueOf(d.toSecondsPart())
          : BigDecimal.valueOf(d.toSecondsPart()).add(BigDecimal.valueOf(nanos, 9))
              .stripTrailingZeros().toPlainString();
      parts.add(s + (s.equals("1") ? " second" : " seconds"));
    }
    String text = String.join(" ", parts);
    return parts.size() > 1 || seconds >= 60 ? text + " (" + plural(seconds, "second") + ")" : text;
  }

  private static String plural(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
