package dev.chaos.lab;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Waits until the lab's SLO series are back at their baseline. A lab test that makes the demo
 * answer late or with errors calls it last: Prometheus' 1 m windows keep those answers for a
 * minute, and the next test's runbook (whose preconditions ask for an error rate under 0.1%)
 * would otherwise start in this one's tail.
 */
final class LabBaseline {
  private static final HttpClient HTTP = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(2)).build();
  private static final Pattern VALUE = Pattern.compile("\"value\":\\[[^,]+,\"([^\"]+)\"\\]");

  private LabBaseline() {}

  /** Error rate 0 and p95 under 300 ms, within 3 minutes; skipped without Prometheus. */
  static void awaitQuietSlos() {
    String prometheus = System.getenv("LAB_PROM_URL");
    if (prometheus == null || prometheus.isBlank()) {
      return;
    }
    await("the SLO series back at baseline").atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofSeconds(2)).ignoreExceptions()
        .until(() -> value(prometheus, "chaos:slo:error_rate:1m") == 0
            && value(prometheus, "chaos:slo:latency:p95:1m") < 0.3);
  }

  private static double value(String prometheus, String query) throws Exception {
    String body = HTTP.send(HttpRequest.newBuilder(URI.create(prometheus + "/api/v1/query?query="
        + URLEncoder.encode(query, StandardCharsets.UTF_8))).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    Matcher m = VALUE.matcher(body);
    if (!m.find()) {
      throw new IllegalStateException("no value for " + query + ": " + body);
    }
    return Double.parseDouble(m.group(1));
  }
}
