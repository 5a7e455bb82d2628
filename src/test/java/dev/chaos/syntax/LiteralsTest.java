package dev.chaos.syntax;

import static dev.chaos.syntax.ParserTesting.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chaos.syntax.ast.Expr;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each literal kind decodes to its value, with the span of the text as written. */
class LiteralsTest {
  @Test
  void numbersAndBooleans() {
    assertThat(((Expr.IntLit) expr("42")).value()).isEqualTo(42);
    assertThat(((Expr.IntLit) expr("9223372036854775807")).value()).isEqualTo(Long.MAX_VALUE);
    assertThat(((Expr.FloatLit) expr("0.25")).value()).isEqualTo(0.25);
    assertThat(((Expr.BoolLit) expr("true")).value()).isTrue();
    assertThat(((Expr.BoolLit) expr("false")).value()).isFalse();
  }

  @Test
  void durations() {
    assertThat(duration("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(duration("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(duration("1.5s")).isEqualTo(Duration.ofMillis(1500));
    assertThat(duration("5m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(duration("1h")).isEqualTo(Duration.ofHours(1));
    assertThat(duration("1d")).isEqualTo(Duration.ofDays(1));
    assertThat(duration("1m30s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(duration("1h2m3s4ms")).isEqualTo(Duration.ofMillis(3_723_004));
    assertThat(expr("1m30s").span().text()).isEqualTo("1m30s");
  }

  private static Duration duration(String text) {
    return ((Expr.DurationLit) expr(text)).value();
  }

  @Test
  void percentsAndTimesOfDay() {
    assertThat(((Expr.PercentLit) expr("30%")).percent()).isEqualTo(30.0);
    assertThat(((Expr.PercentLit) expr("0.1%")).percent()).isEqualTo(0.1);
    Expr.TimeOfDayLit time = (Expr.TimeOfDayLit) expr("02:30");
    assertThat(time.hour()).isEqualTo(2);
    assertThat(time.minute()).isEqualTo(30);
    assertThat(((Expr.TimeOfDayLit) expr("23:59")).hour()).isEqualTo(23);
  }

  @Test
  void listsAndRecords() {
    Expr.ListLit list = (Expr.ListLit) expr("[1, 2, 3,]");
    assertThat(list.elements()).hasSize(3);
    assertThat(((Expr.ListLit) expr("[]")).elements()).isEmpty();
    Expr.RecordLit record = (Expr.RecordLit) expr("{name: \"x\", replicas: 3, for: true}");
    assertThat(record.fields()).extracting(f -> f.key().name()).containsExactly("name", "replicas", "for");
    assertThat(record.fields().get(0).key().span().text()).isEqualTo("name");
    assertThat(((Expr.RecordLit) expr("{}")).fields()).isEmpty();
  }

  @Test
  void stringEscapes() {
    Expr.Str str = (Expr.Str) expr("\"a\\\"b\\\\c\\nd\\te\\$f\"");
    assertThat(str.constant()).isEqualTo("a\"b\\c\nd\te$f");
    assertThat(str.textBlock()).isFalse();
    assertThat(str.span().text()).isEqualTo("\"a\\\"b\\\\c\\nd\\te\\$f\"");
    assertThat(((Expr.Str) expr("\"\"")).constant()).isEmpty();
    assertThat(((Expr.Str) expr("\"cost: $5\"")).constant()).isEqualTo("cost: $5");
    assertThat(((Expr.Str) expr("\"\\${x}\"")).constant()).isEqualTo("${x}");
  }

  @Test
  void interpolationHasPartsWithTheirOwnSpans() {
    Expr.Str str = (Expr.Str) expr("\"pods ${len(killed)} of ${total}!\"");
    assertThat(str.constant()).isNull();
    List<Expr.StrPart> parts = str.parts();
    assertThat(parts).hasSize(5);
    assertThat(((Expr.StrPart.Text) parts.get(0)).text()).isEqualTo("pods ");
    assertThat(parts.get(0).span().text()).isEqualTo("pods ");
    Expr.StrPart.Interp first = (Expr.StrPart.Interp) parts.get(1);
    assertThat(first.span().text()).isEqualTo("${len(killed)}");
    assertThat(first.expr()).isInstanceOf(Expr.Call.class);
    assertThat(first.expr().span().text()).isEqualTo("len(killed)");
    assertThat(((Expr.StrPart.Text) parts.get(4)).text()).isEqualTo("!");
  }

  @Test
  void recordsAndStringsNestInsideInterpolation() {
    Expr.Str str = (Expr.Str) expr("\"a ${ {n: {m: 1}}.n } b ${ \"inner ${x}\" } c\"");
    Expr.StrPart.Interp record = (Expr.StrPart.Interp) str.parts().get(1);
    Expr.Member member = (Expr.Member) record.expr();
    assertThat(member.target()).isInstanceOf(Expr.RecordLit.class);
    assertThat(member.name().name()).isEqualTo("n");
    Expr.StrPart.Interp nested = (Expr.StrPart.Interp) str.parts().get(3);
    assertThat(((Expr.Str) nested.expr()).parts()).hasSize(2);
    assertThat(((Expr.StrPart.Text) str.parts().get(4)).text()).isEqualTo(" c");
  }

  @Test
  void textBlockStripsFirstLineBreakAndCommonIndentation() {
    String source = "\"\"\"\n"
        + "    apiVersion: v1\n"
        + "    metadata:\n"
        + "      name: x   \n"
        + "\n"
        + "    \"\"\"";
    Expr.Str str = (Expr.Str) expr(source);
    assertThat(str.textBlock()).isTrue();
    assertThat(str.constant()).isEqualTo("apiVersion: v1\nmetadata:\n  name: x\n\n");
    assertThat(str.span().text()).isEqualTo(source);
  }

  @Test
  void textBlockClosingDelimiterSetsTheIndentation() {
    assertThat(((Expr.Str) expr("\"\"\"\n    a\n      b\n  \"\"\"")).constant()).isEqualTo("  a\n    b\n");
    assertThat(((Expr.Str) expr("\"\"\"\n    a\n      b\"\"\"")).constant()).isEqualTo("a\n  b");
    assertThat(((Expr.Str) expr("\"\"\"one line\"\"\"")).constant()).isEqualTo("one line");
  }

  @Test
  void textBlockInterpolatesKeepsEscapesAndDollarDollarIsLiteral() {
    Expr.Str str = (Expr.Str) expr("\"\"\"\n  name: ${app}\n  raw: \\n $${x} \"quoted\"\n  \"\"\"");
    assertThat(str.parts()).hasSize(3);
    assertThat(((Expr.StrPart.Text) str.parts().get(0)).text()).isEqualTo("name: ");
    Expr.StrPart.Interp interp = (Expr.StrPart.Interp) str.parts().get(1);
    assertThat(interp.span().text()).isEqualTo("${app}");
    assertThat(((Expr.StrPart.Text) str.parts().get(2)).text())
        .isEqualTo("\nraw: \\n ${x} \"quoted\"\n");
  }

  @Test
  void textBlockLineBreaksBecomeNewlines() {
    assertThat(((Expr.Str) expr("\"\"\"\r\n  a\r\n  b\r\n  \"\"\"")).constant()).isEqualTo("a\nb\n");
  }
}
