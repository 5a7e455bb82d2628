package dev.chaos.runtime.html;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MagnitudeTest {
  @Test
  void readsNumbersPercentagesAndDurations() {
    assertThat(Magnitude.of(12)).contains(new Magnitude(12, Magnitude.Unit.NUMBER));
    assertThat(Magnitude.parse("0.4%")).contains(new Magnitude(0.4, Magnitude.Unit.PERCENT));
    assertThat(Magnitude.parse("180ms")).contains(new Magnitude(0.18, Magnitude.Unit.SECONDS));
    assertThat(Magnitude.parse("1m30s")).contains(new Magnitude(90, Magnitude.Unit.SECONDS));
    assertThat(Magnitude.of("-2.5%")).contains(new Magnitude(-2.5, Magnitude.Unit.PERCENT));
  }

  @Test
  void textsRecordsAndBooleansAreNoFigure() {
    assertThat(Magnitude.parse("healthy")).isEmpty();
    assertThat(Magnitude.of(true)).isEmpty();
    assertThat(Magnitude.of(java.util.Map.of("a", 1))).isEmpty();
    assertThat(Magnitude.of(Double.NaN)).isEmpty();
    assertThat(Magnitude.parse("5 pods")).isEmpty();
  }

  @Test
  void showsFiguresShortly() {
    assertThat(Magnitude.shown(0.18, Magnitude.Unit.SECONDS)).isEqualTo("180ms");
    assertThat(Magnitude.shown(0.123456, Magnitude.Unit.PERCENT)).isEqualTo("0.1235%");
    assertThat(Magnitude.shown(200, Magnitude.Unit.NUMBER)).isEqualTo("200");
  }
}
