package dev.chaos.drivers.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chaos.drivers.RealClockContext;
import dev.chaos.drivers.http.HttpException;
import dev.chaos.spi.BuiltinImpl;
import dev.chaos.types.Value;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.BeforeAll;
import dev.chaos.spi.Builtin;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** `notify.send` to a webhook served on loopback, as Slack's incoming webhooks take it. */
class LiveNotifyBindingsTest {
  /** Slack's webhook paths are their secret: no message may show one. */
  private static final String SECRET_PATH = "/services/T000/B000/XXXXsecretXXXX";
  private static final Duration BUDGET = Duration.ofSeconds(10);
  private static final Duration MARGIN = Duration.ofSeconds(3);

  @BeforeAll
  static void warmUp() {
    LiveNotifyBindings.bind(URI.create("http://127.0.0.1:1/"), null, new HashMap<>());
  }

  @Test
  void sendPostsTheTextAndTheRunsFactsWithTheBearerToken() throws Exception {
    try (MockWebServer server = loopbackServer()) {
      server.enqueue(new MockResponse.Builder().code(200).body("ok").build());
      RealClockContext context = new RealClockContext(BUDGET, false);

      Value result = send(webhook(server), "token-123", () -> context,
          "chaos: redis-failover aborted: \"p95\" > 2s");

      assertThat(result).isEqualTo(Value.UNIT);
      RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
      assertThat(request.getMethod()).isEqualTo("POST");
      assertThat(request.getTarget()).isEqualTo(SECRET_PATH);
      assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer token-123");
      assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
      JsonNode body = JsonMapper.builder().build().readTree(request.getBody().utf8());
      assertThat(body.get("text").asString())
          .isEqualTo("chaos: redis-failover aborted: \"p95\" > 2s");
      assertThat(body.get("runbook").asString()).isEqualTo("test-runbook");
      assertThat(body.get("environment").asString()).isEqualTo("dev");
      assertThat(context.log).containsExactly("notify: sent to http://127.0.0.1:"
          + server.getPort() + ": chaos: redis-failover aborted: \"p95\" > 2s");
    }
  }

  @Test
  void withoutATokenNoAuthorizationIsSent() throws Exception {
    try (MockWebServer server = loopbackServer()) {
      server.enqueue(new MockResponse.Builder().code(204).build());

      send(webhook(server), null, () -> new RealClockContext(BUDGET, false), "hello");

      RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
      assertThat(request.getHeaders().get("Authorization")).isNull();
    }
  }

  @Test
  void aRefusedMessageIsAnErrorThatNamesTheWebhookByItsOriginOnly() throws Exception {
    try (MockWebServer server = loopbackServer()) {
      // a receiver may quote the path it did not know: it is masked
      server.enqueue(new MockResponse.Builder().code(404)
          .body("no_service for " + SECRET_PATH).build());

      assertThatThrownBy(() -> send(webhook(server), "token-123",
          () -> new RealClockContext(BUDGET, false), "hello"))
          .isInstanceOf(HttpException.class)
          .hasMessage("notify http://127.0.0.1:" + server.getPort()
              + ": the webhook answered HTTP 404: no_service for /...;"
              + " the message was not delivered")
          .hasMessageNotContaining("XXXXsecretXXXX")
          .hasMessageNotContaining("token-123");
    }
  }

  @Test
  void anUnreachableWebhookFailsWithinTheDeadlineWithoutItsPath() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = socket.getLocalPort();
    }
    URI webhook = URI.create("http://127.0.0.1:" + port + SECRET_PATH + "?key=abc");
    long start = System.nanoTime();

    assertThatThrownBy(() -> send(webhook, null,
        () -> new RealClockContext(Duration.ofSeconds(2), false), "hello"))
        .isInstanceOf(HttpException.class)
        .hasMessage("notify http://127.0.0.1:" + port + ": connection refused");
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isLessThan(Duration.ofSeconds(2).plus(MARGIN));
  }

  @Test
  void aStalledWebhookTimesOutAtTheCallsDeadline() throws Exception {
    try (MockWebServer server = loopbackServer()) {
      server.enqueue(new MockResponse.Builder().code(200)
          .headersDelay(30, TimeUnit.SECONDS).build());
      long start = System.nanoTime();

      assertThatThrownBy(() -> send(webhook(server), null,
          () -> new RealClockContext(Duration.ofMillis(500), false), "hello"))
          .isInstanceOf(HttpException.class)
          .hasMessageStartingWith("notify http://127.0.0.1:" + server.getPort()
              + ": timed out after ")
          .hasMessageNotContaining("secret");
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isLessThan(Duration.ofMillis(500).plus(MARGIN));
    }
  }

  @Test
  void aDryRunSendsNothingAndSaysWhatItWouldSend() throws Exception {
    try (MockWebServer server = loopbackServer()) {
      RealClockContext context = new RealClockContext(BUDGET, true);

      Value result = send(webhook(server), "token-123", () -> context, "rollback started");

      assertThat(result).isEqualTo(Value.UNIT);
      assertThat(context.previews).hasSize(1);
      assertThat(context.log).containsExactly("dry run: would send to the webhook:"
          + " rollback started");
      assertThat(server.getRequestCount()).isZero();
    }
  }

  @Test
  void aWebhookThatIsNotHttpIsRefusedWhenBound() {
    assertThatThrownBy(() -> LiveNotifyBindings.bind(URI.create("smtp://mail.example.org/x"),
        null, new HashMap<>()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the webhook URL is not an http:// or https:// URL (its scheme is `smtp`)");
  }

  @Test
  void aWebhookOnTheDefaultPortIsNamedWithoutIt() throws Exception {
    URI webhook = URI.create("https://hooks.invalid" + SECRET_PATH);

    assertThatThrownBy(() -> send(webhook, null,
        () -> new RealClockContext(Duration.ofSeconds(2), false), "hello"))
        .isInstanceOf(HttpException.class)
        .hasMessageStartingWith("notify https://hooks.invalid: ")
        .hasMessageNotContaining("services");
  }

  @Test
  void everyFunctionOfTheTableIsBound() {
    Map<String, BuiltinImpl> impls = new HashMap<>();
    LiveNotifyBindings.bind(URI.create("https://hooks.example.org/x"), null, impls);
    assertThat(impls.keySet()).containsExactlyInAnyOrderElementsOf(new NotifyDriver()
        .builtins().stream().map(Builtin::qualifiedName).toList());
  }

  /**
   * Sends {@code text} in a call whose context is made after binding, so that loading the
   * classes of a first test is not in its budget.
   */
  @Test
  void toAContactPostsToItsOwnWebhookWithItsTokenAndAnUnknownContactIsNamed() throws Exception {
    try (MockWebServer server = loopbackServer()) {
      server.enqueue(new MockResponse.Builder().code(200).body("ok").build());
      Map<String, BuiltinImpl> impls = new HashMap<>();
      URI pager = URI.create("http://127.0.0.1:" + server.getPort() + "/pager");
      LiveNotifyBindings.bind(webhook(server), "main-token",
          Map.of("oncall", new LiveNotifyBindings.Channel(pager, "pager-token")), impls);
      Map<String, Value> args = new HashMap<>();
      args.put("text", Value.str("paged"));
      args.put("to", Value.str("oncall"));

      impls.get("notify.send").call(new dev.chaos.spi.CallArgs(args, java.util.List.of()),
          new RealClockContext(BUDGET, false));

      RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
      assertThat(request.getTarget()).isEqualTo("/pager");
      assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer pager-token");
      args.put("to", Value.str("oncal"));
      assertThatThrownBy(() -> impls.get("notify.send").call(
          new dev.chaos.spi.CallArgs(args, java.util.List.of()),
          new RealClockContext(BUDGET, false)))
          .hasMessage("`to: \"oncal\"` is not a contact of `notify.contacts` (the contacts are"
              + " oncall)");
    }
  }

  private static Value send(URI webhook, String token, Supplier<RealClockContext> context,
      String text) throws Exception {
    Map<String, BuiltinImpl> impls = new HashMap<>();
    LiveNotifyBindings.bind(webhook, token, impls);
    return impls.get("notify.send").call(RealClockContext.named("text", Value.str(text)),
        context.get());
  }

  private static MockWebServer loopbackServer() throws IOException {
    MockWebServer server = new MockWebServer();
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    return server;
  }

  private static URI webhook(MockWebServer server) {
    return URI.create("http://127.0.0.1:" + server.getPort() + SECRET_PATH);
  }
}
