package dev.chaos.cli;

import dev.chaos.check.CheckedProgram;
import dev.chaos.syntax.ast.Expr;
import dev.chaos.syntax.ast.Member;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * What the production gates read from a runbook's header before it runs: its name, `lock`,
 * `window` and `max_duration`, as written (literals; a value the gates cannot read before the
 * run is null). The run itself evaluates the header again.
 */
record ProdHeader(String name, String lock, LocalTime windowFrom, LocalTime windowTo,
    ZoneId zone, Duration maxDuration) {

  static ProdHeader of(CheckedProgram program) {
    var runbook = program.runbook().orElseThrow();
    String lock = null;
    Duration max = null;
    LocalTime from = null;
    LocalTime to = null;
    ZoneId zone = null;
    for (Member m : runbook.members()) {
      if (m instanceof Member.Attribute a && a.key().name().equals("lock")) {
        lock = constant(a.value());
      } else if (m instanceof Member.Attribute a && a.key().name().equals("max_duration")
          && unwrap(a.value()) instanceof Expr.DurationLit d) {
        max = d.value();
      } else if (m instanceof Member.Window w && unwrap(w.from()) instanceof Expr.TimeOfDayLit f
          && unwrap(w.to()) instanceof Expr.TimeOfDayLit t) {
        from = LocalTime.of(f.hour(), f.minute());
        to = LocalTime.of(t.hour(), t.minute());
        zone = zone(w.zone());
      }
    }
    return new ProdHeader(runbook.name().text(), lock, from, to, zone, max);
  }

  boolean hasWindow() {
    return windowFrom != null && zone != null;
  }

  /** "02:00 to 06:00 UTC". */
  String window() {
    return windowFrom + " to " + windowTo + " " + zone.getId();
  }

  private static ZoneId zone(Expr e) {
    if (e == null) {
      return ZoneId.of("UTC");
    }
    String id = constant(e);
    try {
      return id == null ? null : ZoneId.of(id);
    } catch (DateTimeException bad) {
      return null;
    }
  }

  private static String constant(Expr e) {
    return unwrap(e) instanceof Expr.Str s ? s.constant() : null;
  }

  private static Expr unwrap(Expr e) {
    while (e instanceof Expr.Paren p) {
      e = p.inner();
    }
    return e;
  }
}
