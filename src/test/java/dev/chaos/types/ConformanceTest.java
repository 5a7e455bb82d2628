package dev.chaos.types;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConformanceTest {
  private static final Type.Rec ADDRESS = Type.record("Address", "host", Type.STRING,
      "port", Type.INT);

  @Test
  void primitivesMatchTheirKindExactly() {
    assertThat(Conformance.conforms(Value.integer(1), Type.INT)).isTrue();
    assertThat(Conformance.mismatch(Value.integer(1), Type.FLOAT))
        .isEqualTo("expected Float, got Int");
    assertThat(Conformance.conforms(Value.duration(Duration.ZERO), Type.DURATION)).isTrue();
    assertThat(Conformance.conforms(JsonTree.of(3L), Type.JSON)).isTrue();
    assertThat(Conformance.mismatch(Value.str("x"), Type.JSON))
        .as("a Json result is a Json value").isEqualTo("expected Json, got String");
    assertThat(Conformance.conforms(Value.UNIT, Type.UNIT)).isTrue();
    assertThat(Conformance.conforms(new Value.Secret("s"), Type.SECRET)).isTrue();
  }

  @Test
  void containersMatchElementByElementAndSayWhere() {
    Type names = Type.list(Type.STRING);
    assertThat(Conformance.conforms(Value.strings(List.of("a", "b")), names)).isTrue();
    assertThat(Conformance.mismatch(Value.list(Value.str("a"), Value.integer(2)), names))
        .isEqualTo("`[1]`: expected String, got Int");
    Type map = Type.map(Type.STRING, Type.STRING);
    assertThat(Conformance.conforms(Value.stringMap(Map.of("role", "master")), map)).isTrue();
    assertThat(Conformance.mismatch(Value.list(), map)).isEqualTo("expected Map[String, String],"
        + " got List");
  }

  @Test
  void aNamedRecordHasItsNameAndExactlyItsFieldsInOrder() {
    Value good = Value.rec("Address", "host", Value.str("redis-0"), "port", Value.integer(6379));
    assertThat(Conformance.conforms(good, ADDRESS)).isTrue();
    assertThat(Conformance.mismatch(Value.rec("Address", "port", Value.integer(1),
        "host", Value.str("h")), ADDRESS))
        .isEqualTo("expected the fields [host, port], got [port, host]");
    assertThat(Conformance.mismatch(Value.rec("Address", "host", Value.str("h"),
        "port", Value.str("6379")), ADDRESS)).isEqualTo("`port`: expected Int, got String");
    assertThat(Conformance.mismatch(Value.rec("Endpoint", "host", Value.str("h"),
        "port", Value.integer(1)), ADDRESS)).isEqualTo("expected Address, got Endpoint");
    Type nested = Type.list(Type.record("Sample", "labels", Type.map(Type.STRING, Type.STRING),
        "value", Type.FLOAT));
    assertThat(Conformance.mismatch(Value.list(Value.rec("Sample", "labels",
        Value.stringMap(Map.of()), "value", Value.integer(1))), nested))
        .isEqualTo("`[0].value`: expected Float, got Int");
  }

  @Test
  void variablesTakeAnythingAndUnionsAnyOption() {
    assertThat(Conformance.conforms(Value.TRUE, new Type.Var("T"))).isTrue();
    Type union = new Type.Union(List.of(ADDRESS, Type.STRING));
    assertThat(Conformance.conforms(Value.str("h:1"), union)).isTrue();
    assertThat(Conformance.mismatch(Value.integer(1), union))
        .isEqualTo("expected Address | String, got Int");
  }
}
