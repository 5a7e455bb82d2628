package dev.chaos.units;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Percentages and Kubernetes resource quantities. */
class QuantitiesTest {
  @Test
  void percentages() {
    assertThat(Percentages.parse("30%", PercentSyntax.STRICT)).isEqualByComparingTo("30");
    assertThat(Percentages.ratio("0.4%", PercentSyntax.STRICT)).isEqualTo(0.004);
    assertThat(Percentages.ratio("0.3", PercentSyntax.SHARE)).isEqualTo(0.3);
    assertThat(Percentages.ratio("-0.1%", PercentSyntax.SHARE_OR_CHANGE)).isEqualTo(-0.001);
    assertThat(Percentages.format(new BigDecimal("30.0"))).isEqualTo("30%");
    assertThat(Percentages.format(0.1)).isEqualTo("0.1%");
    assertThat(Percentages.format(1e-7)).isEqualTo("0.0000001%");
    assertThat(catchThrowableOfType(() -> Percentages.parse("0.3", PercentSyntax.STRICT),
        UnitException.class)).hasMessage("`0.3` is not a percentage: write a number and `%`, e.g."
            + " `30%` or `0.1%`");
    assertThat(catchThrowableOfType(() -> Percentages.parse("30 %", PercentSyntax.SHARE),
        UnitException.class)).hasMessage("`30 %` is not a percentage: write a number and `%`, or a"
            + " ratio, e.g. `30%` or `0.1%` or `0.3`");
    assertThat(catchThrowableOfType(() -> Percentages.parse("-3%", PercentSyntax.SHARE),
        UnitException.class).problem()).isEqualTo(UnitProblem.SIGNED);
  }

  @Test
  void memory() {
    assertThat(ResourceQuantities.bytes("256Mi")).isEqualTo(256L << 20);
    assertThat(ResourceQuantities.bytes("1G")).isEqualTo(1_000_000_000L);
    assertThat(ResourceQuantities.bytes("1.5Ki")).isEqualTo(1536);
    assertThat(ResourceQuantities.bytes("0.1")).isEqualTo(1); // rounded up, as Kubernetes does
    assertThat(ResourceQuantities.bytes("1024")).isEqualTo(1024);
    assertThat(catchThrowableOfType(() -> ResourceQuantities.bytes("256MB"), UnitException.class))
        .hasMessageStartingWith("`256MB` is not an amount of memory: write bytes, or a number and"
            + " one of Ki, Mi");
    assertThat(catchThrowableOfType(() -> ResourceQuantities.bytes("16Ei"), UnitException.class)
        .problem()).isEqualTo(UnitProblem.TOO_LARGE);
  }

  @Test
  void cpu() {
    assertThat(ResourceQuantities.cores("250m")).isEqualTo(0.25);
    assertThat(ResourceQuantities.cores("2")).isEqualTo(2.0);
    assertThat(catchThrowableOfType(() -> ResourceQuantities.cores("1Gi"), UnitException.class))
        .hasMessage("`1Gi` is not an amount of CPU: write cores or millicores, e.g. `0.5` or `500m`");
  }
}
