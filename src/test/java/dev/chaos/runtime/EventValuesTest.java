package dev.chaos.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaos.types.JsonTree;
import dev.chaos.types.Value;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Values in events are JSON data, and the console shows them from that data exactly as it shows
 * the values themselves (Json objects and arrays aside: they are shown as records and lists).
 */
class EventValuesTest {
  @Test
  void valuesBecomeJsonData() {
    Value selector = Value.rec("Selector", "cluster", Value.str(""), "namespace",
        Value.str("shop"), "labels", Value.stringMap(Map.of("tier", "backend")));
    assertThat(EventValues.of(selector)).isEqualTo(Map.of("cluster", "", "namespace", "shop",
        "labels", Map.of("tier", "backend")));
    assertThat(EventValues.of(Value.list(Value.integer(3), Value.number(0.5), Value.TRUE)))
        .isEqualTo(List.of(3L, 0.5, true));
    assertThat(EventValues.of(Value.duration(Duration.ofSeconds(90)))).isEqualTo("1m30s");
    assertThat(EventValues.of(Value.percent(30))).isEqualTo("30%");
    assertThat(EventValues.of(new Value.Secret("hunter2"))).isEqualTo("***");
    assertThat(EventValues.of(Value.UNIT)).isNull();
    assertThat(EventValues.of(JsonTree.of(Map.of("a", List.of(1, 2))))).isEqualTo(
        Map.of("a", List.of(1L, 2L)));
  }

  @Test
  void theConsoleShowsTheDataAsItShowsTheValue() {
    long seed = System.nanoTime();
    System.out.println("EventValuesTest seed: " + seed);
    Random random = new Random(seed);
    for (int i = 0; i < 2000; i++) {
      Value v = value(random, 0);
      assertThat(EventValues.display(EventValues.of(v))).as("seed %d: %s", seed, v)
          .isEqualTo(v.display());
    }
  }

  private static Value value(Random random, int depth) {
    return switch (random.nextInt(depth > 2 ? 10 : 13)) {
      case 0 -> Value.bool(random.nextBoolean());
      case 1 -> Value.integer(random.nextLong() >> random.nextInt(64));
      case 2 -> Value.number(switch (random.nextInt(5)) {
        case 0 -> Double.NaN;
        case 1 -> -0.0;
        case 2 -> Double.NEGATIVE_INFINITY;
        default -> random.nextGaussian() * Math.pow(10, random.nextInt(30) - 15);
      });
      case 3 -> Value.str(random.nextBoolean() ? "" : "s" + random.nextInt());
      case 4 -> Value.duration(Duration.ofNanos(random.nextLong() >> random.nextInt(64)));
      case 5 -> Value.percent(random.nextDouble() * 200 - 50);
      case 6 -> new Value.Time(Instant.ofEpochSecond(random.nextInt(), random.nextInt(1000)));
      case 7 -> new Value.TimeOfDay(LocalTime.of(random.nextInt(24), random.nextInt(60)));
      case 8 -> new Value.Secret("s" + random.nextInt());
      case 9 -> Value.UNIT;
      case 10 -> {
        List<Value> items = new ArrayList<>();
        for (int n = random.nextInt(4); n > 0; n--) {
          items.add(value(random, depth + 1));
        }
        yield Value.list(items);
      }
      case 11 -> {
        Map<Value, Value> entries = new LinkedHashMap<>();
        for (int n = random.nextInt(4); n > 0; n--) {
          entries.put(Value.str("k" + n), value(random, depth + 1));
        }
        yield new Value.Map(entries);
      }
      default -> {
        Map<String, Value> fields = new LinkedHashMap<>();
        for (int n = random.nextInt(4); n > 0; n--) {
          fields.put("f" + n, value(random, depth + 1));
        }
        yield new Value.Rec(random.nextBoolean() ? "" : "R", fields);
      }
    };
  }
}
