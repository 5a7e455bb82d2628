package dev.chaos.drivers.http;

import static dev.chaos.drivers.http.HttpCalls.body;
import static dev.chaos.drivers.http.HttpCalls.call;
import static dev.chaos.drivers.http.HttpCalls.latency;
import static dev.chaos.drivers.http.HttpCalls.loopbackServer;
import static dev.chaos.drivers.http.HttpCalls.status;
import static dev.chaos.drivers.http.HttpCalls.url;
import static dev.chaos.drivers.http.HttpCalls.within;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chaos.drivers.RealClockContext;
import dev.chaos.drivers.RecordTypes;
import dev.chaos.types.JsonTree;
import dev.chaos.types.Value;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.BeforeAll;
import dev.chaos.spi.Builtin;
import dev.chaos.spi.BuiltinImpl;
import java.util.HashMap;
import org.junit.jupiter.api.Test;

/** `http.get` and `http.post` against a real server on loopback. */
class LiveHttpBindingsTest {
  private static final Duration BUDGET = Duration.ofSeconds(10);

  @BeforeAll
  static void warmUp() {
    HttpCalls.warmUp();
  }

  @Test
  void getAnswersTheSandboxsResponseShape() throws Exception {
    try (MockWebServer server = loopbackServer()) {
      server.enqueue(new MockResponse.Builder().code(200).body("{\"status\":\"ok\"}").build());

      Value response = call("http.get", within(BUDGET),
          "url", Value.str(url(server, "/health?verbose=1")));

      Value.Rec record = (Value.Rec) response;
      assertThat(record.typeName()).isEqualTo("Response");
      assertThat(record.fields().keySet()).containsExactlyElementsOf(
          RecordTypes.RESPONSE.fields().keySet());
      assertThat(status(response)).isEqualTo(200);
      assertThat(body(response)).isEqualTo("{\"status\":\"ok\"}");
      assertThat(latency(response)).isPositive().isLessThan(BUDGET);
      RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
      assertThat(request.getMethod()).isEqualTo("GET");
      assertThat(request.getTarget()).isEqualTo("/health?verbose=1");
    }
  }

  /**
   * A server that closes a kept-alive connection while it is idle: the next GET (a guard's
   * sample) is sent again on a new connection instead of failing, and aborting the run.
   */
  @Test
  void aGetSurvivesAKeptAliveConnectionTheServerClosed() throws Exception {
    try (MockWebServer server = loopbackServer()) {
      server.enqueue(new MockResponse.Builder().code(200).body("first")
          .onResponseEnd(new SocketEffect.CloseSocket()).build());
      server.enqueue(new MockResponse.Builder().code(200).body("second").build());

      Value first = call("http.get", within(BUDGET), "url", Value.str(url(server, "/health")));
      Value second = call("http.get", within(BUDGET), "url", Value.str(url(server, "/health")));

      assertThat(body(first)).isEqualTo("first");
      assertThat(body(second)).isEqualTo("second");
    }
  }

  /** The server may have acted on a POST whose answer was lost: it is never sent twice. */
  @Test
  void aPostWhoseConnectionDiesIsNotSentAgain() throws Exception {
    try (MockWebServer server = loopbackServer()) {
      server.enqueue(new MockResponse.Builder().code(200)
          .onResponseStart(new SocketEffect.CloseSocket()).build());
      server.enqueue(new MockResponse.Builder().code(200).body("again").build());

      assertThatThrownBy(() -> call("http.post", within(BUDGET), "url",
          Value.str(url(server, "/admin/rebuild"))))
          .hasMessageContaining("POST");
      assertThat(server.getRequestCount()).isEqualTo(1);
    }
  }

  @Test
  void anErrorStatusIsAResponseNotAFailure() throws Exception {
    try (MockWebServer server = loopbackServer()) {
      server.enqueue(new MockResponse.Builder().code(503).body("upstream down").build());
      server.enqueue(new MockResponse.Builder().code(500).build());

      Value unavailable = call("http.get", within(BUDGET), "url",
          Value.str(url(server, "/health")));
      Value failed = call("http.post", within(BUDGET), "url",
          Value.str(url(server, "/admin/rebuild")));

      assertThat(status(unavailable)).isEqualTo(503);
      assertThat(body(unavailable)).isEqualTo("upstream down");
      assertThat(status(failed)).isEqualTo(500);
      assertThat(body(failed)).isEmpty();
    }
  }

  @Test
  void aRedirectIsReportedNotFollowed() throws Exception {
    try (MockWebServer server = loopbackServer()) {
      server.enqueue(new MockResponse.Builder().code(301)
          .addHeader("Location", url(server, "/elsewhere")).build());

      Value response = call("http.get", within(BUDGET), "url",
          Value.str(url(server, "/health")));

      assertThat(status(response)).isEqualTo(301);
      assertThat(server.getRequestCount()).isEqualTo(1);
    }
  }

  @Test
  void postSendsTheBodyWithItsContentTypeAndTheHeaders() throws Exception {
    try (MockWebServer server = loopbackServer()) {
      server.enqueue(new MockResponse.Builder().code(202).body("queued").build());
      Map<String, Value> headers = new LinkedHashMap<>();
      headers.put("Authorization", new Value.Secret("Bearer s3cret"));
      headers.put("X-Request-Id", Value.str("chaos-1"));

      Value response = call("http.post", within(BUDGET),
          "url", Value.str(url(server, "/admin/cache/rebuild")),
          "body", Value.str("{\"scope\":\"all\"}"),
          "headers", new Value.Rec("", headers));

      assertThat(status(response)).isEqualTo(202);
      assertThat(body(response)).isEqualTo("queued");
      RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
      assertThat(request.getMethod()).isEqualTo("POST");
      assertThat(request.getTarget()).isEqualTo("/admin/cache/rebuild");
      assertThat(request.getBody().utf8()).isEqualTo("{\"scope\":\"all\"}");
      assertThat(request.getHeaders().get("Content-Type")).isEqualTo("application/json");
      assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer s3cret");
      assertThat(request.getHeaders().get("X-Request-Id")).isEqualTo("chaos-1");
    }
  }

  @Test
  void postTakesAnyContentTypeAndAnEmptyBody() throws Exception {
    try (MockWebServer server = loopbackServer()) {
      server.enqueue(new MockResponse.Builder().code(200).build());
      server.enqueue(new MockResponse.Builder().code(204).build());

      call("http.post", within(BUDGET), "url", Value.str(url(server, "/drain")),
          "body", Value.str("node=1"),
          "content_type", Value.str("application/x-www-form-urlencoded"));
      Value empty = call("http.post", within(BUDGET),
          "url", Value.str(url(server, "/flush")));

      RecordedRequest form = server.takeRequest(5, TimeUnit.SECONDS);
      assertThat(form.getHeaders().get("Content-Type"))
          .isEqualTo("application/x-www-form-urlencoded");
      assertThat(form.getBody().utf8()).isEqualTo("node=1");
      RecordedRequest flush = server.takeRequest(5, TimeUnit.SECONDS);
      assertThat(flush.getBodySize()).isZero();
      assertThat(status(empty)).isEqualTo(204);
    }
  }

  @Test
  void headersMayBeJsonAndGoWithAGet() throws Exception {
    try (MockWebServer server = loopbackServer()) {
      server.enqueue(new MockResponse.Builder().code(200).build());

      call("http.get", within(BUDGET), "url", Value.str(url(server, "/")),
          "headers", JsonTree.of(Map.of("Accept", "text/plain", "X-Try", 3L)));

      RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
      assertThat(request.getHeaders().get("Accept")).isEqualTo("text/plain");
      assertThat(request.getHeaders().get("X-Try")).isEqualTo("3");
    }
  }

  @Test
  void aHeaderHttpCannotCarryIsAnErrorThatHidesItsValue() throws Exception {
    try (MockWebServer server = loopbackServer()) {
      Value headers = new Value.Rec("", Map.of("Authorization",
          new Value.Secret("Bearer abc\nX-Injected: 1")));

      assertThatThrownBy(() -> call("http.get", within(BUDGET),
          "url", Value.str(url(server, "/")), "headers", headers))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("header `Authorization`:")
          .hasMessageNotContaining("abc");
      assertThat(server.getRequestCount()).isZero();
    }
  }

  @Test
  void aLongBodyIsCutAndTheCutIsSaid() throws Exception {
    try (MockWebServer server = loopbackServer()) {
      String big = "x".repeat(5000);
      server.enqueue(new MockResponse.Builder().code(200).body(big).build());
      RealClockContext context = within(BUDGET);

      Value response = call(1000, "http.get", context,
          "url", Value.str(url(server, "/metrics")));

      assertThat(body(response)).isEqualTo("x".repeat(1000));
      assertThat(context.log).containsExactly("GET http://127.0.0.1:" + server.getPort()
          + ": body cut to its first 1000 bytes of 5000");
    }
  }

  @Test
  void aBodyUpToTheLimitIsWholeAndDecodedByItsCharset() throws Exception {
    try (MockWebServer server = loopbackServer()) {
      String text = "réplica ok ✓".repeat(1000);
      server.enqueue(new MockResponse.Builder().code(200)
          .addHeader("Content-Type", "text/plain; charset=utf-8").body(text).build());
      RealClockContext context = within(BUDGET);

      Value response = call("http.get", context,
          "url", Value.str(url(server, "/")));

      assertThat(body(response)).isEqualTo(text);
      assertThat(text.getBytes(StandardCharsets.UTF_8).length)
          .isLessThan(DeadlineExchange.BODY_LIMIT);
      assertThat(context.log).isEmpty();
    }
  }

  @Test
  void aDryRunPostSendsNothing() throws Exception {
    try (MockWebServer server = loopbackServer()) {
      RealClockContext context = new RealClockContext(BUDGET, true);
      String url = url(server, "/admin/cache/rebuild");

      Value response = call("http.post", context, "url", Value.str(url),
          "body", Value.str("{}"));

      assertThat(status(response)).isZero();
      assertThat(body(response)).isEmpty();
      assertThat(latency(response)).isZero();
      assertThat(context.previews).extracting(p -> p.targets()).containsExactly(
          java.util.List.of("http://127.0.0.1:" + server.getPort()));
      assertThat(context.log).containsExactly("dry run: would POST 2 bytes of application/json"
          + " to http://127.0.0.1:" + server.getPort());
      assertThat(server.getRequestCount()).isZero();
    }
  }

  @Test
  void aUrlThatIsNotHttpIsAClearError() {
    assertThatThrownBy(() -> call("http.get", within(BUDGET),
        "url", Value.str("ftp://127.0.0.1/file?token=abc")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("`ftp://127.0.0.1/file?...` is not an http:// or https:// URL");
    assertThatThrownBy(() -> call("http.post", within(BUDGET),
        "url", Value.str("http://127.0.0.1:1/"), "content_type", Value.str("json")))
        .hasMessageContaining("`content_type` `json` is not a media type");
    assertThatThrownBy(() -> call("http.get", within(BUDGET),
        "url", Value.str("http://127.0.0.1:1/"), "timeout", Value.duration(Duration.ZERO)))
        .hasMessage("GET http://127.0.0.1:1: `timeout` must be more than 0s");
  }

  @Test
  void everyFunctionOfTheTableIsBound() {
    Map<String, BuiltinImpl> impls = new HashMap<>();
    LiveHttpBindings.bind(impls);
    assertThat(impls.keySet()).containsExactlyInAnyOrderElementsOf(new HttpDriver().builtins()
        .stream().map(Builtin::qualifiedName).toList());
  }
}
