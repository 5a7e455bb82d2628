package dev.chaos.drivers.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chaos.drivers.RecordTypes;
import dev.chaos.types.Conformance;
import dev.chaos.types.Type;
import dev.chaos.types.Value;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The live `prometheus` functions against the lab's real Prometheus ({@code scripts/lab up},
 * then {@code . target/lab/lab.env}); skipped when {@code LAB_PROM_URL} is not set.
 */
@EnabledIfEnvironmentVariable(named = "LAB_PROM_URL", matches = ".+")
class LabPrometheusTest {
  private static final Duration BUDGET = Duration.ofSeconds(5);

  private PrometheusClient client;

  @BeforeEach
  void connect() {
    client = new PrometheusClient(System.getenv("LAB_PROM_URL"), null);
  }

  @AfterEach
  void close() {
    client.close();
  }

  @Test
  void theSloRecordingRuleIsANumber() throws Exception {
    Value value = LiveCallContext.call(client, BUDGET, "prometheus.scalar",
        "query", Value.str("chaos:slo:error_rate:1m"));

    assertThat(value).isInstanceOf(Value.Float.class);
    assertThat(((Value.Float) value).value()).isBetween(0.0, 1.0);
  }

  @Test
  void theScrapeTargetsAreAVectorOfSamples() throws Exception {
    Value up = LiveCallContext.call(client, BUDGET, "prometheus.vector", "query", Value.str("up"));

    assertThat(Conformance.mismatch(up, Type.list(RecordTypes.SAMPLE))).isNull();
    assertThat(((Value.List) up).items()).hasSizeGreaterThanOrEqualTo(1);
  }

  @Test
  void manySeriesAndBadPromqlAreErrors() {
    assertThatThrownBy(() -> LiveCallContext.call(client, BUDGET, "prometheus.scalar",
        "query", Value.str("up")))
        .hasMessageContaining("series, a scalar needs exactly one");
    assertThatThrownBy(() -> LiveCallContext.call(client, BUDGET, "prometheus.scalar",
        "query", Value.str("sum(")))
        .hasMessageStartingWith("prometheus " + client.target() + ": query error: bad_data: ");
    assertThatThrownBy(() -> LiveCallContext.call(client, BUDGET, "prometheus.scalar",
        "query", Value.str("chaos_no_such_series")))
        .hasMessage("prometheus " + client.target() + ": no series for `chaos_no_such_series`");
  }

  @Test
  void itIsReady() throws Exception {
    assertThat(LiveCallContext.call(client, BUDGET, "prometheus.ready"))
        .isEqualTo(Value.bool(true));
  }

  @Test
  void criticalAlertsAreAList() throws Exception {
    Value alerts = LiveCallContext.call(client, BUDGET, "prometheus.alerts",
        "severity", Value.str("critical"), "state", Value.str("any"));

    assertThat(Conformance.mismatch(alerts, Type.list(RecordTypes.ALERT))).isNull();
    for (Value alert : ((Value.List) alerts).items()) {
      assertThat(((Value.Rec) alert).field("severity")).isEqualTo(Value.str("critical"));
    }
  }
}
