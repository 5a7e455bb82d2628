package dev.chaos.deploy;

import dev.chaos.check.CheckedProgram;
import dev.chaos.check.Schedules;
import dev.chaos.syntax.ast.Expr;
import dev.chaos.syntax.ast.Member;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * What deploying one checked runbook reads from its header, as written (literals): its name,
 * `environment`, `lock` (and the line that takes it), `max_duration`, the `within` of its
 * `recovery` and its `schedule`, if any.
 */
public record DeployedRunbook(CheckedProgram program, String name, String environment,
    String lock, int lockLine, Duration maxDuration, Duration recoveryWithin,
    Optional<Schedule> schedule) {

  /** A runbook's `schedule "CRON" zone "ZONE"`. */
  public record Schedule(String cron, String zone) {}

  /** A runbook without `max_duration` (only outside prod) is given this much. */
  public static final Duration DEFAULT_MAX_DURATION = Duration.ofHours(1);

  /**
   * What a Job may take beyond `max_duration` and the recovery's `within`: the undo of every
   * change, `rollback`, `on abort` and the reports. Why 10 minutes: each undo call has a
   * 2-minute deadline and a created object waits at most 60 s for its finalizers, so this is
   * five slow undos in a row; a Job past it is stopped by SIGTERM, which chaos answers by
   * undoing what is left within the pod's termination grace period.
   */
  public static final Duration UNDO_ALLOWANCE = Duration.ofMinutes(10);

  public static DeployedRunbook of(CheckedProgram program) {
    var runbook = program.runbook().orElseThrow();
    String environment = null;
    String lock = null;
    int lockLine = 0;
    Duration max = null;
    Duration within = Duration.ZERO;
    for (Member m : runbook.members()) {
      if (m instanceof Member.Attribute a) {
        switch (a.key().name()) {
          case "environment" -> environment = a.value() instanceof Expr.Name n ? n.name() : null;
          case "lock" -> {
            lock = unwrap(a.value()) instanceof Expr.Str s ? s.constant() : null;
            lockLine = a.span().startLine();
          }
          case "max_duration" -> max = unwrap(a.value()) instanceof Expr.DurationLit d
              ? d.value() : null;
          default -> { }
        }
      } else if (m instanceof Member.Recovery r && r.within() != null
          && unwrap(r.within()) instanceof Expr.DurationLit d) {
        within = d.value();
      }
    }
    // the checker's reading: the schedule's zone, else the window's, else UTC
    Optional<Schedule> schedule = Schedules.of(program)
        .map(s -> new Schedule(s.schedule(), s.timeZone()));
    return new DeployedRunbook(program, runbook.name().text(), environment, lock, lockLine,
        max == null ? DEFAULT_MAX_DURATION : max, within, schedule);
  }

  /** The Job's `activeDeadlineSeconds`: `max_duration` + recovery + {@link #UNDO_ALLOWANCE}. */
  public long deadlineSeconds() {
    return maxDuration.plus(recoveryWithin).plus(UNDO_ALLOWANCE).toSeconds();
  }

  /** The runbook's name as a Kubernetes object name: `pod-failure`, at most 40 characters. */
  public String objectName() {
    String cleaned = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-")
        .replaceAll("^-+|-+$", "");
    cleaned = cleaned.isEmpty() ? "runbook" : cleaned;
    // a CronJob's name leaves 11 characters for the Jobs' suffix; the prefix takes the rest
    return cleaned.length() <= 40 ? cleaned : cleaned.substring(0, 40).replaceAll("-+$", "");
  }

  private static Expr unwrap(Expr e) {
    while (e instanceof Expr.Paren p) {
      e = p.inner();
    }
    return e;
  }
}
