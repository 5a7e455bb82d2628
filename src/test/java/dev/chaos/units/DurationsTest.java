package dev.chaos.units;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationsTest {
  private static UnitException refused(String text, DurationSyntax syntax) {
    UnitException e = catchThrowableOfType(() -> Durations.parse(text, syntax), UnitException.class);
    assertThat(e).as("`%s` is refused", text).isNotNull();
    return e;
  }

  @Test
  void theOneFormIsNumberAndUnitLargestFirst() {
    assertThat(Durations.parse("1h30m", DurationSyntax.STRICT)).isEqualTo(Duration.ofMinutes(90));
    assertThat(Durations.parse("0s", DurationSyntax.STRICT)).isZero();
    assertThat(Durations.parse("1.5m", DurationSyntax.STRICT)).isEqualTo(Duration.ofSeconds(90));
    assertThat(Durations.parse("0.0000005ms", DurationSyntax.STRICT)).isEqualTo(Duration.ofNanos(1));
    assertThat(Durations.parse("106751d", DurationSyntax.STRICT)).isEqualTo(Duration.ofDays(106_751));
  }

  @ParameterizedTest(name = "`{0}`")
  @CsvSource(delimiter = '|', textBlock = """
      30s1m   | UNIT_ORDER | 1m30s
      1m1m    | UNIT_ORDER | 2m
      1ms1s   | UNIT_ORDER | 1.001s
      10min   | MALFORMED  | 10m
      5 sec   | MALFORMED  | 5s
      1m30    | MALFORMED  | 1m30s
      1h30min | MALFORMED  | 1h30m
      1d2     | MALFORMED  | 1d2h
      2mo     | MALFORMED  |
      1ms5    | MALFORMED  |
      1.s     | MALFORMED  |
      .5s     | MALFORMED  |
      1,5s    | MALFORMED  |
      ''      | MALFORMED  |
      1e3s    | MALFORMED  |
      5us     | MALFORMED  |
      5       | NO_UNIT    |
      +5s     | SIGNED     |
      107000d | TOO_LARGE  |
      """)
  void aRefusalSaysWhyAndWhatWasMeant(String text, UnitProblem problem, String meant) {
    UnitException e = refused(text, DurationSyntax.STRICT);
    assertThat(e.problem()).isEqualTo(problem);
    assertThat(e.suggestion()).isEqualTo(meant);
    assertThat(e.getMessage()).startsWith("`" + text + "` ").doesNotContain("\n");
    if (meant != null) {
      assertThat(e.getMessage()).endsWith("; did you mean `" + meant + "`?");
      assertThat(Durations.isDuration(meant)).isTrue();
    }
  }

  @Test
  void theMessagesNameTheTextAndWhatIsAllowed() {
    assertThat(refused("10min", DurationSyntax.STRICT)).hasMessage("`10min` is not a duration: write"
        + " a number and a unit (ms, s, m, h or d), largest unit first, e.g. `500ms` or `1m30s`;"
        + " did you mean `10m`?");
    assertThat(refused("30s1m", DurationSyntax.STRICT)).hasMessage("`30s1m` is not a duration:"
        + " units go largest first, each once, e.g. `1h30m` or `1m30s`; did you mean `1m30s`?");
    assertThat(refused("5", DurationSyntax.STRICT))
        .hasMessage("`5` is not a duration: write its unit (ms, s, m, h or d), e.g. `5s`");
    assertThat(refused("0s", DurationSyntax.POSITIVE))
        .hasMessage("`0s` is not a duration above zero: write at least `1ms`");
  }

  @Test
  void optionsAreExplicit() {
    assertThat(Durations.parse("0.25", DurationSyntax.SECONDS_VALUE)).isEqualTo(Duration.ofMillis(250));
    assertThat(Durations.parse("-250ms", DurationSyntax.SECONDS_VALUE)).isEqualTo(Duration.ofMillis(-250));
    assertThat(Durations.parse("+1m30s", DurationSyntax.SECONDS_VALUE)).isEqualTo(Duration.ofSeconds(90));
    assertThat(refused("-1ms", DurationSyntax.POSITIVE).problem()).isEqualTo(UnitProblem.SIGNED);
    assertThat(refused("-5x", DurationSyntax.SECONDS_VALUE).problem()).isEqualTo(UnitProblem.MALFORMED);
    assertThat(refused("+30s1m", DurationSyntax.SECONDS_VALUE).suggestion()).isEqualTo("+1m30s");
    assertThat(refused("-0", new DurationSyntax(true, true, true)).problem())
        .isEqualTo(UnitProblem.NOT_ABOVE_ZERO);
  }

  @Test
  void formatIsShortestLargestFirst() {
    assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
    assertThat(Durations.format(Duration.ofMillis(250))).isEqualTo("250ms");
    assertThat(Durations.format(Duration.ofNanos(1))).isEqualTo("0.000001ms");
    assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1.5s");
    assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("1m30s");
    assertThat(Durations.format(Duration.ofHours(25).plusMillis(500))).isEqualTo("1d1h0.5s");
    assertThat(Durations.format(Duration.ofSeconds(-90))).isEqualTo("-1m30s");
  }

  @Test
  void partsAreAsWritten() {
    assertThat(Durations.parts("1m30.50s")).extracting(DurationPart::toString)
        .containsExactly("1m", "30.50s");
  }
}
