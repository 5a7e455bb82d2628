package dev.chaos.drivers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chaos.check.ImplicitRecords;
import dev.chaos.types.Conformance;
import dev.chaos.types.Type;
import dev.chaos.types.Value;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every record constructor builds exactly a value of its type; a misplaced field fails. */
class RecordTypesTest {
  @Test
  void everyConstructorBuildsItsType() {
    conforms(RecordTypes.selector("", "shop", "tier=backend"), RecordTypes.SELECTOR);
    conforms(RecordTypes.podSet(5, 3, List.of("a", "b"), 1), RecordTypes.POD_SET);
    conforms(RecordTypes.hpa(3, 6, 3, 10), RecordTypes.HPA);
    conforms(RecordTypes.usage(1.5, 1024), RecordTypes.USAGE);
    conforms(RecordTypes.sample(Map.of("__name__", "up"), 1), RecordTypes.SAMPLE);
    conforms(RecordTypes.alert("A", "critical", "firing", Map.of()), RecordTypes.ALERT);
    conforms(RecordTypes.address("redis-0", 6379), RecordTypes.ADDRESS);
    conforms(RecordTypes.response(200, Duration.ofMillis(12), "ok"), RecordTypes.RESPONSE);
    conforms(RecordTypes.result(0, "out", ""), RecordTypes.RESULT);
    conforms(ImplicitRecords.runbook("r", "staging", "R"), ImplicitRecords.RUNBOOK);
    conforms(ImplicitRecords.abort("guard tripped", "steps"), ImplicitRecords.ABORT);
  }

  @Test
  void theFieldNamesComeFromTheType() {
    assertThat(RecordTypes.podSet(5, 3, List.of(), 0).field("ready")).isEqualTo(Value.integer(3));
    assertThat(RecordTypes.usage(0.5, 7).fields().keySet())
        .containsExactly("cpu_cores", "memory_bytes");
  }

  @Test
  void aFieldInTheWrongPlaceOrMissingFailsAtOnce() {
    assertThatThrownBy(() -> RecordTypes.ADDRESS.value(Value.integer(6379), Value.str("h")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("record Address");
    assertThatThrownBy(() -> RecordTypes.ADDRESS.value(Value.str("h")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("record Address has 2 fields, not 1");
  }

  private static void conforms(Value.Rec value, Type.Rec type) {
    assertThat(value.typeName()).isEqualTo(type.name());
    assertThat(Conformance.mismatch(value, type)).isNull();
  }
}
