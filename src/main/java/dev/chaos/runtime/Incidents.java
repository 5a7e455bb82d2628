package dev.chaos.runtime;

import dev.chaos.spi.Backend;
import dev.chaos.spi.Escalations;
import dev.chaos.syntax.ast.Member;
import java.util.stream.Collectors;

/**
 * Sets up a run's incident response: the escalation policy the runbook names (`escalation_policy
 * "NAME"`) or the backend's default (the first declared), from the contacts the backend shares
 * (chaos.yaml's `notify` section, or the world file's).
 */
final class Incidents {
  private Incidents() {}

  /** Null when the run may go on; else why it is refused (a named policy that is not there). */
  static String open(RunContext run, Backend backend) throws InterruptedException {
    Escalations all = shared(backend);
    String named = null;
    Frame header = new Frame(run.program, run.runbookEnv,
        new Site(Section.HEADER, "", null, null, false));
    for (Member m : run.runbook.members()) {
      if (m instanceof Member.Attribute a && a.key().name().equals("escalation_policy")) {
        named = run.interpreter.evaluator().text(a.value(), header);
      }
    }
    Escalations.Policy policy = all.policy(named).orElse(null);
    if (named != null && policy == null) {
      String known = all.policies().stream().map(p -> "`" + p.name() + "`")
          .collect(Collectors.joining(", "));
      return "no escalation policy `" + named + "` (" + (known.isEmpty()
          ? "the target declares none: add `notify.escalation`"
          : "the policies are " + known) + ")";
    }
    String runbook = run.header.shown.name();
    run.escalation = new Escalation(run.interpreter, all, policy, runbook);
    run.warnings = new GuardWarnings(run.interpreter, run.escalation, runbook);
    return null;
  }

  private static Escalations shared(Backend backend) {
    try {
      Escalations found = backend.service(Escalations.class);
      return found == null ? Escalations.NONE : found;
    } catch (Exception | LinkageError none) {
      return Escalations.NONE;
    }
  }
}
