package dev.chaos.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The lab's demo service ({@code scripts/lab up}, then {@code . target/lab/lab.env}): it
 * serves reads, exposes its metrics, Prometheus scrapes them into the SLO series, and its
 * webhook records posts; skipped when {@code LAB_DEMO_URL} is not set.
 */
@EnabledIfEnvironmentVariable(named = "LAB_DEMO_URL", matches = ".+")
class LabDemoTest {
  private static final HttpClient HTTP = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(2)).build();

  private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return HTTP.send(request.timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> get(String url) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(url)));
  }

  @Test
  void itIsHealthyAndServesReads() throws Exception {
    String demo = System.getenv("LAB_DEMO_URL");
    assertThat(get(demo + "/health").statusCode()).isEqualTo(200);

    HttpResponse<String> read = get(demo + "/items/7");
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(read.body()).contains("\"id\":7", "\"name\":\"item-7\"")
        .containsAnyOf("\"source\":\"redis\"", "\"source\":\"postgres\"");
    assertThat(get(demo + "/items/100").statusCode()).isEqualTo(404);
  }

  @Test
  void itsMetricsAreInThePrometheusTextFormat() throws Exception {
    HttpResponse<String> metrics = get(System.getenv("LAB_DEMO_URL") + "/metrics");

    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
    assertThat(metrics.body()).contains("# TYPE http_requests_total counter",
        "http_requests_total{path=\"/items\",status=\"200\"} ",
        "# TYPE http_request_duration_seconds histogram",
        "http_request_duration_seconds_bucket{path=\"/items\",le=\"+Inf\"} ",
        "demo_reads_total{source=\"redis\"} ");
  }

  @Test
  void prometheusScrapesItAndComputesTheSloFromItsTraffic() throws Exception {
    String prom = System.getenv("LAB_PROM_URL");
    String up = query(prom, "up{job=\"demo\"}");
    assertThat(up).contains("\"job\":\"demo\"").contains("\"1\"]");
    // the built-in load is counted: the request rate the error-rate rule divides by is positive
    assertThat(query(prom, "sum(rate(http_requests_total{job=\"demo\"}[1m])) > 0"))
        .contains("\"result\":[{");
    assertThat(query(prom, "chaos:slo:error_rate:1m")).contains("\"result\":[{");
  }

  @Test
  void theWebhookCountsWhatIsPosted() throws Exception {
    String hook = System.getenv("LAB_WEBHOOK_URL");
    long before = Long.parseLong(get(hook + "/count").body().trim());

    HttpResponse<String> posted = send(HttpRequest.newBuilder(URI.create(hook))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"lab demo test\"}")));

    assertThat(posted.statusCode()).isEqualTo(204);
    assertThat(Long.parseLong(get(hook + "/count").body().trim())).isGreaterThan(before);
    assertThat(get(hook + "/last").body()).isEqualTo("{\"text\":\"lab demo test\"}");
  }

  private static String query(String prom, String promql) throws Exception {
    HttpResponse<String> response = get(prom + "/api/v1/query?query="
        + java.net.URLEncoder.encode(promql, java.nio.charset.StandardCharsets.UTF_8));
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }
}
