package dev.chaos.units;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Whatever the formatter writes, the parser reads back as the same value. Seeded; prints its seed. */
class UnitsRoundTripPropertyTest {
  private static final int RUNS = 20_000;

  private static Random seeded(String name) {
    long seed = Long.getLong("chaos.seed", System.nanoTime());
    System.out.println(name + " seed: " + seed + " (rerun with -Dchaos.seed=" + seed + ")");
    return new Random(seed);
  }

  /** Every scale matters: nanoseconds, whole minutes, days, the largest duration there is. */
  private static Duration anyDuration(Random random) {
    return switch (random.nextInt(5)) {
      case 0 -> Duration.ofNanos(random.nextInt(1_000_000_000));
      case 1 -> Duration.ofSeconds(random.nextInt(100_000));
      case 2 -> Duration.ofMillis(random.nextLong(Long.MAX_VALUE / 1_000_000));
      case 3 -> Duration.ofNanos(Long.MAX_VALUE - random.nextInt(1000));
      default -> Duration.ofNanos(random.nextLong(Long.MAX_VALUE));
    };
  }

  @Test
  void formatThenParseIsIdentity() {
    Random random = seeded("durations");
    for (int i = 0; i < RUNS; i++) {
      Duration d = anyDuration(random);
      String text = Durations.format(d);
      assertThat(Durations.parse(text, DurationSyntax.STRICT)).as(text).isEqualTo(d);
      Duration negative = d.negated();
      assertThat(Durations.parse(Durations.format(negative), DurationSyntax.SECONDS_VALUE))
          .as(Durations.format(negative)).isEqualTo(negative);
    }
  }

  /** A text written any legal way reads as its canonical form does, and formats to it. */
  @Test
  void parseThenFormatIsCanonical() {
    Random random = seeded("duration texts");
    DurationUnit[] units = DurationUnit.values();
    for (int i = 0; i < RUNS; i++) {
      StringBuilder text = new StringBuilder();
      for (DurationUnit unit : units) {
        if (random.nextInt(3) == 0) {
          text.append(random.nextInt(1000));
          if (random.nextBoolean()) {
            text.append('.').append(random.nextInt(1000));
          }
          text.append(unit.symbol());
        }
      }
      if (text.isEmpty()) {
        continue;
      }
      Duration d = Durations.parse(text.toString(), DurationSyntax.STRICT);
      String canonical = Durations.format(d);
      assertThat(Durations.parse(canonical, DurationSyntax.STRICT)).as(text + " -> " + canonical)
          .isEqualTo(d);
      assertThat(Durations.format(Durations.parse(canonical, DurationSyntax.STRICT)))
          .isEqualTo(canonical);
    }
  }

  @Test
  void percentagesRoundTrip() {
    Random random = seeded("percentages");
    for (int i = 0; i < RUNS; i++) {
      double percent = switch (random.nextInt(3)) {
        case 0 -> random.nextInt(101);
        case 1 -> random.nextDouble() * 100;
        default -> Math.scalb(random.nextDouble(), random.nextInt(80) - 40);
      };
      String text = Percentages.format(percent);
      assertThat(Percentages.parse(text, PercentSyntax.STRICT).doubleValue()).as(text)
          .isEqualTo(percent);
      BigDecimal exact = new BigDecimal(random.nextInt(100_000)).movePointLeft(random.nextInt(6));
      assertThat(Percentages.parse(Percentages.format(exact), PercentSyntax.STRICT))
          .isEqualByComparingTo(exact);
    }
  }

  /** The fast path of {@link Durations#parse} gives what the full parser gives, refusals too. */
  @Test
  void theFastPathReadsDurationsAsTheFullParserDoes() {
    Random random = seeded("theFastPathReadsDurationsAsTheFullParserDoes");
    String[] units = {"d", "h", "m", "s", "ms", "x", ""};
    String[] signs = {"", "", "", "+", "-"};
    DurationSyntax[] syntaxes = {DurationSyntax.STRICT, DurationSyntax.POSITIVE,
        DurationSyntax.SECONDS_VALUE};
    for (int run = 0; run < RUNS; run++) {
      StringBuilder text = new StringBuilder(signs[random.nextInt(signs.length)]);
      for (int part = random.nextInt(4); part >= 0; part--) {
        text.append(random.nextInt(4) == 0 ? Long.toString(random.nextLong() >>> random.nextInt(64))
            : Integer.toString(random.nextInt(120)));
        if (random.nextInt(8) == 0) {
          text.append('.').append(random.nextInt(1000));
        }
        text.append(units[random.nextInt(units.length)]);
      }
      for (DurationSyntax syntax : syntaxes) {
        assertThat(outcome(() -> Durations.parse(text.toString(), syntax)))
            .as("%s under %s", text, syntax)
            .isEqualTo(outcome(() -> Durations.parseAny(text.toString(), syntax)));
      }
    }
  }

  /** A duration, or the refusal's problem, message and suggestion. */
  private static String outcome(java.util.function.Supplier<Duration> parse) {
    try {
      return parse.get().toString();
    } catch (UnitException e) {
      return e.problem() + ": " + e.getMessage() + " / " + e.suggestion();
    }
  }

  /** {@link Percentages#value} is the double of {@link Percentages#parse}, refusals alike. */
  @Test
  void percentageValuesAreTheDoublesOfTheirDecimals() {
    Random random = seeded("percentageValuesAreTheDoublesOfTheirDecimals");
    String[] signs = {"", "", "", "+", "-"};
    String[] ends = {"%", "%", "%", "", "%%"};
    for (int run = 0; run < RUNS; run++) {
      String number = random.nextInt(4) == 0 ? Long.toString(random.nextLong() >>> random.nextInt(64))
          : Integer.toString(random.nextInt(200));
      if (random.nextInt(3) == 0) {
        number += "." + Long.toString(random.nextLong() >>> random.nextInt(64));
      }
      String text = signs[random.nextInt(signs.length)] + number + ends[random.nextInt(ends.length)];
      for (PercentSyntax syntax : new PercentSyntax[] {PercentSyntax.STRICT, PercentSyntax.SHARE,
          PercentSyntax.SHARE_OR_CHANGE}) {
        assertThat(percentOutcome(() -> Percentages.value(text, syntax)))
            .as("%s under %s", text, syntax)
            .isEqualTo(percentOutcome(() -> Percentages.parse(text, syntax).doubleValue()));
      }
    }
  }

  private static String percentOutcome(java.util.function.DoubleSupplier value) {
    try {
      return Double.toString(value.getAsDouble());
    } catch (UnitException e) {
      return e.problem() + ": " + e.getMessage();
    }
  }
}
