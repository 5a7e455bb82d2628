package dev.chaos.check;

import dev.chaos.syntax.ast.Decl;
import dev.chaos.syntax.ast.Expr;
import dev.chaos.syntax.ast.Member;
import java.util.Optional;

/**
 * The `schedule` of a checked runbook as a Kubernetes CronJob takes it: `spec.schedule` and
 * `spec.timeZone`. The zone is the schedule's, else the window's, else `UTC` (ScheduleChecker
 * has made sure each is a literal a CronJob reads and that every time falls in the window).
 */
public final class Schedules {
  private Schedules() {}

  /** `spec.schedule` (the cron line as written, trimmed) and `spec.timeZone`. */
  public record CronJobSchedule(String schedule, String timeZone) {}

  /** Empty when the program has no runbook or its runbook no `schedule`. */
  public static Optional<CronJobSchedule> of(CheckedProgram program) {
    return program.runbook().flatMap(Schedules::of);
  }

  /**
   * Empty without a `schedule`. Call it on a runbook that checked without errors: a cron line
   * or zone that is not a literal is refused by the checker and throws here.
   */
  public static Optional<CronJobSchedule> of(Decl.Runbook runbook) {
    Member.Schedule schedule = null;
    Member.Window window = null;
    for (Member m : runbook.members()) {
      if (m instanceof Member.Schedule s && schedule == null) {
        schedule = s;
      } else if (m instanceof Member.Window w && window == null) {
        window = w;
      }
    }
    if (schedule == null) {
      return Optional.empty();
    }
    String zone = schedule.zone() != null ? literal(schedule.zone())
        : window != null && window.zone() != null ? literal(window.zone()) : "UTC";
    return Optional.of(new CronJobSchedule(literal(schedule.cron()).strip(), zone));
  }

  private static String literal(Expr e) {
    if (UnitHelp.unwrap(e) instanceof Expr.Str s && s.constant() != null) {
      return s.constant();
    }
    throw new IllegalArgumentException("not a literal string (the checker refuses it): "
        + e.span().text());
  }
}
