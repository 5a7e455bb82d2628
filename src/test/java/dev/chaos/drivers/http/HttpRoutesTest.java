package dev.chaos.drivers.http;

import static dev.chaos.drivers.http.HttpCalls.closedPort;
import static dev.chaos.drivers.http.HttpCalls.loopbackServer;
import static dev.chaos.drivers.http.HttpCalls.status;
import static dev.chaos.drivers.http.HttpCalls.within;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chaos.config.HostPort;
import dev.chaos.config.HttpRoutes;
import dev.chaos.drivers.RealClockContext;
import dev.chaos.spi.BuiltinImpl;
import dev.chaos.types.Value;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** `http.connect_to`: a runbook's in-cluster address reached through a mapped one. */
class HttpRoutesTest {
  private static final Duration BUDGET = Duration.ofSeconds(5);
  private static final String GATEWAY = "http://graphql-gateway.llm-marketplace:4000/health";

  @BeforeAll
  static void warmUp() {
    HttpCalls.warmUp();
  }

  private static Value get(HttpRoutes routes, String url) throws Exception {
    Map<String, BuiltinImpl> impls = new HashMap<>();
    LiveHttpBindings.bind(routes, impls);
    return impls.get("http.get").call(RealClockContext.named("url", Value.str(url)),
        within(BUDGET));
  }

  @Test
  void aMappedAddressIsReachedElsewhereAndTheServerHearsTheRunbooksName() throws Exception {
    try (MockWebServer server = loopbackServer()) {
      server.enqueue(new MockResponse.Builder().code(200).body("ok").build());
      HttpRoutes routes = new HttpRoutes(Map.of(
          new HostPort("graphql-gateway.llm-marketplace", 4000),
          new HostPort("127.0.0.1", server.getPort())));
      assertThat(status(get(routes, GATEWAY))).isEqualTo(200);
      RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
      assertThat(request.getTarget()).isEqualTo("/health");
      assertThat(request.getHeaders().get("Host")).isEqualTo(
          "graphql-gateway.llm-marketplace:4000");
    }
  }

  @Test
  void aFailureNamesBothTheAddressAndWhereItWasMapped() throws Exception {
    int closed = closedPort();
    HttpRoutes routes = new HttpRoutes(Map.of(
        new HostPort("graphql-gateway.llm-marketplace", 4000), new HostPort("127.0.0.1", closed)));
    assertThatThrownBy(() -> get(routes, GATEWAY)).hasMessage("GET "
        + "http://graphql-gateway.llm-marketplace:4000 (via 127.0.0.1:" + closed
        + "): connection refused");
  }

  @Test
  void anUnmappedAddressIsReachedAsWritten() throws Exception {
    try (MockWebServer server = loopbackServer()) {
      server.enqueue(new MockResponse.Builder().code(204).build());
      HttpRoutes routes = new HttpRoutes(Map.of(
          new HostPort("graphql-gateway.llm-marketplace", 4000), new HostPort("127.0.0.1", 1)));
      assertThat(status(get(routes, "http://127.0.0.1:" + server.getPort() + "/x")))
          .isEqualTo(204);
      assertThat(server.takeRequest(5, TimeUnit.SECONDS).getHeaders().get("Host"))
          .isEqualTo("127.0.0.1:" + server.getPort());
    }
  }
}
