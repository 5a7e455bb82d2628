package dev.chaos.runtime;

import static dev.chaos.diag.JunitRenderer.attribute;
import static dev.chaos.diag.JunitRenderer.content;

import java.util.ArrayList;
import java.util.List;

/**
 * `--junit FILE`: one test suite for the run, one test case per precondition, step, guard,
 * verify, undo and the recovery, so that a dashboard's count of failures agrees with the run's
 * outcome. A `false` (or a failed or timed-out step) is a failure, an `error` (a step cut short
 * by an abort, an undo that failed) an error, as pipeline dashboards tell them apart; what never
 * ran is skipped.
 */
public final class JunitReport {
  private JunitReport() {}

  private record Case(String name, String kind, String type, String message, String seconds) {
    Case(String name, String kind, String type, String message) {
      this(name, kind, type, message, "0");
    }
  }

  public static String render(RunResult r) {
    List<Case> cases = new ArrayList<>();
    for (RunResult.Check c : r.preconditions()) {
      cases.add(check("precondition", c));
    }
    for (RunResult.StepResult s : r.steps()) {
      cases.add(step(s));
    }
    for (RunResult.ProbeSummary g : r.guards()) {
      cases.add(probe("guard", g));
    }
    for (RunResult.ProbeSummary t : r.throughout()) {
      cases.add(probe("verify", t));
    }
    for (RunResult.Check v : r.verifies()) {
      cases.add(check("verify", v));
    }
    for (RunResult.UndoResult u : r.undos()) {
      cases.add(undo(u));
    }
    if (r.recovery().ran()) {
      cases.add(new Case("recovery within " + r.recovery().within(), "recovery",
          r.recovery().recovered() ? null : "failure", r.recovery().recovered() ? null
              : "not recovered within " + r.recovery().within()
                  + (r.recovery().lastProblem() == null ? "" : ": "
                      + r.recovery().lastProblem())));
    }
    long failures = cases.stream().filter(c -> "failure".equals(c.type())).count();
    long errors = cases.stream().filter(c -> "error".equals(c.type())).count();
    long skipped = cases.stream().filter(c -> "skipped".equals(c.type())).count();
    String suite = attribute(r.header().name());
    String seconds = String.valueOf(r.duration().toMillis() / 1000.0);
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    xml.append("<testsuites name=\"chaos exec\" tests=\"").append(cases.size())
        .append("\" failures=\"").append(failures).append("\" errors=\"").append(errors)
        .append("\" time=\"").append(seconds).append("\">\n");
    xml.append("  <testsuite name=\"").append(suite).append("\" tests=\"").append(cases.size())
        .append("\" failures=\"").append(failures).append("\" errors=\"").append(errors)
        .append("\" skipped=\"").append(skipped).append("\" time=\"").append(seconds)
        .append("\" timestamp=\"").append(r.started()).append("\">\n");
    xml.append("    <properties>\n");
    property(xml, "outcome", r.outcome().label());
    property(xml, "environment", String.valueOf(r.header().environment()));
    property(xml, "run_id", String.valueOf(r.header().runId()));
    property(xml, "dry_run", String.valueOf(r.dryRun()));
    xml.append("    </properties>\n");
    for (Case c : cases) {
      xml.append("    <testcase name=\"").append(attribute(c.kind() + ": " + c.name()))
          .append("\" classname=\"").append(suite).append('.').append(c.kind())
          .append("\" time=\"").append(c.seconds()).append('"');
      if (c.type() == null) {
        xml.append("/>\n");
        continue;
      }
      xml.append(">\n      ");
      if (c.type().equals("skipped")) {
        xml.append("<skipped message=\"").append(attribute(c.message())).append("\"/>");
      } else {
        xml.append('<').append(c.type()).append(" message=\"").append(attribute(c.message()))
            .append("\">").append(content(c.message())).append("</").append(c.type())
            .append('>');
      }
      xml.append("\n    </testcase>\n");
    }
    xml.append("  </testsuite>\n</testsuites>\n");
    return xml.toString();
  }

  private static Case check(String kind, RunResult.Check c) {
    switch (c.outcome()) {
      case TRUE:
        return new Case(c.name(), kind, null, null);
      case FALSE:
        return new Case(c.name(), kind, "failure", c.message());
      default:
        return new Case(c.name(), kind, "error", c.message());
    }
  }

  private static Case step(RunResult.StepResult s) {
    String seconds = s.duration() == null ? "0" : String.valueOf(s.duration().toMillis() / 1000.0);
    String why = s.message() == null ? s.status().label() : s.status().label() + ": " + s.message();
    switch (s.status()) {
      case PASSED:
        return new Case(s.name(), "step", null, null, seconds);
      case FAILED:
      case TIMED_OUT:
        return new Case(s.name(), "step", "failure", why, seconds);
      case ABORTED:
      case INTERRUPTED:
        return new Case(s.name(), "step", "error", why, seconds);
      default: // not run, or a dry run's preview
        return new Case(s.name(), "step", "skipped", why, seconds);
    }
  }

  /** An undo that failed is an error: the world may still be disrupted. */
  private static Case undo(RunResult.UndoResult u) {
    String kind = u.kind() == RunResult.UndoResult.Kind.ROLLBACK ? "rollback" : "undo";
    String name = u.step() == null || u.step().isEmpty() || u.kind() == RunResult.UndoResult.Kind.ROLLBACK
        ? u.description() : u.step() + ": " + u.description();
    switch (u.status()) {
      case DONE:
        return new Case(name, kind, null, null);
      case FAILED:
        return new Case(name, kind, "error", u.message() == null ? "failed" : u.message());
      default:
        return new Case(name, kind, "skipped", u.message() == null ? "skipped" : u.message());
    }
  }

  /** A probe fails when any sample was false, errs when the only problems were errors. */
  private static Case probe(String kind, RunResult.ProbeSummary p) {
    if (p.samples() == 0) {
      return new Case(p.name(), kind, "skipped", "never sampled: no step ran");
    }
    String counts = p.samples() + " samples: " + p.trues() + " true, " + p.falses()
        + " false, " + p.errors() + " error";
    if (p.falses() > 0) {
      return new Case(p.name(), kind, "failure", counts + "; " + p.firstProblem());
    }
    if (p.errors() > 0) {
      return new Case(p.name(), kind, "error", counts + "; " + p.firstProblem());
    }
    return new Case(p.name(), kind, null, null);
  }

  private static void property(StringBuilder xml, String name, String value) {
    xml.append("      <property name=\"").append(name).append("\" value=\"")
        .append(attribute(value)).append("\"/>\n");
  }
}
