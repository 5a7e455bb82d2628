package dev.chaos.lab;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DemoMetricsTest {
  @Test
  void nothingIsCountedBeforeTheWarmUpEnds() {
    DemoMetrics metrics = new DemoMetrics();
    metrics.request(200, 0.01);

    assertThat(metrics.requests(200)).isZero();
    assertThat(metrics.exposition()).contains("http_request_duration_seconds_count{path=\"/items\"} 0\n");
  }

  @Test
  void requestsAreCountedByStatusWithCumulativeBuckets() {
    DemoMetrics metrics = new DemoMetrics();
    metrics.startCounting();
    metrics.request(200, 0.004);
    metrics.request(200, 0.2);
    metrics.request(503, 7.0);

    String text = metrics.exposition();
    assertThat(text).contains(
        "http_requests_total{path=\"/items\",status=\"200\"} 2\n",
        "http_requests_total{path=\"/items\",status=\"500\"} 0\n",
        "http_requests_total{path=\"/items\",status=\"503\"} 1\n",
        "http_request_duration_seconds_bucket{path=\"/items\",le=\"0.005\"} 1\n",
        "http_request_duration_seconds_bucket{path=\"/items\",le=\"0.1\"} 1\n",
        "http_request_duration_seconds_bucket{path=\"/items\",le=\"0.25\"} 2\n",
        "http_request_duration_seconds_bucket{path=\"/items\",le=\"5.0\"} 2\n",
        "http_request_duration_seconds_bucket{path=\"/items\",le=\"+Inf\"} 3\n",
        "http_request_duration_seconds_count{path=\"/items\"} 3\n",
        "http_request_duration_seconds_sum{path=\"/items\"} 7.204\n");
  }

  @Test
  void everySeriesHasItsTypeLine() {
    String text = new DemoMetrics().exposition();

    assertThat(text).contains("# TYPE http_requests_total counter\n",
        "# TYPE http_request_duration_seconds histogram\n", "# TYPE demo_reads_total counter\n",
        "# TYPE demo_backend_errors_total counter\n", "# TYPE demo_load_skipped_total counter\n");
  }

  @Test
  void retriesAndTheBreakerAreExportedFromTheFirstScrape() {
    DemoMetrics metrics = new DemoMetrics();
    assertThat(metrics.exposition()).contains("# TYPE demo_db_retries_total counter\n",
        "demo_db_retries_total 0\n", "# TYPE demo_circuit_breaker_open gauge\n",
        "demo_circuit_breaker_open 0\n");

    metrics.dbRetry();
    metrics.dbRetry();
    metrics.circuitBreakerOpen(true);

    assertThat(metrics.exposition()).contains("demo_db_retries_total 2\n",
        "demo_circuit_breaker_open 1\n");
    metrics.circuitBreakerOpen(false);
    assertThat(metrics.exposition()).contains("demo_circuit_breaker_open 0\n");
  }
}
