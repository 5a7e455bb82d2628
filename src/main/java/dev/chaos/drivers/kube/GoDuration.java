package dev.chaos.drivers.kube;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A duration as Chaos Mesh reads `duration`, `latency`, `jitter`, a Workflow's `deadline`: Go's
 * time.ParseDuration, a signed sequence of decimal numbers each with a unit `ns`, `us` (or
 * `µs`), `ms`, `s`, `m`, `h` (`300ms`, `1.5h`, `2h45m`, `1500000us`, `-10m100ns`), or `0`
 * alone. The project's own duration syntax has no `us` or `ns` and takes each unit once, which
 * is why chaos objects are read with this one, by the live drivers, the sandbox and the lab.
 */
public final class GoDuration {
  private static final Pattern PART =
      Pattern.compile("([0-9]*(?:\\.[0-9]*)?)(ns|us|µs|μs|ms|s|m|h)");
  private static final Map<String, Long> NANOS = Map.of("ns", 1L, "us", 1_000L, "µs", 1_000L,
      "μs", 1_000L, "ms", 1_000_000L, "s", 1_000_000_000L, "m", 60_000_000_000L,
      "h", 3_600_000_000_000L);
  /** Go's time.Duration is an int64 of nanoseconds: about 290 years. */
  private static final BigDecimal MAX_NANOS = BigDecimal.valueOf(Long.MAX_VALUE);

  private GoDuration() {}

  /** @throws IllegalArgumentException naming the text, as Go's "invalid duration" */
  public static Duration parse(String text) {
    String t = text == null ? "" : text.trim();
    boolean negative = t.startsWith("-");
    String body = t.startsWith("-") || t.startsWith("+") ? t.substring(1) : t;
    if (body.equals("0")) {
      return Duration.ZERO;
    }
    Matcher m = PART.matcher(body);
    BigDecimal nanos = BigDecimal.ZERO;
    int at = 0;
    while (at < body.length() && m.find(at) && m.start() == at) {
      String number = m.group(1);
      if (number.isEmpty() || number.equals(".")) {
        break;
      }
      nanos = nanos.add(new BigDecimal(number).multiply(BigDecimal.valueOf(NANOS.get(m.group(2)))));
      at = m.end();
    }
    if (body.isEmpty() || at != body.length()) {
      throw new IllegalArgumentException("`" + text + "` is not a Go duration (e.g. `300ms`,"
          + " `1m30s`, `1500000us`)");
    }
    if (nanos.compareTo(MAX_NANOS) > 0) {
      throw new IllegalArgumentException("`" + text + "` is longer than a Go duration holds"
          + " (about 290 years)");
    }
    Duration d = Duration.ofNanos(nanos.setScale(0, java.math.RoundingMode.DOWN).longValueExact());
    return negative ? d.negated() : d;
  }
}
