package dev.chaos.lsp;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the header attributes and the sections of a runbook are, for hover and completion: the
 * shape and one line of meaning from the contract (docs/language.md).
 */
final class Keywords {
  private Keywords() {}

  static final Map<String, String> HEADER = new LinkedHashMap<>();
  static final Map<String, String> SECTIONS = new LinkedHashMap<>();

  static {
    HEADER.put("title", "title String: the human title, heading the report");
    HEADER.put("objective", "objective String: the hypothesis, the report's \"Hypothesis\" section");
    HEADER.put("environment", "environment dev | staging | prod: where the runbook may run "
        + "(required); `prod` turns on the production rules");
    HEADER.put("blast_radius", "blast_radius Percent: cap on the share of targets any one "
        + "mutating call may hit (prod: at most 30%)");
    HEADER.put("window", "window HH:MM to HH:MM [zone \"UTC\"]: `chaos exec` refuses to start "
        + "outside it (prod: required)");
    HEADER.put("schedule", "schedule \"CRON\" [zone \"ZONE\"]: the times a CronJob of `chaos "
        + "deploy` runs the runbook (five cron fields; zone: the window's, else UTC); each must "
        + "fall inside the window");
    HEADER.put("max_duration", "max_duration Duration: the whole run's limit; passing it aborts "
        + "the run");
    HEADER.put("owner", "owner String: the owning team, in the report");
    HEADER.put("tags", "tags List[String]: labels for reports and selection");
    HEADER.put("lock", "lock String: one run per lock at a time");
    HEADER.put("escalation_policy", "escalation_policy String: the `notify.escalation` policy "
        + "followed while a problem is unresolved");
    SECTIONS.put("let", "let NAME = expr: a runbook value, evaluated once, in order, before the "
        + "preconditions (read-only)");
    SECTIONS.put("precondition", "precondition \"NAME\" { }: must hold before anything changes");
    SECTIONS.put("observe", "observe NAME = expr every DURATION: sampled through the run; "
        + "baseline, peak and recovered value in the report");
    SECTIONS.put("guard", "guard \"NAME\" every DURATION [extend DURATION] { }: checked while the "
        + "steps run; `warn when` degrades the run, a failed `expect` or `abort when` aborts it");
    SECTIONS.put("step", "step \"NAME\" [timeout DURATION] [retry N] [irreversible] { } "
        + "[undo { }]: the experiment, in order; a step that mutates needs an undo");
    SECTIONS.put("verify", "verify \"NAME\" [throughout] { }: the hypothesis, checked after the "
        + "steps (`throughout`: also while they run)");
    SECTIONS.put("rollback", "rollback { }: undoes what the automatic inverses and `undo` "
        + "blocks do not cover");
    SECTIONS.put("recovery", "recovery within DURATION [every DURATION] { }: the system must "
        + "come back to these expectations in time");
    SECTIONS.put("on abort", "on abort { }: runs when the run aborts; `abort.reason` and "
        + "`abort.phase` are defined");
  }

  /** The markdown for a keyword, or null. */
  static String markdown(String keyword) {
    String line = HEADER.containsKey(keyword) ? HEADER.get(keyword) : SECTIONS.get(keyword);
    if (line == null) {
      return null;
    }
    int colon = line.indexOf(": ");
    return "```chaos\n" + line.substring(0, colon) + "\n```\n\n" + line.substring(colon + 2);
  }
}
