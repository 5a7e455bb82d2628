package dev.chaos.drivers;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import javax.net.ssl.SSLException;

/**
 * One-line failure messages shared by the live drivers: a driver error names its target and
 * says what went wrong, never with an exception's class or stack.
 */
public final class FailureText {
  private FailureText() {}

  /**
   * A budget as a person writes it: 2s, 1.5s, 250ms. A budget is measured a little after its
   * deadline was set, so it is rounded (399ms reads 400ms).
   */
  public static String budget(Duration duration) {
    long millis = duration.toMillis();
    if (millis < 995) {
      return Math.round(millis / 10.0) * 10 + "ms";
    }
    double tenths = Math.round(millis / 100.0) / 10.0;
    return tenths == Math.rint(tenths)
        ? (long) tenths + "s"
        : String.format(Locale.ROOT, "%.1fs", tenths);
  }

  /** "timed out after 400ms": a call that ran out of {@code budget}. */
  public static String timedOut(Duration budget) {
    return "timed out after " + budget(budget);
  }

  /** {@code text} on one line, cut at 300 characters. */
  public static String oneLine(String text) {
    String line = text.strip().replaceAll("\\s*\\R\\s*", " ");
    return line.length() <= 300 ? line : line.substring(0, 300) + "...";
  }

  /**
   * The network reason among {@code failure}'s causes and suppressed exceptions (Jedis, for one,
   * reports a refused connection with the real cause suppressed), or null when there is none.
   */
  public static String networkReason(Throwable failure, Duration budget) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      for (Throwable suppressed : t.getSuppressed()) {
        String reason = networkReason(suppressed, budget);
        if (reason != null) {
          return reason;
        }
      }
      if (t instanceof ConnectException) {
        return "connection refused";
      }
      if (t instanceof NoRouteToHostException) {
        return "no route to host";
      }
      if (t instanceof UnknownHostException) {
        return "unknown host `" + t.getMessage() + "`";
      }
      if (t instanceof SocketTimeoutException) {
        return timedOut(budget);
      }
      if (t instanceof SSLException) {
        return "tls error: " + oneLine(String.valueOf(t.getMessage()));
      }
    }
    return null;
  }
}
