package dev.chaos.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chaos.types.Value;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every event written to a journal reads back equal: seeded random events of every type, with
 * random field values (nulls, awkward strings, deep JSON trees, negative and sub-millisecond
 * durations), are written by {@link Journal} and read by {@link JournalReader}. The generator
 * follows the records' declared types, so a field added to an event is covered without a change
 * here.
 */
class JournalRoundTripTest {
  private static final String[] WORDS = {"", "a", "tier=backend", "llm-marketplace", "\"quoted\"",
      "back\\slash", "line\nbreak", "tab\t", "\u0001control", "ünïcödé ✓", "30%", "1m30s", "{}",
      "null", "***", "𝄞 surrogate pair"};

  @Test
  void everyEventWrittenIsReadBackEqual(@TempDir Path dir) throws Exception {
    long seed = System.nanoTime();
    System.out.println("JournalRoundTripTest seed: " + seed);
    Random random = new Random(seed);
    for (int round = 0; round < 10; round++) {
      List<RunEvent> written = new ArrayList<>();
      for (RunEvent.Type type : RunEvent.Type.values()) {
        for (int i = 0; i < 5; i++) {
          written.add((RunEvent) record(type.record(), random, 0));
        }
      }
      java.util.Collections.shuffle(written, random);
      Path file = dir.resolve("journal-" + round + ".jsonl");
      try (Journal journal = Journal.create(file)) {
        written.forEach(journal::on);
        assertThat(journal.problem()).isNull();
      }
      JournalReader.Contents read = JournalReader.read(file);
      assertThat(read.version()).isEqualTo(1);
      assertThat(read.cutShort()).isFalse();
      assertThat(read.events()).as("seed %d", seed).containsExactlyElementsOf(written);
    }
  }

  @Test
  void everyRecordOfTheSealedInterfaceHasItsOwnType() {
    assertThat(Arrays.stream(RunEvent.Type.values()).<Class<?>>map(RunEvent.Type::record).distinct())
        .containsExactlyInAnyOrder(RunEvent.class.getPermittedSubclasses());
    for (RunEvent.Type type : RunEvent.Type.values()) {
      assertThat(((RunEvent) record(type.record(), new Random(1), 0)).type()).isEqualTo(type);
    }
  }

  @Test
  void aLastLineCutShortByACrashIsLeftOutAndSaidSo() throws Exception {
    RunEvent phase = new RunEvent.PhaseEntered(Instant.parse("2025-01-06T03:00:00Z"),
        RunPhase.STEPS);
    String text = lines(phase) + "{\"time\":\"2025-01-06T03:00:01Z\",\"event\":\"lo";
    JournalReader.Contents read = JournalReader.parse(text, "j.jsonl");
    assertThat(read.events()).containsExactly(phase);
    assertThat(read.cutShort()).isTrue();
  }

  @Test
  void aBadLineIsAnErrorThatNamesItsLineAndField() {
    String start = lines(new RunEvent.PhaseEntered(Instant.parse("2025-01-06T03:00:00Z"),
        RunPhase.STEPS));
    String at = "{\"time\":\"2025-01-06T03:00:01Z\",";
    assertThatThrownBy(() -> JournalReader.parse(start + at
        + "\"event\":\"phase\",\"phase\":\"lunch\"}\n", "j.jsonl"))
        .isInstanceOf(JournalReader.Malformed.class)
        .hasMessage("j.jsonl:3: `phase` is not one of start, lets, preconditions, baseline, "
            + "steps, steps ended, verify, on abort, undo, recovery, report: \"lunch\"");
    assertThatThrownBy(() -> JournalReader.parse(start + at + "\"event\":\"wait\","
        + "\"section\":\"step\",\"name\":\"s\",\"duration\":\"30s1m\","
        + "\"until\":\"2025-01-06T03:01:30Z\",\"dry_run\":false}\n", "j.jsonl"))
        .hasMessage("j.jsonl:3: `duration` is not a duration such as `1m30s`: \"30s1m\"");
    assertThatThrownBy(() -> JournalReader.parse(start + at + "\"event\":\"phase\"}\n",
        "j.jsonl")).hasMessage("j.jsonl:3: no field `phase`");
    assertThatThrownBy(() -> JournalReader.parse(start + at + "\"event\":\"run_finished\","
        + "\"outcome\":\"passed\",\"reason\":null,\"remaining\":null,\"duration\":\"1m\"}\n",
        "j.jsonl")).hasMessage("j.jsonl:3: `remaining` is null");
    assertThatThrownBy(() -> JournalReader.parse(start + "not json\n" + at
        + "\"event\":\"phase\",\"phase\":\"steps\"}\n", "j.jsonl"))
        .hasMessage("j.jsonl:3: not a JSON object");
  }

  @Test
  void aJournalOfANewerFormatIsRefused() {
    String text = "{\"time\":\"2025-01-06T03:00:00Z\",\"event\":\"journal\","
        + "\"format\":\"chaos-journal\",\"version\":2}\n";
    assertThatThrownBy(() -> JournalReader.parse(text, "j.jsonl"))
        .hasMessage("j.jsonl:1: journal format version 2, this chaos reads version 1");
    assertThatThrownBy(() -> JournalReader.parse("{\"event\":\"run_started\"}\n", "j.jsonl"))
        .hasMessageContaining("not a chaos journal");
  }

  @Test
  void durationsAreWrittenAsTheLanguageWritesThem() {
    for (String text : List.of("0s", "250ms", "0.5ms", "1.5s", "1m30s", "2h15m", "1d", "1d2h3m4s",
        "-1m", "1.000000001s")) {
      assertThat(dev.chaos.types.ValueFormat.duration(JournalCodec.duration(text)))
          .isEqualTo(text);
    }
  }

  private static String lines(RunEvent... events) {
    StringBuilder out = new StringBuilder(dev.chaos.types.JsonTree.write(
        JournalCodec.header(events[0].time()))).append('\n');
    for (RunEvent e : events) {
      out.append(dev.chaos.types.JsonTree.write(JournalCodec.encode(e))).append('\n');
    }
    return out.toString();
  }

  /** A random instance of a record, by the types of its components. */
  private static Object record(Class<?> type, Random random, int depth) {
    RecordComponent[] components = type.getRecordComponents();
    Object[] values = new Object[components.length];
    Class<?>[] types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      types[i] = components[i].getType();
      boolean nullable = !types[i].isPrimitive() && !components[i].getName().equals("time")
          && types[i] != List.class;
      values[i] = nullable && random.nextInt(5) == 0 ? null : value(types[i], random, depth);
    }
    try {
      return type.getDeclaredConstructor(types).newInstance(values);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Object value(Class<?> type, Random random, int depth) {
    if (type == String.class) {
      return string(random);
    } else if (type == boolean.class) {
      return random.nextBoolean();
    } else if (type == int.class) {
      return random.nextInt();
    } else if (type == Integer.class) {
      return random.nextInt(3) == 0 ? null : random.nextInt();
    } else if (type == long.class) {
      return random.nextLong();
    } else if (type == Instant.class) {
      return Instant.ofEpochSecond(random.nextInt(2_000_000_000), random.nextInt(3) == 0 ? 0
          : random.nextInt(1_000_000_000));
    } else if (type == Duration.class) {
      Duration d = switch (random.nextInt(4)) {
        case 0 -> Duration.ofSeconds(random.nextInt(100_000));
        case 1 -> Duration.ofMillis(random.nextInt(100_000));
        case 2 -> Duration.ofNanos(random.nextLong() / 4);
        default -> Duration.ZERO;
      };
      return d;
    } else if (type == Value.Percent.class) {
      return Value.percent(random.nextBoolean() ? random.nextInt(101) : random.nextDouble() * 100);
    } else if (type == LocalTime.class) {
      return LocalTime.of(random.nextInt(24), random.nextInt(60));
    } else if (type.isEnum()) {
      Object[] constants = type.getEnumConstants();
      return constants[random.nextInt(constants.length)];
    } else if (type.isRecord()) {
      return record(type, random, depth + 1);
    } else if (type == List.class) {
      List<String> strings = new ArrayList<>();
      for (int i = random.nextInt(4); i > 0; i--) {
        strings.add(string(random));
      }
      return strings;
    } else if (type == Map.class) {
      return object(random, depth);
    } else if (type == Object.class) {
      return tree(random, depth);
    }
    throw new IllegalStateException("no generator for " + type);
  }

  private static String string(Random random) {
    return WORDS[random.nextInt(WORDS.length)] + (random.nextBoolean() ? "" : random.nextInt());
  }

  /** A JSON tree as {@link EventValues} makes them: no NaN, no -0.0. */
  private static Object tree(Random random, int depth) {
    int kind = random.nextInt(depth > 3 ? 5 : 7);
    return switch (kind) {
      case 0 -> null;
      case 1 -> random.nextBoolean();
      case 2 -> random.nextLong() >> random.nextInt(64);
      case 3 -> {
        double d = random.nextBoolean() ? random.nextGaussian() * Math.pow(10, random.nextInt(40)
            - 20) : random.nextInt(1000) / 8.0;
        yield d == 0 ? 0.0 : d;
      }
      case 4 -> string(random);
      case 5 -> object(random, depth + 1);
      default -> {
        List<Object> items = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
          items.add(tree(random, depth + 1));
        }
        yield items;
      }
    };
  }

  private static Map<String, Object> object(Random random, int depth) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = random.nextInt(4); i > 0; i--) {
      map.put(string(random), tree(random, depth + 1));
    }
    return map;
  }
}
