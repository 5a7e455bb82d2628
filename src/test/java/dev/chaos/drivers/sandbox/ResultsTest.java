package dev.chaos.drivers.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaos.drivers.RecordTypes;
import dev.chaos.types.Type;
import dev.chaos.types.Value;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The world's results become exactly the records the signature tables declare. */
class ResultsTest {
  @Test
  void everyResultHasTheFieldsAndTypesOfItsRecordType() {
    conforms(new Results.Selector("", "llm-marketplace", "tier=backend").toValue(),
        RecordTypes.SELECTOR);
    conforms(new Results.PodSet(5, 3, List.of("a", "b"), 0).toValue(), RecordTypes.POD_SET);
    conforms(new Results.Hpa(3, 6, 3, 10).toValue(), RecordTypes.HPA);
    conforms(new Results.Usage(1.5, 1024).toValue(), RecordTypes.USAGE);
    conforms(new Results.Sample(Map.of("__name__", "up"), 1).toValue(), RecordTypes.SAMPLE);
    conforms(new Results.Alert("A", "critical", "firing", Map.of("alertname", "A")).toValue(),
        RecordTypes.ALERT);
    conforms(new Results.Address("redis-0", 6379).toValue(), RecordTypes.ADDRESS);
    conforms(new Results.Response(200, Duration.ofMillis(12), "ok").toValue(),
        RecordTypes.RESPONSE);
    conforms(new Results.ProcessResult(0, "out", "").toValue(), RecordTypes.RESULT);
  }

  private static void conforms(Value.Rec value, Type.Rec type) {
    assertThat(value.typeName()).isEqualTo(type.name());
    assertThat(value.fields().keySet()).containsExactlyElementsOf(type.fields().keySet());
    type.fields().forEach((name, fieldType) ->
        assertThat(kindOf(fieldType)).as(type.name() + "." + name)
            .isEqualTo(value.field(name).kind()));
  }

  private static Value.Kind kindOf(Type type) {
    if (type instanceof Type.ListOf) {
      return Value.Kind.LIST;
    }
    if (type instanceof Type.MapOf) {
      return Value.Kind.MAP;
    }
    return switch ((Type.Prim) type) {
      case BOOL -> Value.Kind.BOOL;
      case INT -> Value.Kind.INT;
      case FLOAT -> Value.Kind.FLOAT;
      case STRING -> Value.Kind.STRING;
      case DURATION -> Value.Kind.DURATION;
      default -> throw new AssertionError("unexpected field type " + type.display());
    };
  }
}
