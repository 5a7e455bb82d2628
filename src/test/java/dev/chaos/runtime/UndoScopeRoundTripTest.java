package dev.chaos.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chaos.types.JsonTree;
import dev.chaos.types.Type;
import dev.chaos.types.Value;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The values an undo block reads go through the journal and come back as the same values: each
 * written by the encoding of `let` events ({@link EventValues#of}) into an `undo_scope` line,
 * read back from the file by {@link JournalReader}, and typed again by its static type ({@link
 * EventValues#value}). Two limits of that encoding are kept out of the generated values: a
 * Float `-0.0` reads back as `0.0`, and a Percent is written to 6 decimals.
 */
class UndoScopeRoundTripTest {
  @Test
  void randomTypedValuesComeBackFromTheJournalAsTheyWere(@TempDir Path dir) throws Exception {
    long seed = System.nanoTime();
    System.out.println("UndoScopeRoundTripTest seed: " + seed);
    Random random = new Random(seed);
    for (int round = 0; round < 20; round++) {
      Map<String, Type> types = new LinkedHashMap<>();
      Map<String, Value> values = new LinkedHashMap<>();
      Map<String, Object> trees = new LinkedHashMap<>();
      for (int i = 0; i < 50; i++) {
        Type type = type(random, 0);
        Value value = value(random, type);
        types.put("v" + i, type);
        values.put("v" + i, value);
        trees.put("v" + i, EventValues.of(value));
      }
      Path file = dir.resolve("journal-" + round + ".jsonl");
      try (Journal journal = Journal.create(file)) {
        journal.on(new RunEvent.UndoScope(Instant.EPOCH, 1, trees, null));
      }
      RunEvent.UndoScope read = (RunEvent.UndoScope) JournalReader.read(file).events().get(0);
      for (String name : values.keySet()) {
        assertThat(EventValues.value(read.values().get(name), types.get(name)))
            .as("seed %d: %s as a %s", seed, values.get(name), types.get(name).display())
            .isEqualTo(values.get(name));
      }
    }
  }

  @Test
  void aTreeThatIsNotOfTheTypeIsRefusedNamingBoth() {
    assertThatThrownBy(() -> EventValues.value("1m30s", Type.INT))
        .hasMessage("expected a value of type Int, got \"1m30s\"");
    assertThatThrownBy(() -> EventValues.value(Map.of("a", 1L),
        Type.record("Address", "host", Type.STRING)))
        .hasMessage("no field `host` for a Address");
  }

  private static final Type.Prim[] PRIMS = {Type.BOOL, Type.INT, Type.FLOAT, Type.STRING,
      Type.DURATION, Type.PERCENT, Type.TIME, Type.TIME_OF_DAY, Type.JSON, Type.UNIT};
  private static final Type.Prim[] KEYS = {Type.STRING, Type.INT, Type.BOOL, Type.DURATION,
      Type.FLOAT};

  private static Type type(Random random, int depth) {
    switch (depth > 2 ? 0 : random.nextInt(6)) {
      case 1:
        return Type.list(type(random, depth + 1));
      case 2:
        return Type.map(KEYS[random.nextInt(KEYS.length)], type(random, depth + 1));
      case 3: {
        Map<String, Type> fields = new LinkedHashMap<>();
        for (int n = random.nextInt(4); n > 0; n--) {
          fields.put("f" + n, type(random, depth + 1));
        }
        return new Type.Rec(random.nextBoolean() ? "" : "R" + random.nextInt(3), fields);
      }
      default:
        return PRIMS[random.nextInt(PRIMS.length)];
    }
  }

  private static Value value(Random random, Type type) {
    if (type instanceof Type.ListOf list) {
      List<Value> items = new ArrayList<>();
      for (int n = random.nextInt(4); n > 0; n--) {
        items.add(value(random, list.element()));
      }
      return Value.list(items);
    }
    if (type instanceof Type.MapOf map) {
      Map<Value, Value> entries = new LinkedHashMap<>();
      for (int n = random.nextInt(4); n > 0; n--) {
        entries.put(value(random, map.key()), value(random, map.value()));
      }
      return new Value.Map(entries);
    }
    if (type instanceof Type.Rec rec) {
      Map<String, Value> fields = new LinkedHashMap<>();
      rec.fields().forEach((name, t) -> fields.put(name, value(random, t)));
      return new Value.Rec(rec.name(), fields);
    }
    return switch ((Type.Prim) type) {
      case BOOL -> Value.bool(random.nextBoolean());
      case INT -> Value.integer(random.nextLong() >> random.nextInt(64));
      case FLOAT -> Value.number(switch (random.nextInt(6)) {
        case 0 -> Double.NaN;
        case 1 -> Double.POSITIVE_INFINITY;
        case 2 -> Double.NEGATIVE_INFINITY;
        case 3 -> random.nextInt(1000);
        default -> {
          double d = random.nextGaussian() * Math.pow(10, random.nextInt(40) - 20);
          yield d == 0 ? 1.0 : d; // -0.0 reads back as 0.0
        }
      });
      case STRING -> Value.str(string(random));
      case DURATION -> Value.duration(Duration.ofNanos(random.nextLong() >> random.nextInt(64)));
      case PERCENT -> Value.percent((random.nextInt(400_000_000) - 100_000_000) / 1e6);
      case TIME -> new Value.Time(Instant.ofEpochSecond(random.nextInt(),
          random.nextInt(1_000_000_000)));
      case TIME_OF_DAY -> new Value.TimeOfDay(LocalTime.of(random.nextInt(24),
          random.nextInt(60)));
      case JSON -> JsonTree.of(json(random, 0));
      case UNIT -> Value.UNIT;
      default -> throw new IllegalStateException(type.display());
    };
  }

  private static String string(Random random) {
    StringBuilder out = new StringBuilder();
    for (int n = random.nextInt(8); n > 0; n--) {
      out.append(switch (random.nextInt(5)) {
        case 0 -> "\"";
        case 1 -> "\\";
        case 2 -> "\n\t\u0001";
        case 3 -> "é€😀";
        default -> "k" + random.nextInt(100);
      });
    }
    return out.toString();
  }

  private static Object json(Random random, int depth) {
    switch (random.nextInt(depth > 2 ? 5 : 7)) {
      case 0:
        return null;
      case 1:
        return random.nextBoolean();
      case 2:
        return random.nextLong() >> random.nextInt(64);
      case 3:
        return random.nextDouble() * 1000 + 0.5;
      case 4:
        return string(random);
      case 5: {
        List<Object> items = new ArrayList<>();
        for (int n = random.nextInt(4); n > 0; n--) {
          items.add(json(random, depth + 1));
        }
        return items;
      }
      default: {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int n = random.nextInt(4); n > 0; n--) {
          fields.put(string(random), json(random, depth + 1));
        }
        return fields;
      }
    }
  }
}
