package dev.chaos.drivers.prometheus;

import dev.chaos.drivers.FailureText;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chaos.types.Value;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;

/**
 * Calls are bounded: the deadline of the call, a guard's interrupt, a server that is not there.
 */
class PrometheusDeadlineTest {
  private static final String ONE_SAMPLE = "{\"status\":\"success\",\"data\":{\"resultType\":"
      + "\"vector\",\"result\":[{\"metric\":{},\"value\":[1,\"1\"]}]}}";

  @Test
  void aSlowAnswerTimesOutAtTheDeadline() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.enqueue(new MockResponse.Builder().body(ONE_SAMPLE)
          .headersDelay(10, TimeUnit.SECONDS).build());
      server.start();
      try (PrometheusClient client = new PrometheusClient(server.url("/").toString(), null)) {
        long start = System.nanoTime();

        assertThatThrownBy(() -> LiveCallContext.call(client, Duration.ofMillis(400),
            "prometheus.scalar", "query", Value.str("up")))
            .isInstanceOf(PrometheusException.class)
            // what remained of the 400ms when the call started: not a fixed figure
            .hasMessageMatching(java.util.regex.Pattern.quote("prometheus " + client.target()
                + ": timed out after ") + "[1-9][0-9]{0,2}ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
      }
    }
  }

  @Test
  void aSlowServerIsNotReady() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.enqueue(new MockResponse.Builder().body("ready")
          .headersDelay(10, TimeUnit.SECONDS).build());
      server.start();
      try (PrometheusClient client = new PrometheusClient(server.url("/").toString(), null)) {
        assertThat(LiveCallContext.call(client, Duration.ofMillis(300), "prometheus.ready"))
            .isEqualTo(Value.bool(false));
      }
    }
  }

  @Test
  void anInterruptCancelsTheCallAtOnce() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.enqueue(new MockResponse.Builder().body(ONE_SAMPLE)
          .headersDelay(20, TimeUnit.SECONDS).build());
      server.start();
      try (PrometheusClient client = new PrometheusClient(server.url("/").toString(), null)) {
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        CompletableFuture<Long> stoppedAfterMillis = new CompletableFuture<>();
        Thread steps = new Thread(() -> {
          long start = System.nanoTime();
          try {
            LiveCallContext.call(client, Duration.ofSeconds(30), "prometheus.scalar",
                "query", Value.str("up"));
          } catch (Throwable t) {
            outcome.set(t);
          }
          stoppedAfterMillis.complete((System.nanoTime() - start) / 1_000_000);
        });
        steps.start();
        server.takeRequest(5, TimeUnit.SECONDS); // the call is on the wire
        steps.interrupt();

        long millis = stoppedAfterMillis.get(5, TimeUnit.SECONDS);
        assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
        assertThat(millis).isLessThan(2_000);
      }
    }
  }

  @Test
  void aClosedPortIsConnectionRefusedWithinTheDeadline() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    try (PrometheusClient client = new PrometheusClient("http://127.0.0.1:" + port, null)) {
      long start = System.nanoTime();

      assertThatThrownBy(() -> LiveCallContext.call(client, Duration.ofSeconds(2),
          "prometheus.scalar", "query", Value.str("up")))
          .isInstanceOf(PrometheusException.class)
          .hasMessage("prometheus http://127.0.0.1:" + port + ": connection refused");
      assertThatThrownBy(() -> LiveCallContext.call(client, Duration.ofSeconds(2),
          "prometheus.alerts"))
          .hasMessage("prometheus http://127.0.0.1:" + port + ": connection refused");
      assertThat(LiveCallContext.call(client, Duration.ofSeconds(2), "prometheus.ready"))
          .isEqualTo(Value.bool(false));
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }
  }

  @Test
  void aCallOutOfTimeDoesNotStart() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.start();
      try (PrometheusClient client = new PrometheusClient(server.url("/").toString(), null)) {
        assertThatThrownBy(() -> LiveCallContext.call(client, Duration.ofMillis(-1),
            "prometheus.vector", "query", Value.str("up")))
            .hasMessage("prometheus " + client.target() + ": timed out after 0ms");
        assertThat(server.getRequestCount()).isZero();
      }
    }
  }

  @Test
  void budgetsReadAsPeopleWriteThem() {
    assertThat(FailureText.budget(Duration.ofSeconds(2))).isEqualTo("2s");
    assertThat(FailureText.budget(Duration.ofMillis(1999))).isEqualTo("2s");
    assertThat(FailureText.budget(Duration.ofMillis(1500))).isEqualTo("1.5s");
    assertThat(FailureText.budget(Duration.ofMillis(250))).isEqualTo("250ms");
    assertThat(FailureText.budget(Duration.ofMillis(399))).isEqualTo("400ms");
    assertThat(FailureText.budget(Duration.ofMillis(997))).isEqualTo("1s");
    assertThat(FailureText.budget(Duration.ofMinutes(2))).isEqualTo("120s");
  }
}
