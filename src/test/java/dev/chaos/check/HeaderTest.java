package dev.chaos.check;

import static dev.chaos.check.CheckFixture.check;
import static dev.chaos.check.CheckFixture.runbook;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chaos.diag.Code;
import dev.chaos.diag.Diagnostic;
import dev.chaos.diag.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HeaderTest {
  @Test
  void environmentIsRequired() {
    Diagnostic d = check("runbook \"r\" {\n  title \"t\"\n}\n").only(Code.CH0406);
    assertThat(d.span().text()).isEqualTo("\"r\"");
    assertThat(d.message()).isEqualTo("runbook \"r\" has no `environment`");
  }

  @Test
  void unknownEnvironmentSuggestsOne() {
    Diagnostic d = check("runbook \"r\" {\n  environment stagin\n}\n").only(Code.CH0408);
    assertThat(d.span().text()).isEqualTo("stagin");
    assertThat(d.helps()).containsExactly("did you mean `staging`?");
    Diagnostic quoted = check("runbook \"r\" {\n  environment \"prod\"\n}\n").only(Code.CH0408);
    assertThat(quoted.helps()).containsExactly("write it without quotes: `environment prod`");
  }

  @Test
  void duplicateAttribute() {
    Diagnostic d = check(runbook("  title \"a\"\n  title \"b\"")).only(Code.CH0407);
    assertThat(d.span().text()).isEqualTo("title");
    assertThat(d.label()).isEqualTo("`title` is already set on line 3");
    check(runbook("  window 01:00 to 02:00\n  window 03:00 to 04:00")).only(Code.CH0407);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "title 3|CH0301",
      "owner [\"a\"]|CH0301",
      "tags [\"a\", 1]|CH0301",
      "tags \"a\"|CH0301",
      "blast_radius 30|CH0302",
      "blast_radius 150%|CH0307",
      "blast_radius -5%|CH0307",
      "blast_radius 10% + 5%|CH0301",
      "blast_radius percent(0.2)|CH0301",
      "blast_radius 5s|CH0302",
      "max_duration \"5m\"|CH0301",
      "max_duration 0s|CH0307",
      "window 02:00 to 02:00|CH0307",
      "window 2 to 06:00|CH0301",
      "window 02:00 to 06:00 zone \"Europe/Pariss\"|CH0307",
      "window 02:00 to 06:00 zone 3|CH0301",
      "step \"s\" timeout 0s { }|CH0307",
      "step \"s\" timeout 5 { }|CH0302",
      "step \"s\" retry -1 { }|CH0307",
      "step \"s\" retry 1s { }|CH0301",
      "observe x = redis.dbsize() every 0ms|CH0307",
      "guard \"g\" every \"5s\" { }|CH0301",
      "recovery within 2 { }|CH0302"})
  void attributeAndOptionTypes(String member, Code code) {
    check(runbook("  " + member)).only(code);
  }

  @Test
  void blastRadiusIsALiteralAndALetHoldingOneIsNamedInTheHelp() {
    Diagnostic d = check("let radius = 20%\n" + runbook("  blast_radius radius")).only(Code.CH0301);
    assertThat(d.message()).isEqualTo("`blast_radius` must be a literal percentage");
    assertThat(d.span().text()).isEqualTo("radius");
    assertThat(d.helps()).containsExactly("write the value itself: `blast_radius 20%`");
    check(runbook("  blast_radius (25%)")).assertClean();
  }

  @Test
  void validHeaderIsClean() {
    check(runbook("""
          title "t"
          objective "o"
          owner "team"
          lock "l"
          tags ["a", "b"]
          blast_radius 30%
          max_duration 15m
          window 22:00 to 04:00 zone "Europe/Paris"
        """)).assertClean();
  }

  @Test
  void zoneSuggestion() {
    Diagnostic d = check(runbook("  window 02:00 to 06:00 zone \"Europe/Pariss\"")).only(Code.CH0307);
    assertThat(d.helps()).containsExactly("did you mean `Europe/Paris`?");
  }

  @Test
  void sectionsThatMayAppearOnce() {
    Diagnostic d = check(runbook("  rollback { }\n  rollback { }")).only(Code.CH0409);
    assertThat(d.span().text()).isEqualTo("rollback");
    check(runbook("  on abort { }\n  on abort { }")).only(Code.CH0409);
    check(runbook("  recovery within 1m { }\n  recovery within 1m { }")).only(Code.CH0409);
  }

  @Test
  void duplicateSectionNamesAreWarnings() {
    Diagnostic d = check(runbook("  step \"x\" { }\n  step \"x\" { }")).only(Code.CH0602);
    assertThat(d.severity()).isEqualTo(Severity.WARNING);
    assertThat(d.message()).isEqualTo("duplicate step name \"x\"");
    check(runbook("""
          observe e = redis.dbsize() every 5s
          observe e = redis.dbsize() every 5s
        """)).only(Code.CH0602);
    check(runbook("  step \"x\" { }\n  verify \"x\" { }")).assertClean();
  }

  @Test
  void moreThanOneRunbook() {
    var result = check("runbook \"a\" {\n  environment dev\n}\nrunbook \"b\" {\n  environment dev\n}\n");
    Diagnostic d = result.only(Code.CH0103);
    assertThat(d.span().text()).isEqualTo("\"b\"");
  }
}
