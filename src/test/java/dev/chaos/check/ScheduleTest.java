package dev.chaos.check;

import static dev.chaos.check.CheckFixture.check;
import static dev.chaos.check.CheckFixture.runbook;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chaos.diag.Code;
import dev.chaos.diag.Diagnostic;
import dev.chaos.diag.Severity;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScheduleTest {
  private static final String PARIS = "window 02:00 to 06:00 zone \"Europe/Paris\"\n  ";

  @Test
  void aScheduleInsideItsWindowIsCleanAndGivesTheCronJobItsFields() {
    CheckFixture.Result r = check(runbook("  " + PARIS + "schedule \"30 2 * * MON-FRI\""));
    r.assertClean();
    assertThat(Schedules.of(r.program())).contains(
        new Schedules.CronJobSchedule("30 2 * * MON-FRI", "Europe/Paris"));
    CheckFixture.Result own = check(runbook("  " + PARIS + "schedule \" 0 1 * * * \" zone \"UTC\""));
    own.assertClean(); // 01:00 UTC is 02:00 or 03:00 in Paris
    assertThat(Schedules.of(own.program())).contains(
        new Schedules.CronJobSchedule("0 1 * * *", "UTC"));
    CheckFixture.Result utc = check(runbook("  window 01:00 to 05:00\n  schedule \"0 1-4 * * *\""));
    utc.assertClean();
    assertThat(Schedules.of(utc.program())).contains(
        new Schedules.CronJobSchedule("0 1-4 * * *", "UTC"));
    assertThat(Schedules.of(check(runbook("  " + PARIS)).program())).isEmpty();
  }

  @Test
  void aWindowAcrossMidnightHoldsTheHoursOnBothSides() {
    check(runbook("  window 22:00 to 02:00\n  schedule \"0 22,23,0,1 * * *\"")).assertClean();
    Diagnostic d = check(runbook("  window 22:00 to 02:00\n  schedule \"0 23,2 * * *\""))
        .only(Code.CH0413);
    assertThat(d.span().text()).isEqualTo("\"0 23,2 * * *\"");
    assertThat(d.message()).isEqualTo(
        "the schedule fires at 02:00 UTC, outside the window 22:00 to 02:00 UTC");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "0 25 * * *|25|`25` is out of range in the hour field",
      "0 3 * * 7|7|`7` is out of range in the day of week field",
      "0 3 * * MOM|MOM|`MOM` is not a value of the day of week field",
      "0 3 * JANV *|JANV|`JANV` is not a value of the month field",
      "0 3 * *|0 3 * *|the schedule has 4 fields, not five",
      "5-1 3 * * *|5-1|the range `5-1` in the minute field runs backwards",
      "*/0 3 * * *|0|invalid step `0` in the minute field",
      "0 3 1,,2 * *|,|empty list item in the day of month field",
      "@every 1h|@every 1h|`@every` cannot be checked against the window",
      "@dayly|@dayly|unknown schedule `@dayly`",
      "0 0 30 2 *|30 2|the schedule never fires",
      "TZ=UTC 0 3 * * *|TZ=UTC|a time zone inside the cron line"})
  void aBadCronLineIsReportedAtItsField(String cron, String at, String message) {
    Diagnostic d = check(runbook("  window 00:00 to 06:00\n  schedule \"" + cron + "\""))
        .only(Code.CH0412);
    assertThat(d.span().text()).isEqualTo(at);
    assertThat(d.message()).isEqualTo(message);
  }

  @Test
  void namesStepsAndDescriptorsAreRead() throws CronLine.Invalid {
    CronLine c = CronLine.parse("*/20 1-5/2 ? jan,Mar-MAY sun-tue");
    assertThat(c.minutes().toString()).isEqualTo("{0, 20, 40}");
    assertThat(c.hours().toString()).isEqualTo("{1, 3, 5}");
    assertThat(c.months().toString()).isEqualTo("{1, 3, 4, 5}");
    assertThat(c.weekdays().toString()).isEqualTo("{0, 1, 2}");
    assertThat(c.anyDay()).isTrue();
    assertThat(CronLine.parse("10/25 * * * *").minutes().toString()).isEqualTo("{10, 35}");
    assertThat(CronLine.parse("@weekly")).isEqualTo(CronLine.parse("0 0 * * 0"));
    // both day fields restricted: either fires (the 13th, or a Friday)
    CronLine either = CronLine.parse("0 0 13 * 5");
    assertThat(either.firesOn(LocalDate.of(2027, 1, 13))).isTrue(); // a Wednesday
    assertThat(either.firesOn(LocalDate.of(2027, 1, 15))).isTrue(); // a Friday
    assertThat(either.firesOn(LocalDate.of(2027, 1, 14))).isFalse();
    // `*/2` restricts: still either
    assertThat(CronLine.parse("0 0 */2 * 5").firesOn(LocalDate.of(2027, 1, 15))).isTrue();
  }

  @Test
  void zonesAreNamesOfTheTzDatabaseAndLiterals() {
    assertThat(check(runbook("  " + PARIS + "schedule \"0 3 * * *\" zone \"Europe/Pariss\""))
        .only(Code.CH0307).helps()).containsExactly("did you mean `Europe/Paris`?");
    check(runbook("  " + PARIS + "schedule \"0 3 * * *\" zone \"+02:00\"")).only(Code.CH0307);
    check(runbook("  window 02:00 to 06:00 zone \"+02:00\"\n  schedule \"0 3 * * *\""))
        .only(Code.CH0307);
    check("let z = \"UTC\"\n" + runbook("  " + PARIS + "schedule \"0 3 * * *\" zone z"))
        .only(Code.CH0301);
    Diagnostic d = check("let c = \"0 3 * * *\"\n" + runbook("  " + PARIS + "schedule c"))
        .only(Code.CH0301);
    assertThat(d.message()).isEqualTo("`schedule` must be a literal string");
    check(runbook("  " + PARIS + "schedule 3")).only(Code.CH0301);
  }

  @Test
  void aWindowHeldByLetsIsReadAndAComputedOneIsRefused() {
    check("let start = 02:00\n" + runbook("  window start to 06:00\n  schedule \"0 2 * * *\""))
        .assertClean();
    check("let start = 02:00\n" + runbook("  window start to 06:00\n  schedule \"0 7 * * *\""))
        .only(Code.CH0413);
  }

  @Test
  void onceOnlyAndAWindowIsWantedOutsideProduction() {
    check(runbook("  " + PARIS + "schedule \"0 3 * * *\"\n  schedule \"0 4 * * *\""))
        .only(Code.CH0407);
    Diagnostic d = check(runbook("  schedule \"@daily\"")).only(Code.CH0607);
    assertThat(d.severity()).isEqualTo(Severity.WARNING);
    assertThat(d.span().text()).isEqualTo("schedule");
    // production requires the window anyway (CH0502): not said twice
    assertThat(check(runbook("  schedule \"@daily\""), new CheckOptions(true)).codes())
        .contains(Code.CH0502).doesNotContain(Code.CH0607);
  }

  @Test
  void summerTimeMovesAScheduleOfAnotherZoneOutOfTheWindow() throws CronLine.Invalid {
    // 03:30 in Paris is 02:30 UTC in winter, 01:30 UTC in summer
    ScheduleWindow fit = new ScheduleWindow(CronLine.parse("30 3 * * *"), ZoneId.of("Europe/Paris"),
        LocalTime.of(2, 0), LocalTime.of(4, 0), ZoneId.of("UTC"));
    assertThat(fit.sameClock()).isFalse();
    ScheduleWindow.Firing f = fit.firstFiringOutside(LocalDate.of(2027, 1, 1));
    assertThat(f.scheduled()).isEqualTo(ZonedDateTime.of(2027, 3, 28, 3, 30, 0, 0,
        ZoneId.of("Europe/Paris")));
    assertThat(f.inWindowZone().toLocalTime()).isEqualTo(LocalTime.of(1, 30));
    Diagnostic d = check(runbook("  window 02:00 to 04:00 zone \"UTC\"\n"
        + "  schedule \"30 3 * * *\" zone \"Europe/Paris\"")).only(Code.CH0413);
    assertThat(d.message()).matches("the schedule fires at 03:30 Europe/Paris on Sun \\d{4}-03-\\d\\d, "
        + "01:30 in UTC \\(Sun \\d{4}-03-\\d\\d\\): outside the window 02:00 to 04:00 UTC");
  }

  @Test
  void aRepeatedHourFiresTwiceAndASkippedOneNever() throws CronLine.Invalid {
    ZoneId newYork = ZoneId.of("America/New_York");
    ZoneId chicago = ZoneId.of("America/Chicago");
    // New York is an hour ahead of Chicago, but changes an hour earlier: at 01:30 EST (the
    // second 01:30 of the first Sunday of November) Chicago still reads 01:30 CDT
    ScheduleWindow twice = new ScheduleWindow(CronLine.parse("30 1 * * *"), newYork,
        LocalTime.of(0, 0), LocalTime.of(1, 0), chicago);
    ScheduleWindow.Firing f = twice.firstFiringOutside(LocalDate.of(2027, 1, 1));
    assertThat(f.scheduled().toLocalDateTime()).isEqualTo("2027-11-07T01:30");
    assertThat(f.scheduled().getOffset().getTotalSeconds()).isEqualTo(-5 * 3600);
    assertThat(f.inWindowZone().toLocalTime()).isEqualTo(LocalTime.of(1, 30));
    // 02:30 New York does not exist on the second Sunday of March: no firing then
    ScheduleWindow skipped = new ScheduleWindow(CronLine.parse("30 2 * * *"), newYork,
        LocalTime.of(1, 0), LocalTime.of(2, 0), chicago);
    assertThat(skipped.firstFiringOutside(LocalDate.of(2027, 1, 1))).isNull();
    // in one zone only the time of day matters, whatever summer time does
    ScheduleWindow same = new ScheduleWindow(CronLine.parse("30 1 * * *"), newYork,
        LocalTime.of(1, 0), LocalTime.of(2, 0), newYork);
    assertThat(same.sameClock()).isTrue();
    assertThat(same.firstTimeOutside()).isNull();
  }
}
