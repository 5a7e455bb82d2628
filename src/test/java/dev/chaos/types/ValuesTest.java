package dev.chaos.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValuesTest {
  private static Value.Rec address(String host, long port) {
    return Value.rec("Address", "host", Value.str(host), "port", Value.integer(port));
  }

  private static Value dur(long millis) {
    return Value.duration(Duration.ofMillis(millis));
  }

  @Test
  void recordsCompareByValue() {
    Value.Rec oldMaster = address("redis-master-0", 6379);
    assertThat(Values.equal(address("redis-master-0", 6379), oldMaster)).isTrue();
    assertThat(address("redis-master-0", 6379)).isEqualTo(oldMaster);
    assertThat(Values.equal(address("redis-replica-0", 6379), oldMaster)).isFalse();
    assertThat(Values.equal(Value.rec("", "host", Value.str("redis-master-0"), "port",
        Value.integer(6379)), oldMaster)).isTrue();
    assertThat(Values.equal(Value.rec("Other", "host", Value.str("redis-master-0"), "port",
        Value.integer(6379)), oldMaster)).isFalse();
  }

  @Test
  void intAndFloatMixInEqualityAndOrder() {
    assertThat(Values.equal(Value.integer(3), Value.number(3.0))).isTrue();
    assertThat(Values.equal(Value.integer(3), Value.number(3.5))).isFalse();
    assertThat(Values.compare(Value.integer(3), Value.number(3.5))).isNegative();
    assertThat(Values.compare(Value.number(4), Value.integer(3))).isPositive();
    assertThat(Values.equal(Value.list(Value.integer(1)), Value.list(Value.number(1)))).isTrue();
  }

  @Test
  void unitsOrderAmongThemselves() {
    assertThat(Values.compare(dur(400), dur(500))).isNegative();
    assertThat(Values.compare(dur(60_000), Value.duration(Duration.ofMinutes(1)))).isZero();
    assertThat(Values.compare(Value.percent(0.4), Value.percent(1))).isNegative();
    assertThat(Values.compare(new Value.Time(Instant.EPOCH),
        new Value.Time(Instant.EPOCH.plusSeconds(1)))).isNegative();
    assertThat(Values.compare(new Value.TimeOfDay(LocalTime.of(6, 0)),
        new Value.TimeOfDay(LocalTime.of(2, 0)))).isPositive();
    assertThat(Values.compare(Value.str("a"), Value.str("b"))).isNegative();
    assertThatThrownBy(() -> Values.compare(dur(500), Value.integer(500)))
        .isInstanceOf(ValueException.class).hasMessage("cannot order Duration and Int");
  }

  @Test
  void jsonComparesWithJsonAndWithPlainValues() {
    Value.Json three = JsonTree.of(3);
    assertThat(Values.equal(three, JsonTree.of(3.0))).isTrue();
    assertThat(three).isEqualTo(JsonTree.of(3.0));
    assertThat(three.hashCode()).isEqualTo(JsonTree.of(3.0).hashCode());
    assertThat(Values.equal(three, Value.integer(3))).isTrue();
    assertThat(Values.equal(Value.str("ok"), JsonTree.of("ok"))).isTrue();
    assertThat(Values.equal(JsonTree.of(Map.of("a", List.of(1, 2))),
        JsonTree.of(Map.of("a", List.of(1L, 2.0))))).isTrue();
  }

  @Test
  void mapsKeepInsertionOrderAndCompareIgnoringIt() {
    Map<String, String> ab = new LinkedHashMap<>();
    ab.put("a", "1");
    ab.put("b", "2");
    Map<String, String> ba = new LinkedHashMap<>();
    ba.put("b", "2");
    ba.put("a", "1");
    assertThat(Value.stringMap(ab).display()).isEqualTo("{a: 1, b: 2}");
    assertThat(Values.equal(Value.stringMap(ab), Value.stringMap(ba))).isTrue();
  }

  @Test
  void indexingListsMapsAndJson() {
    Value list = Value.list(Value.str("a"), Value.str("b"));
    assertThat(Values.index(list, Value.integer(1))).isEqualTo(Value.str("b"));
    assertThatThrownBy(() -> Values.index(list, Value.integer(2)))
        .hasMessage("index 2 is out of range for a list of 2 elements");
    Value map = Value.stringMap(Map.of("role", "master"));
    assertThat(Values.index(map, Value.str("role"))).isEqualTo(Value.str("master"));
    assertThatThrownBy(() -> Values.index(map, Value.str("rol")))
        .hasMessage("no key `rol` in the map");
    Value json = JsonTree.of(Map.of("spec", Map.of("replicas", 3), "items", List.of("x")));
    assertThat(Values.index(Values.index(json, Value.str("spec")), Value.str("replicas")))
        .isEqualTo(JsonTree.of(3));
    assertThat(Values.index(Values.index(json, Value.str("items")), Value.integer(0)))
        .isEqualTo(JsonTree.of("x"));
    assertThatThrownBy(() -> Values.index(Values.index(json, Value.str("spec")),
        Value.str("replica")))
        .hasMessage("no field `replica` in the Json object (it has replicas)");
  }

  @Test
  void valuesBecomeJsonButSecretsDoNot() {
    Value patch = Value.rec("", "spec", Value.rec("", "engineState", Value.str("stop"),
        "timeout", dur(30_000), "share", Value.percent(30)));
    assertThat(JsonTree.write(Values.toJsonTree(patch)))
        .isEqualTo("{\"spec\":{\"engineState\":\"stop\",\"timeout\":\"30s\",\"share\":\"30%\"}}");
    assertThatThrownBy(() -> Values.toJsonTree(Value.list(new Value.Secret("s"))))
        .hasMessage("a Secret cannot be used as Json");
  }
}
