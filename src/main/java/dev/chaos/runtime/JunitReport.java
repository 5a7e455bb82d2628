package dev.chaos.runtime;

import static dev.chaos.diag.JunitRenderer.attribute;
import static dev.chaos.diag.JunitRenderer.content;

import java.util.ArrayList;
import java.util.List;

/**
 * `--junit FILE`: one test suite for the run, one test case per precondition, guard, verify and
 * the recovery. A `false` is a failure, an `error` an error, as pipeline dashboards tell them
 * apart; a check that never ran is skipped.
 */
public final class JunitReport {
  private JunitReport() {}

  private record Case(String name, String kind, String type, String message) {}

  public static String render(RunResult r) {
    List<Case> cases = new ArrayList<>();
    for (RunResult.Check c : r.preconditions()) {
      cases.add(check("precondition", c));
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
          .append("\" time=\"0\"");
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
