package dev.chaos.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConversionsTest {
  @Test
  void intFromJsonNumbersStringsAndFloats() {
    assertThat(Conversions.toInt(JsonTree.of(3))).isEqualTo(Value.integer(3));
    assertThat(Conversions.toInt(JsonTree.of(3.0))).isEqualTo(Value.integer(3));
    assertThat(Conversions.toInt(JsonTree.of(" 42 "))).isEqualTo(Value.integer(42));
    assertThat(Conversions.toInt(Value.number(-2.9))).isEqualTo(Value.integer(-2));
    assertThat(Conversions.toInt(Value.integer(7))).isEqualTo(Value.integer(7));
    assertThatThrownBy(() -> Conversions.toInt(JsonTree.of(3.5)))
        .isInstanceOf(ValueException.class)
        .hasMessage("cannot convert the Json number 3.5 to Int: not a whole number");
    assertThatThrownBy(() -> Conversions.toInt(JsonTree.of("abc")))
        .hasMessage("cannot convert the Json string \"abc\" to Int: not a number");
    assertThatThrownBy(() -> Conversions.toInt(JsonTree.of(Map.of("a", 1))))
        .hasMessage("cannot convert a Json object to Int");
    assertThatThrownBy(() -> Conversions.toInt(JsonTree.of(null)))
        .hasMessage("cannot convert Json null to Int");
    assertThatThrownBy(() -> Conversions.toInt(Value.percent(3)))
        .hasMessage("cannot convert a Percent to Int");
  }

  @Test
  void floatFromJsonNumbersAndStrings() {
    assertThat(Conversions.toFloat(JsonTree.of(0.004))).isEqualTo(Value.number(0.004));
    assertThat(Conversions.toFloat(JsonTree.of(2))).isEqualTo(Value.number(2));
    assertThat(Conversions.toFloat(JsonTree.of("1.5"))).isEqualTo(Value.number(1.5));
    assertThat(Conversions.toFloat(Value.integer(2))).isEqualTo(Value.number(2));
    assertThatThrownBy(() -> Conversions.toFloat(JsonTree.of("NaN")))
        .hasMessage("cannot convert the Json string \"NaN\" to Float: not a number");
    assertThatThrownBy(() -> Conversions.toFloat(JsonTree.of(List.of())))
        .hasMessage("cannot convert a Json array to Float");
  }

  @Test
  void stringOfJsonIsItsTextAndOfValuesTheirDisplay() {
    assertThat(Conversions.toStr(JsonTree.of("ok"))).isEqualTo(Value.str("ok"));
    assertThat(Conversions.toStr(JsonTree.of(Map.of("a", 1)))).isEqualTo(Value.str("{\"a\":1}"));
    assertThat(Conversions.toStr(Value.percent(0.4))).isEqualTo(Value.str("0.4%"));
    assertThatThrownBy(() -> Conversions.toStr(new Value.Secret("x")))
        .hasMessage("a Secret cannot be converted to String");
  }

  @Test
  void boolFromJsonBooleansAndExactStrings() {
    assertThat(Conversions.toBool(JsonTree.of(true))).isEqualTo(Value.TRUE);
    assertThat(Conversions.toBool(JsonTree.of("false"))).isEqualTo(Value.FALSE);
    assertThatThrownBy(() -> Conversions.toBool(JsonTree.of("yes")))
        .hasMessage("cannot convert the Json string \"yes\" to Bool: expected \"true\" or \"false\"");
    assertThatThrownBy(() -> Conversions.toBool(JsonTree.of(1)))
        .hasMessage("cannot convert a Json number to Bool");
  }
}
