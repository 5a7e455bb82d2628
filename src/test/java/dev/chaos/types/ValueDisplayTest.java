package dev.chaos.types;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValueDisplayTest {
  private static String d(Duration duration) {
    return Value.duration(duration).display();
  }

  @Test
  void durationsReadAsTheirLiterals() {
    assertThat(d(Duration.ofSeconds(90))).isEqualTo("1m30s");
    assertThat(d(Duration.ofMillis(250))).isEqualTo("250ms");
    assertThat(d(Duration.ofMillis(1500))).isEqualTo("1.5s");
    assertThat(d(Duration.ofMinutes(5))).isEqualTo("5m");
    assertThat(d(Duration.ofMinutes(135))).isEqualTo("2h15m");
    assertThat(d(Duration.ofDays(1).plusHours(2))).isEqualTo("1d2h");
    assertThat(d(Duration.ofSeconds(61, 250_000_000))).isEqualTo("1m1.25s");
    assertThat(d(Duration.ofNanos(500_000))).isEqualTo("0.5ms");
    assertThat(d(Duration.ZERO)).isEqualTo("0s");
    assertThat(d(Duration.ofSeconds(-30))).isEqualTo("-30s");
    assertThat(d(Duration.ofSeconds(3600))).isEqualTo("1h");
  }

  @Test
  void percentsShowTheirShare() {
    assertThat(Value.percent(30).display()).isEqualTo("30%");
    assertThat(Value.percent(0.4).display()).isEqualTo("0.4%");
    assertThat(Value.percent(0.004 * 100).display()).isEqualTo("0.4%");
    assertThat(Value.percent(0.1 + 0.2).display()).isEqualTo("0.3%");
    assertThat(Value.percent(100.0 / 3).display()).isEqualTo("33.333333%");
    assertThat(Value.percent(30).ratio()).isEqualTo(0.3);
  }

  @Test
  void numbersNeverUseExponents() {
    assertThat(Value.number(90).display()).isEqualTo("90.0");
    assertThat(Value.number(0.004).display()).isEqualTo("0.004");
    assertThat(Value.number(1e-7).display()).isEqualTo("0.0000001");
    assertThat(Value.number(1e21).display()).isEqualTo("1000000000000000000000.0");
    assertThat(Value.integer(-42).display()).isEqualTo("-42");
  }

  @Test
  void collectionsAndRecordsShowTheirElements() {
    assertThat(Value.list(Value.str("a"), Value.str("b")).display()).isEqualTo("[a, b]");
    assertThat(Value.list().display()).isEqualTo("[]");
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("tier", "backend");
    labels.put("app", "api");
    assertThat(Value.stringMap(labels).display()).isEqualTo("{tier: backend, app: api}");
    assertThat(Value.rec("Address", "host", Value.str("redis-0"), "port", Value.integer(6379))
        .display()).isEqualTo("{host: redis-0, port: 6379}");
    assertThat(new Value.TimeOfDay(LocalTime.of(2, 0)).display()).isEqualTo("02:00");
    assertThat(new Value.Time(Instant.parse("2025-01-06T03:00:00Z")).display())
        .isEqualTo("2025-01-06T03:00:00Z");
    assertThat(Value.UNIT.display()).isEqualTo("()");
  }

  @Test
  void secretsNeverShow() {
    Value.Secret secret = new Value.Secret("hunter2");
    assertThat(secret.display()).isEqualTo("***");
    assertThat(secret.toString()).doesNotContain("hunter2");
    Value inList = Value.list(secret);
    assertThat(inList.display()).isEqualTo("[***]");
    assertThat(inList.toString()).doesNotContain("hunter2");
    assertThat(Value.rec("", "token", secret).toString()).doesNotContain("hunter2");
  }

  @Test
  void jsonShowsAsCompactJsonButAStringAsItsText() {
    Map<String, Object> tree = new LinkedHashMap<>();
    tree.put("status", "ok");
    tree.put("replicas", 3);
    tree.put("ratio", 0.5);
    tree.put("tags", List.of("a", "b\"c"));
    tree.put("none", null);
    assertThat(JsonTree.of(tree).display())
        .isEqualTo("{\"status\":\"ok\",\"replicas\":3,\"ratio\":0.5,\"tags\":[\"a\",\"b\\\"c\"],"
            + "\"none\":null}");
    assertThat(JsonTree.of("plain").display()).isEqualTo("plain");
    assertThat(JsonTree.of(Map.of("n", "line\nbreak")).display())
        .isEqualTo("{\"n\":\"line\\nbreak\"}");
  }
}
