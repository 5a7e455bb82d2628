package dev.chaos.check;

import dev.chaos.diag.Code;
import dev.chaos.source.Span;
import dev.chaos.syntax.ast.Decl;
import dev.chaos.syntax.ast.Expr;
import dev.chaos.syntax.ast.Member;
import dev.chaos.types.Type;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The header attributes of a runbook: each at most once (CH0407), each with its type, and an
 * `environment`, which the safety rules depend on (CH0406). The `schedule` is checked against
 * the window by ScheduleChecker.
 */
final class HeaderChecker {
  static final List<String> ENVIRONMENTS = List.of("dev", "staging", "prod");
  private static final Map<String, Type> ATTRIBUTE_TYPES = Map.of(
      "title", Type.STRING, "objective", Type.STRING, "owner", Type.STRING, "lock", Type.STRING,
      "blast_radius", Type.PERCENT, "max_duration", Type.DURATION,
      "tags", Type.list(Type.STRING), "environment", Type.STRING, "escalation_policy", Type.STRING);

  /** What the rest of the checker needs to know of the header; absent parts are null. */
  record Header(String environment, Member.Attribute blastRadius, Member.Window window) {}

  private final FileChecker file;
  private final Reporter reporter;

  HeaderChecker(FileChecker file) {
    this.file = file;
    this.reporter = file.reporter();
  }

  Header check(Decl.Runbook runbook) {
    Map<String, Span> seen = new HashMap<>();
    String environment = null;
    boolean environmentGiven = false;
    Member.Attribute blastRadius = null;
    Member.Window window = null;
    Member.Schedule schedule = null;
    for (Member m : runbook.members()) {
      if (m instanceof Member.Schedule s) {
        if (firstTime("schedule", s.span(), seen)) {
          schedule = s;
        }
        continue;
      }
      if (m instanceof Member.Window w) {
        if (firstTime("window", w.span(), seen)) {
          window = w;
        }
        window(w);
        continue;
      }
      if (!(m instanceof Member.Attribute a)) {
        continue;
      }
      String key = a.key().name();
      Type type = ATTRIBUTE_TYPES.get(key);
      if (type == null) {
        reporter.report(Code.CH0011, a.key().span(), "unknown header attribute `" + key + "`",
            "not a header attribute",
            Reporter.didYouMean(key, new TreeSet<>(ATTRIBUTE_TYPES.keySet())));
        continue;
      }
      boolean first = firstTime(key, a.key().span(), seen);
      switch (key) {
        case "environment" -> {
          environmentGiven = true;
          String env = environment(a);
          if (first) {
            environment = env;
          }
        }
        case "blast_radius" -> {
          if (first) {
            blastRadius = a;
          }
          blastRadius(a);
        }
        case "max_duration" -> file.duration(a.value(), file.globals(), Context.HEADER,
            "`max_duration` takes a `Duration`");
        default -> {
          file.continuation().scan(a.value());
          file.exprs().checkAgainst(a.value(), type, file.globals(), Context.HEADER,
              "`" + key + "` takes " + Article.of(type));
        }
      }
    }
    if (!environmentGiven) {
      reporter.report(Code.CH0406, runbook.name().span(),
          "runbook \"" + runbook.name().text() + "\" has no `environment`",
          "the safety rules depend on the environment",
          "add one of `environment dev`, `environment staging` or `environment prod`");
    }
    if (schedule != null) {
      boolean prod = "prod".equals(environment) || file.options().asProd();
      new ScheduleChecker(file).check(schedule, window, prod);
    }
    return new Header(environment, blastRadius, window);
  }

  private boolean firstTime(String key, Span at, Map<String, Span> seen) {
    Span first = seen.putIfAbsent(key, at);
    if (first == null) {
      return true;
    }
    // the key as written can be shorter than its name (cut by the end of the file)
    reporter.reportWithFirst(keySpan(first, key), "first set here", Code.CH0407, keySpan(at, key),
        "duplicate header attribute `" + key + "`",
        "`" + key + "` is already set on line " + first.startLine(), "remove one of them");
    return false;
  }

  /** `environment staging`: a bare word, one of dev, staging, prod. */
  private String environment(Member.Attribute a) {
    Expr value = a.value();
    String word = value instanceof Expr.Name n ? n.name()
        : value instanceof Expr.Str s ? s.constant() : null;
    // an interpolated string has no constant; List.of(...).contains(null) would throw
    boolean known = word != null && ENVIRONMENTS.contains(word);
    if (value instanceof Expr.Name && known) {
      return word;
    }
    if (value.kind() == Expr.Kind.ERROR) {
      return null;
    }
    String help;
    if (value instanceof Expr.Str && known) {
      help = "write it without quotes: `environment " + word + "`";
    } else {
      help = word == null ? null : Reporter.didYouMean(word, ENVIRONMENTS);
    }
    reporter.report(Code.CH0408, value.span(),
        "unknown environment `" + value.span().text() + "`",
        "the environments are `dev`, `staging` and `prod`", help);
    return null;
  }

  /**
   * `blast_radius 30%`: a literal, because the production rule (CH0501) and the run's limit on
   * disruption need its value before anything runs; and a share, between 0% and 100%.
   */
  private void blastRadius(Member.Attribute a) {
    file.continuation().scan(a.value());
    Type t = file.exprs().checkAgainst(a.value(), Type.PERCENT, file.globals(), Context.HEADER,
        "`blast_radius` takes a `Percent`");
    if (t != Type.PERCENT) {
      return;
    }
    Double percent = percentLiteral(a.value());
    if (percent == null) {
      Expr let = letValue(a.value());
      String help = let != null && percentLiteral(let) != null
          ? "write the value itself: `blast_radius " + let.span().text() + "`"
          : "write the percentage itself, e.g. `blast_radius 30%`";
      reporter.report(Code.CH0301, a.value().span(), "`blast_radius` must be a literal percentage",
          "its value must be known before the run starts", help);
    } else if (percent < 0 || percent > 100) {
      reporter.report(Code.CH0307, a.value().span(), "blast radius must be between 0% and 100%",
          "this is " + a.value().span().text());
    }
  }

  /** The value of `30%`, `(30%)` or `-5%`; null for anything computed. */
  private static Double percentLiteral(Expr e) {
    Expr inner = UnitHelp.unwrap(e);
    if (inner instanceof Expr.PercentLit p) {
      return p.percent();
    }
    if (inner instanceof Expr.Unary u && u.op() == Expr.UnaryOp.NEG
        && UnitHelp.unwrap(u.operand()) instanceof Expr.PercentLit p) {
      return -p.percent();
    }
    return null;
  }

  /** The value of the top-level `let` (of this file or a module) that {@code e} names, else null. */
  private Expr letValue(Expr e) {
    Ref ref = file.out().refOf(UnitHelp.unwrap(e));
    return ref instanceof Ref.Global g && g.decl() instanceof Decl.Let let ? let.value() : null;
  }

  /** `window 02:00 to 06:00 zone "UTC"`; a literal zone must be a real time zone. */
  private void window(Member.Window w) {
    file.exprs().checkAgainst(w.from(), Type.TIME_OF_DAY, file.globals(), Context.HEADER,
        "a window starts at a time of day (`02:00`)");
    file.exprs().checkAgainst(w.to(), Type.TIME_OF_DAY, file.globals(), Context.HEADER,
        "a window ends at a time of day (`06:00`)");
    if (w.from() instanceof Expr.TimeOfDayLit from && w.to() instanceof Expr.TimeOfDayLit to
        && from.hour() == to.hour() && from.minute() == to.minute()) {
      reporter.report(Code.CH0307, w.from().span().to(w.to().span()), "the window is empty",
          "it starts and ends at the same time", "give it a length: `window 02:00 to 06:00`");
    }
    if (w.zone() == null) {
      return;
    }
    Type zoneType = file.exprs().checkAgainst(w.zone(), Type.STRING, file.globals(),
        Context.HEADER, "`zone` takes a time zone name (`\"UTC\"`, `\"Europe/Paris\"`)");
    if (zoneType == Type.STRING && w.zone() instanceof Expr.Str s && s.constant() != null) {
      try {
        ZoneId.of(s.constant());
      } catch (DateTimeException e) {
        Set<String> zones = new TreeSet<>(ZoneId.getAvailableZoneIds());
        zones.add("UTC");
        reporter.report(Code.CH0307, w.zone().span(), "unknown time zone `" + s.constant() + "`",
            "not a time zone", Reporter.didYouMean(s.constant(), zones));
      }
    }
  }

  private static Span keySpan(Span at, String key) {
    return new Span(at.source(), at.start(),
        Math.min(at.source().text().length(), Math.max(at.end(), at.start() + key.length())));
  }
}
