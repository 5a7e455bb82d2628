package dev.chaos.drivers.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chaos.drivers.RecordTypes;
import dev.chaos.types.Conformance;
import dev.chaos.types.Type;
import dev.chaos.types.Value;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The live `prometheus` functions against a scripted HTTP server: results and refusals. */
class LivePrometheusBindingsTest {
  private static final Duration BUDGET = Duration.ofSeconds(5);

  private MockWebServer server;
  private PrometheusClient client;
  private String target;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
    target = "http://" + server.getHostName() + ":" + server.getPort();
    client = new PrometheusClient(server.url("/").toString(), null);
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  private void answer(int status, String body) {
    server.enqueue(new MockResponse.Builder().code(status)
        .addHeader("Content-Type", "application/json").body(body).build());
  }

  private static String vector(String... series) {
    return "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
        + String.join(",", series) + "]}}";
  }

  private static String series(String metric, String value) {
    return "{\"metric\":" + metric + ",\"value\":[1764322000.123,\"" + value + "\"]}";
  }

  private Value call(String builtin, Object... args) throws Exception {
    return LiveCallContext.call(client, BUDGET, builtin, args);
  }

  @Test
  void scalarReadsTheOneSampleAndSendsTheQuery() throws Exception {
    answer(200, vector(series("{\"__name__\":\"chaos:slo:error_rate:1m\"}", "0.0125")));

    Value value = call("prometheus.scalar", "query", Value.str("chaos:slo:error_rate:1m"));

    assertThat(value).isEqualTo(Value.number(0.0125));
    RecordedRequest request = server.takeRequest(1, TimeUnit.SECONDS);
    assertThat(request.getUrl().encodedPath()).isEqualTo("/api/v1/query");
    assertThat(request.getUrl().queryParameter("query")).isEqualTo("chaos:slo:error_rate:1m");
    assertThat(request.getUrl().queryParameter("timeout")).isNotNull();
    assertThat(request.getHeaders().get("Authorization")).isNull();
  }

  /** A guard queries every few seconds on a kept-alive connection the server may close. */
  @Test
  void aQuerySurvivesAKeptAliveConnectionTheServerClosed() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).body(vector(series("{}", "1")))
        .onResponseEnd(new SocketEffect.CloseSocket()).build());
    answer(200, vector(series("{}", "2")));

    assertThat(call("prometheus.scalar", "query", Value.str("a"))).isEqualTo(Value.number(1.0));
    assertThat(call("prometheus.scalar", "query", Value.str("b"))).isEqualTo(Value.number(2.0));
  }

  @Test
  void scalarReadsAScalarResult() throws Exception {
    answer(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\","
        + "\"result\":[1764322000,\"2\"]}}");

    assertThat(call("prometheus.scalar", "query", Value.str("1 + 1")))
        .isEqualTo(Value.number(2.0));
  }

  @Test
  void scalarRefusesManySeriesNamingThem() {
    answer(200, vector(series("{\"__name__\":\"up\",\"job\":\"api\"}", "1"),
        series("{\"__name__\":\"up\",\"job\":\"db\"}", "0")));

    assertThatThrownBy(() -> call("prometheus.scalar", "query", Value.str("up")))
        .isInstanceOf(PrometheusException.class)
        .hasMessage("prometheus " + target + ": `up` returned 2 series, a scalar needs exactly"
            + " one: up{job=\"api\"}, up{job=\"db\"}; aggregate them, e.g. sum(...) or max(...)");
  }

  @Test
  void scalarRefusesNaN() {
    answer(200, vector(series("{}", "NaN")));

    assertThatThrownBy(() -> call("prometheus.scalar", "query", Value.str("0/0")))
        .hasMessage("prometheus " + target + ": `0/0` returned NaN");
  }

  @Test
  void scalarRefusesNoSeries() {
    answer(200, vector());

    assertThatThrownBy(() -> call("prometheus.scalar", "query", Value.str("absent_metric")))
        .hasMessage("prometheus " + target + ": no series for `absent_metric`");
  }

  @Test
  void infinitiesAreNumbers() throws Exception {
    answer(200, vector(series("{}", "+Inf")));

    assertThat(call("prometheus.scalar", "query", Value.str("1/0")))
        .isEqualTo(Value.number(Double.POSITIVE_INFINITY));
  }

  @Test
  void vectorGivesSamplesWithTheirLabelsInOrder() throws Exception {
    answer(200, vector(series("{\"__name__\":\"up\",\"instance\":\"a:1\",\"job\":\"api\"}", "1"),
        series("{\"__name__\":\"up\",\"instance\":\"b:1\",\"job\":\"api\"}", "0")));

    Value value = call("prometheus.vector", "query", Value.str("up"));

    assertThat(Conformance.mismatch(value, Type.list(RecordTypes.SAMPLE))).isNull();
    Map<String, String> first = new LinkedHashMap<>();
    first.put("__name__", "up");
    first.put("instance", "a:1");
    first.put("job", "api");
    Value.Rec sample = (Value.Rec) ((Value.List) value).items().get(0);
    assertThat(sample).isEqualTo(Value.rec("Sample", "labels", Value.stringMap(first),
        "value", Value.number(1.0)));
    assertThat(((Value.Map) sample.field("labels")).entries().keySet())
        .containsExactly(Value.str("__name__"), Value.str("instance"), Value.str("job"));
    assertThat(((Value.List) value).items()).hasSize(2);
  }

  @Test
  void vectorOfAScalarIsOneSampleWithoutLabels() throws Exception {
    answer(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\","
        + "\"result\":[1764322000,\"0.5\"]}}");

    assertThat(call("prometheus.vector", "query", Value.str("scalar(up)")))
        .isEqualTo(Value.list(Value.rec("Sample", "labels", Value.stringMap(Map.of()),
            "value", Value.number(0.5))));
  }

  @Test
  void vectorOfNothingIsAnEmptyList() throws Exception {
    answer(200, vector());

    assertThat(call("prometheus.vector", "query", Value.str("absent_metric")))
        .isEqualTo(Value.list(List.of()));
  }

  @Test
  void aRangeVectorIsRefused() {
    answer(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[]}}");

    assertThatThrownBy(() -> call("prometheus.vector", "query", Value.str("up[5m]")))
        .hasMessageContaining("`up[5m]` is a range vector");
  }

  @Test
  void aPromqlErrorIsOneLineWithItsType() {
    answer(400, "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":"
        + "\"invalid parameter \\\"query\\\": 1:5: parse error: unexpected end of input\"}");

    assertThatThrownBy(() -> call("prometheus.scalar", "query", Value.str("sum(")))
        .isInstanceOf(PrometheusException.class)
        .hasMessage("prometheus " + target + ": query error: bad_data: invalid parameter"
            + " \"query\": 1:5: parse error: unexpected end of input");
  }

  @Test
  void aQueryTimeoutOfTheServerIsAQueryError() {
    answer(503, "{\"status\":\"error\",\"errorType\":\"timeout\","
        + "\"error\":\"query timed out in expression evaluation\"}");

    assertThatThrownBy(() -> call("prometheus.vector", "query", Value.str("up")))
        .hasMessage("prometheus " + target
            + ": query error: timeout: query timed out in expression evaluation");
  }

  @Test
  void anHttpErrorWithoutJsonShowsStatusAndBody() {
    server.enqueue(new MockResponse.Builder().code(500).body("internal\nboom").build());

    assertThatThrownBy(() -> call("prometheus.scalar", "query", Value.str("up")))
        .hasMessage("prometheus " + target + ": HTTP 500: internal boom");
  }

  @Test
  void anUnauthorizedAnswerHintsAtTheToken() {
    server.enqueue(new MockResponse.Builder().code(401).body("").build());

    assertThatThrownBy(() -> call("prometheus.vector", "query", Value.str("up")))
        .hasMessage("prometheus " + target + ": HTTP 401 (check the bearer token)");
  }

  @Test
  void theBearerTokenIsSentAndNeverShown() throws Exception {
    client.close();
    client = new PrometheusClient(server.url("/").toString(), "s3cret-token");
    answer(500, "{\"status\":\"error\",\"errorType\":\"internal\",\"error\":\"boom\"}");

    assertThatThrownBy(() -> call("prometheus.scalar", "query", Value.str("up")))
        .hasMessage("prometheus " + target + ": query error: internal: boom");
    assertThat(server.takeRequest(1, TimeUnit.SECONDS).getHeaders().get("Authorization"))
        .isEqualTo("Bearer s3cret-token");
  }

  @Test
  void aPathPrefixIsKept() throws Exception {
    client.close();
    client = new PrometheusClient(server.url("/prom/").toString(), null);
    answer(200, vector(series("{}", "3")));

    assertThat(call("prometheus.scalar", "query", Value.str("x"))).isEqualTo(Value.number(3));
    assertThat(server.takeRequest(1, TimeUnit.SECONDS).getUrl().encodedPath())
        .isEqualTo("/prom/api/v1/query");
    assertThat(client.target()).isEqualTo(target + "/prom");
  }

  @Test
  void notJsonIsAnUnexpectedAnswer() {
    server.enqueue(new MockResponse.Builder().code(200).body("<html>login</html>").build());

    assertThatThrownBy(() -> call("prometheus.scalar", "query", Value.str("up")))
        .hasMessage("prometheus " + target
            + ": unexpected answer (not a JSON object): <html>login</html>");
  }

  @Test
  void aBaseUrlThatIsNotHttpIsRefused() {
    assertThatThrownBy(() -> new PrometheusClient("localhost:9090", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("prometheus URL `localhost:9090` is not an http:// or https:// URL");
  }
}
