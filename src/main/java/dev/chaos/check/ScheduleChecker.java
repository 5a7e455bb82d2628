package dev.chaos.check;

import dev.chaos.diag.Code;
import dev.chaos.source.Span;
import dev.chaos.syntax.ast.Decl;
import dev.chaos.syntax.ast.Expr;
import dev.chaos.syntax.ast.Member;
import dev.chaos.types.Type;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * `schedule "CRON" zone "ZONE"`: a literal cron line a CronJob reads (CH0412), a zone a CronJob
 * reads (CH0307; by default the window's, else UTC), and every time it fires inside the
 * runbook's `window` (CH0413), as `chaos exec` would refuse to start at any other time. Without
 * a window nothing bounds an unattended run: a warning (CH0607), and in production the window
 * is required anyway (CH0502).
 */
final class ScheduleChecker {
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd",
      Locale.ROOT);

  private final FileChecker file;
  private final Reporter reporter;

  ScheduleChecker(FileChecker file) {
    this.file = file;
    this.reporter = file.reporter();
  }

  void check(Member.Schedule s, Member.Window window, boolean prod) {
    CronLine cron = cron(s.cron());
    ZoneId zone = s.zone() == null ? null : zone(s.zone());
    if (window == null) {
      if (!prod) {
        reporter.report(Code.CH0607, keyword(s), "scheduled runbook without a `window`",
            "nothing bounds when an unattended run starts",
            "add the window the schedule must fall in: `window 02:00 to 06:00 zone \"UTC\"`");
      }
      return;
    }
    Window w = window(window);
    if (s.zone() == null && w != null) {
      zone = w.zone();
      if (!isZoneName(zone.getId())) {
        reporter.report(Code.CH0307, keyword(s), "the window's zone `" + zone.getId()
            + "` is no time zone name a CronJob reads", "the schedule takes the window's zone",
            "give the schedule a zone name: `zone \"Etc/UTC\"`");
        return;
      }
    }
    if (cron == null || zone == null || w == null || w.from().equals(w.to())) {
      return; // reported, or the window is empty (reported)
    }
    ScheduleWindow fit = new ScheduleWindow(cron, zone, w.from(), w.to(), w.zone());
    String shown = "the window " + w.from() + " to " + w.to() + " " + w.zone().getId();
    if (fit.sameClock()) {
      LocalTime t = fit.firstTimeOutside();
      if (t != null) {
        reporter.report(Code.CH0413, s.cron().span(), "the schedule fires at " + t + " "
            + zone.getId() + ", outside " + shown, "every day it fires at " + t,
            "keep its hours and minutes inside the window, or widen the window");
      }
      return;
    }
    ScheduleWindow.Firing f = fit.firstFiringOutside(LocalDate.now(zone));
    if (f != null) {
      reporter.report(Code.CH0413, s.cron().span(), "the schedule fires at "
          + f.scheduled().toLocalTime() + " " + zone.getId() + " on "
          + DATE.format(f.scheduled()) + ", " + f.inWindowZone().toLocalTime() + " in "
          + w.zone().getId() + " (" + DATE.format(f.inWindowZone()) + "): outside " + shown,
          "the first time it fires outside the window, from today",
          "give the schedule the window's zone (`zone \"" + w.zone().getId()
              + "\"`), whose clock the window follows through summer time");
    }
  }

  /** The cron line when it is a literal one a CronJob reads; else reported, null. */
  private CronLine cron(Expr e) {
    Type t = file.exprs().checkAgainst(e, Type.STRING, file.globals(), Context.HEADER,
        "`schedule` takes a cron line (`\"30 2 * * MON-FRI\"`)");
    if (t != Type.STRING) {
      return null;
    }
    if (!(UnitHelp.unwrap(e) instanceof Expr.Str str) || str.constant() == null) {
      reporter.report(Code.CH0301, e.span(), "`schedule` must be a literal string",
          "`chaos deploy` writes it into a CronJob before anything runs",
          "write the cron line itself: `schedule \"30 2 * * MON-FRI\"`");
      return null;
    }
    try {
      return CronLine.parse(str.constant());
    } catch (CronLine.Invalid invalid) {
      reporter.report(Code.CH0412, within(str, invalid.start, invalid.end), invalid.getMessage(),
          invalid.label, invalid.help);
      return null;
    }
  }

  /** A literal zone name that a CronJob's `timeZone` takes; else reported, null. */
  private ZoneId zone(Expr e) {
    Type t = file.exprs().checkAgainst(e, Type.STRING, file.globals(), Context.HEADER,
        "`zone` takes a time zone name (`\"UTC\"`, `\"Europe/Paris\"`)");
    if (t != Type.STRING) {
      return null;
    }
    if (!(UnitHelp.unwrap(e) instanceof Expr.Str str) || str.constant() == null) {
      reporter.report(Code.CH0301, e.span(), "the schedule's `zone` must be a literal string",
          "`chaos deploy` writes it into a CronJob before anything runs",
          "write the zone itself: `zone \"Europe/Paris\"`");
      return null;
    }
    String name = str.constant();
    if (!isZoneName(name)) {
      Set<String> zones = new TreeSet<>(ZoneId.getAvailableZoneIds());
      reporter.report(Code.CH0307, e.span(), "unknown time zone `" + name + "`",
          "a CronJob takes a zone name of the tz database", Reporter.didYouMean(name, zones));
      return null;
    }
    return ZoneId.of(name);
  }

  /** A name of the tz database (`Europe/Paris`, `UTC`), not an offset (`+02:00`). */
  static boolean isZoneName(String name) {
    return ZoneId.getAvailableZoneIds().contains(name);
  }

  /** The window as written, when it is literal (or top-level lets holding literals). */
  private record Window(LocalTime from, LocalTime to, ZoneId zone) {}

  private Window window(Member.Window w) {
    LocalTime from = timeOfDay(w.from());
    LocalTime to = timeOfDay(w.to());
    ZoneId zone = ZoneId.of("UTC");
    boolean literal = from != null && to != null;
    if (w.zone() != null) {
      Expr z = literalOf(w.zone());
      String name = z instanceof Expr.Str str ? str.constant() : null;
      if (name == null) {
        literal = false;
      } else {
        try {
          zone = ZoneId.of(name);
        } catch (java.time.DateTimeException e) {
          return null; // reported with the window
        }
      }
    }
    if (!literal) {
      reporter.report(Code.CH0301, w.span(), "the window of a scheduled runbook must be literal",
          "the schedule is checked against it before anything runs",
          "write its times and zone themselves: `window 02:00 to 06:00 zone \"UTC\"`");
      return null;
    }
    return new Window(from, to, zone);
  }

  private LocalTime timeOfDay(Expr e) {
    return literalOf(e) instanceof Expr.TimeOfDayLit t && t.hour() < 24 && t.minute() < 60
        ? LocalTime.of(t.hour(), t.minute()) : null;
  }

  /** The expression, or the value of the top-level `let` it names, without parentheses. */
  private Expr literalOf(Expr e) {
    Expr inner = UnitHelp.unwrap(e);
    Ref ref = file.out().refOf(inner);
    if (ref instanceof Ref.Global g && g.decl() instanceof Decl.Let let) {
      return UnitHelp.unwrap(let.value());
    }
    return inner;
  }

  /** The characters {@code start} to {@code end} of a string's value, when it has no escapes. */
  private static Span within(Expr.Str str, int start, int end) {
    Span s = str.span();
    String text = s.text();
    if (str.textBlock() || !text.equals("\"" + str.constant() + "\"")) {
      return s;
    }
    return new Span(s.source(), s.start() + 1 + start, s.start() + 1 + Math.max(end, start + 1));
  }

  private static Span keyword(Member.Schedule s) {
    Span at = s.span();
    return new Span(at.source(), at.start(), Math.min(at.end(), at.start() + "schedule".length()));
  }
}
