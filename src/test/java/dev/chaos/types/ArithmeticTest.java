package dev.chaos.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ArithmeticTest {
  private static Value dur(String iso) {
    return Value.duration(Duration.parse(iso));
  }

  private static Value time(String iso) {
    return new Value.Time(Instant.parse(iso));
  }

  @Test
  void numbersFollowTheTable() {
    assertThat(Arithmetic.add(Value.integer(2), Value.integer(3))).isEqualTo(Value.integer(5));
    assertThat(Arithmetic.add(Value.integer(2), Value.number(0.5))).isEqualTo(Value.number(2.5));
    assertThat(Arithmetic.multiply(Value.integer(4), Value.integer(3)))
        .isEqualTo(Value.integer(12));
    // division is exact: killed / total never truncates to 0
    assertThat(Arithmetic.divide(Value.integer(1), Value.integer(4))).isEqualTo(Value.number(0.25));
    assertThat(Arithmetic.negate(Value.integer(5))).isEqualTo(Value.integer(-5));
  }

  @Test
  void durationsScaleAndDivide() {
    assertThat(Arithmetic.add(dur("PT1M"), dur("PT30S"))).isEqualTo(dur("PT1M30S"));
    assertThat(Arithmetic.multiply(dur("PT30S"), Value.integer(2))).isEqualTo(dur("PT1M"));
    assertThat(Arithmetic.multiply(Value.number(1.5), dur("PT2S"))).isEqualTo(dur("PT3S"));
    assertThat(Arithmetic.divide(dur("PT1M"), Value.integer(4))).isEqualTo(dur("PT15S"));
    assertThat(Arithmetic.divide(dur("PT1S"), Value.integer(3)))
        .isEqualTo(Value.duration(Duration.ofNanos(333_333_333)));
    assertThat(Arithmetic.divide(dur("PT1M30S"), dur("PT1M"))).isEqualTo(Value.number(1.5));
    assertThat(Arithmetic.negate(dur("PT5S"))).isEqualTo(dur("PT-5S"));
  }

  @Test
  void percentsScaleAndDivide() {
    assertThat(Arithmetic.add(Value.percent(0.5), Value.percent(1))).isEqualTo(Value.percent(1.5));
    assertThat(Arithmetic.multiply(Value.percent(10), Value.integer(3)))
        .isEqualTo(Value.percent(30));
    assertThat(Arithmetic.divide(Value.percent(30), Value.integer(2)))
        .isEqualTo(Value.percent(15));
    assertThat(Arithmetic.divide(Value.percent(30), Value.percent(10)))
        .isEqualTo(Value.number(3));
  }

  @Test
  void timesAndDurations() {
    Value started = time("2025-01-06T03:00:00Z");
    Value later = time("2025-01-06T03:01:30Z");
    assertThat(Arithmetic.subtract(later, started)).isEqualTo(dur("PT1M30S"));
    assertThat(Arithmetic.add(started, dur("PT1M30S"))).isEqualTo(later);
    assertThat(Arithmetic.add(dur("PT1M30S"), started)).isEqualTo(later);
    assertThat(Arithmetic.subtract(later, dur("PT1M30S"))).isEqualTo(started);
  }

  @Test
  void stringsAndListsConcatenate() {
    assertThat(Arithmetic.add(Value.str("a"), Value.str("b"))).isEqualTo(Value.str("ab"));
    assertThat(Arithmetic.add(Value.list(Value.integer(1)), Value.list(Value.integer(2))))
        .isEqualTo(Value.list(Value.integer(1), Value.integer(2)));
  }

  @Test
  void faultsInsteadOfSilentResults() {
    assertThatThrownBy(() -> Arithmetic.divide(Value.integer(1), Value.integer(0)))
        .isInstanceOf(ValueException.class).hasMessage("division by zero: 1 / 0");
    assertThatThrownBy(() -> Arithmetic.divide(dur("PT1S"), dur("PT0S")))
        .hasMessage("division by zero: 1s / 0s");
    assertThatThrownBy(() -> Arithmetic.add(Value.integer(Long.MAX_VALUE), Value.integer(1)))
        .hasMessageStartingWith("overflow in");
    assertThatThrownBy(() -> Arithmetic.add(dur("PT1S"), Value.percent(1)))
        .hasMessage("cannot apply `+` to Duration and Percent");
    assertThatThrownBy(() -> Arithmetic.multiply(dur("PT1S"), Value.number(Double.NaN)))
        .hasMessageStartingWith("overflow in");
  }
}
