package dev.chaos.drivers.kube;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Seeded random selectors: a valid one, written with random spacing and spelling, parses to the
 * requirements it was generated from, reads back the same from its canonical form, and matches
 * label maps as a reference evaluation of those requirements does; a mutated one either parses or is refused with one line naming the
 * selector and a column inside it, never with another exception. Replay a seed with
 * {@code -Dchaos.fuzz.seed=N}.
 */
class LabelSelectorPropertyTest {
  private static final int CASES = 2000;
  private static final List<String> KEYS = List.of("app", "tier", "env", "zone",
      "app.kubernetes.io/name", "example.com/canary", "a", "x-y_z.1");
  private static final List<String> VALUES = List.of("api", "db", "prod", "staging", "1", "7",
      "42", "a.b-c_d", "");
  private static final Pattern ERROR =
      Pattern.compile("label selector `(.*)`, column (\\d+): [^\\n]+");

  /** One generated requirement: what it means, independent of how it is written. */
  private record Req(String key, String op, List<String> values) {}

  private static long seed;

  @BeforeAll
  static void seed() {
    seed = Long.getLong("chaos.fuzz.seed", System.nanoTime());
    System.out.println("LabelSelectorPropertyTest seed: " + seed
        + " (replay with -Dchaos.fuzz.seed=" + seed + ")");
  }

  @Test
  void validSelectorsParseAndMatchLikeTheReference() {
    Random random = new Random(seed);
    for (int i = 0; i < CASES; i++) {
      List<Req> model = model(random);
      String text = write(model, random);
      LabelSelector parsed = LabelSelector.parse(text);
      assertThat(parsed.requirements()).as("seed %d, selector `%s`", seed, text)
          .hasSize(model.size());
      for (int j = 0; j < model.size(); j++) {
        SelectorRequirement r = parsed.requirements().get(j);
        assertThat(r.key()).as(text).isEqualTo(model.get(j).key());
        assertThat(r.operator().symbol()).as(text).isEqualTo(model.get(j).op());
        assertThat(new LinkedHashSet<>(r.values())).as(text)
            .isEqualTo(new LinkedHashSet<>(model.get(j).values()));
      }
      // each requirement written back as kubectl would write it means the same again
      String canonical = String.join(",", parsed.requirements().stream()
          .map(SelectorRequirement::toString).toList());
      assertThat(LabelSelector.parse(canonical).requirements()).as("seed %d, `%s`", seed, text)
          .isEqualTo(parsed.requirements());
      for (int k = 0; k < 20; k++) {
        Map<String, String> labels = labels(random);
        assertThat(parsed.matches(labels)).as("seed %d, `%s` on %s", seed, text, labels)
            .isEqualTo(reference(model, labels));
      }
    }
  }

  @Test
  void mutatedSelectorsParseOrAreRefusedOnOneLine() {
    Random random = new Random(seed + 1);
    for (int i = 0; i < CASES * 2; i++) {
      String text = mutate(write(model(random), random), random);
      try {
        LabelSelector.parse(text).matches(labels(random));
      } catch (KubeRuleException refused) {
        String message = refused.getMessage();
        Matcher m = ERROR.matcher(message);
        assertThat(m.matches()).as("seed %d: `%s` gave %s", seed, text, message).isTrue();
        assertThat(message).doesNotContain("\n", "\r");
        int column = Integer.parseInt(m.group(2));
        assertThat(column).as("seed %d: `%s` gave %s", seed, text, message)
            .isBetween(1, text.length() + 1);
      }
    }
  }

  private static List<Req> model(Random random) {
    List<Req> out = new ArrayList<>();
    int n = random.nextInt(5);
    for (int i = 0; i < n; i++) {
      String key = KEYS.get(random.nextInt(KEYS.size()));
      switch (random.nextInt(8)) {
        case 0 -> out.add(new Req(key, "=", List.of(value(random))));
        case 1 -> out.add(new Req(key, "==", List.of(value(random))));
        case 2 -> out.add(new Req(key, "!=", List.of(value(random))));
        case 3, 4 -> {
          List<String> values = new ArrayList<>();
          int m = 1 + random.nextInt(3);
          for (int j = 0; j < m; j++) {
            values.add(value(random));
          }
          out.add(new Req(key, random.nextBoolean() ? "in" : "notin", values));
        }
        case 5 -> out.add(new Req(key, "", List.of()));
        case 6 -> out.add(new Req(key, "!", List.of()));
        default -> out.add(new Req(key, random.nextBoolean() ? ">" : "<",
            List.of(String.valueOf(random.nextInt(50)))));
      }
    }
    return out;
  }

  private static String value(Random random) {
    return VALUES.get(random.nextInt(VALUES.size()));
  }

  private static String space(Random random) {
    return switch (random.nextInt(6)) {
      case 0 -> " ";
      case 1 -> "  \t";
      case 2 -> "\n";
      default -> "";
    };
  }

  /** The requirements as a person might type them, with spacing anywhere a token ends. */
  private static String write(List<Req> model, Random random) {
    StringBuilder out = new StringBuilder(space(random));
    for (int i = 0; i < model.size(); i++) {
      Req r = model.get(i);
      if (i > 0) {
        out.append(',').append(space(random));
      }
      switch (r.op()) {
        case "" -> out.append(r.key());
        case "!" -> out.append('!').append(space(random)).append(r.key());
        case "in", "notin" -> {
          out.append(r.key()).append(' ').append(space(random)).append(r.op())
              .append(space(random)).append('(');
          for (int j = 0; j < r.values().size(); j++) {
            out.append(j > 0 ? "," : "").append(space(random)).append(r.values().get(j))
                .append(space(random));
          }
          out.append(')');
        }
        default -> out.append(r.key()).append(space(random)).append(r.op())
            .append(space(random)).append(r.values().get(0));
      }
      out.append(space(random));
    }
    return out.toString();
  }

  private static Map<String, String> labels(Random random) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String key : KEYS) {
      if (random.nextInt(3) > 0) {
        out.put(key, random.nextInt(5) == 0 ? "not-a-number" : value(random));
      }
    }
    return out;
  }

  /** What the requirements mean, written from the Kubernetes documentation, not the parser. */
  private static boolean reference(List<Req> model, Map<String, String> labels) {
    for (Req r : model) {
      boolean has = labels.containsKey(r.key());
      String v = labels.get(r.key());
      boolean ok = switch (r.op()) {
        case "=", "==", "in" -> has && r.values().contains(v);
        case "!=", "notin" -> !has || !r.values().contains(v);
        case "" -> has;
        case "!" -> !has;
        default -> has && v.matches("\\d+") && (r.op().equals(">")
            ? Long.parseLong(v) > Long.parseLong(r.values().get(0))
            : Long.parseLong(v) < Long.parseLong(r.values().get(0)));
      };
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static String mutate(String text, Random random) {
    StringBuilder s = new StringBuilder(text);
    int edits = 1 + random.nextInt(3);
    String noise = "=!(),<> \tin/.-_aZ9\n@\"";
    for (int i = 0; i < edits; i++) {
      int at = s.isEmpty() ? 0 : random.nextInt(s.length() + 1);
      switch (random.nextInt(4)) {
        case 0 -> s.insert(at, noise.charAt(random.nextInt(noise.length())));
        case 1 -> {
          if (at < s.length()) {
            s.deleteCharAt(at);
          }
        }
        case 2 -> s.setLength(Math.min(at, s.length()));
        default -> s.insert(at, "x".repeat(64));
      }
    }
    return s.toString();
  }
}
