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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** `prometheus.alerts` and `prometheus.ready` against a scripted HTTP server. */
class PrometheusAlertsAndReadyTest {
  private static final Duration BUDGET = Duration.ofSeconds(5);
  private static final String ALERTS = "{\"status\":\"success\",\"data\":{\"alerts\":["
      + "{\"labels\":{\"alertname\":\"HighErrorRate\",\"service\":\"gateway\","
      + "\"severity\":\"critical\"},\"annotations\":{},\"state\":\"firing\","
      + "\"activeAt\":\"2026-11-28T09:00:00Z\",\"value\":\"1e-01\"},"
      + "{\"labels\":{\"alertname\":\"SlowP95\",\"severity\":\"warning\"},\"annotations\":{},"
      + "\"state\":\"firing\",\"activeAt\":\"2026-11-28T09:00:00Z\",\"value\":\"2e+00\"},"
      + "{\"labels\":{\"alertname\":\"ReplicaLag\",\"severity\":\"critical\"},"
      + "\"annotations\":{},\"state\":\"pending\",\"activeAt\":\"2026-11-28T09:00:00Z\","
      + "\"value\":\"3e+00\"}]}}";

  private MockWebServer server;
  private PrometheusClient client;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
    client = new PrometheusClient(server.url("/").toString(), null);
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  private Value call(String builtin, Object... args) throws Exception {
    return LiveCallContext.call(client, BUDGET, builtin, args);
  }

  private void answer(int status, String body) {
    server.enqueue(new MockResponse.Builder().code(status).body(body).build());
  }

  private static List<String> names(Value alerts) {
    return ((Value.List) alerts).items().stream()
        .map(a -> ((Value.Str) ((Value.Rec) a).field("name")).value()).toList();
  }

  @Test
  void alertsAreFiringOnesOfTheSeverityAsAlertRecords() throws Exception {
    answer(200, ALERTS);

    Value alerts = call("prometheus.alerts", "severity", Value.str("critical"));

    assertThat(Conformance.mismatch(alerts, Type.list(RecordTypes.ALERT))).isNull();
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("alertname", "HighErrorRate");
    labels.put("service", "gateway");
    labels.put("severity", "critical");
    assertThat(alerts).isEqualTo(Value.list(Value.rec("Alert", "name", Value.str("HighErrorRate"),
        "severity", Value.str("critical"), "state", Value.str("firing"),
        "labels", Value.stringMap(labels))));
    assertThat(server.takeRequest(1, TimeUnit.SECONDS).getUrl().encodedPath())
        .isEqualTo("/api/v1/alerts");
  }

  @Test
  void alertsOfEverySeverityAndState() throws Exception {
    answer(200, ALERTS);
    answer(200, ALERTS);
    answer(200, ALERTS);

    assertThat(names(call("prometheus.alerts"))).containsExactly("HighErrorRate", "SlowP95");
    assertThat(names(call("prometheus.alerts", "state", Value.str("pending"))))
        .containsExactly("ReplicaLag");
    assertThat(names(call("prometheus.alerts", "severity", Value.str("critical"),
        "state", Value.str("any")))).containsExactly("HighErrorRate", "ReplicaLag");
  }

  @Test
  void noAlertsIsAnEmptyList() throws Exception {
    answer(200, "{\"status\":\"success\",\"data\":{\"alerts\":[]}}");

    assertThat(call("prometheus.alerts", "severity", Value.str("critical")))
        .isEqualTo(Value.list(List.of()));
  }

  @Test
  void anUnknownStateIsRefusedBeforeAnyRequest() {
    assertThatThrownBy(() -> call("prometheus.alerts", "state", Value.str("active")))
        .isInstanceOf(PrometheusException.class)
        .hasMessageEndingWith(": alerts: `state` is `active`; use `firing`, `pending` or `any`");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void readyIsTrueOn200AndFalseOtherwise() throws Exception {
    answer(200, "Prometheus Server is Ready.\n");
    answer(503, "Service Unavailable");

    assertThat(call("prometheus.ready")).isEqualTo(Value.bool(true));
    assertThat(server.takeRequest(1, TimeUnit.SECONDS).getUrl().encodedPath())
        .isEqualTo("/-/ready");
    assertThat(call("prometheus.ready")).isEqualTo(Value.bool(false));
  }
}
