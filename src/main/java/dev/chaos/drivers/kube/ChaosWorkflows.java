package dev.chaos.drivers.kube;

import static dev.chaos.drivers.kube.ChaosInjections.KINDS;
import static dev.chaos.drivers.kube.ChaosInjections.field;
import static dev.chaos.drivers.kube.ChaosInjections.known;
import static dev.chaos.drivers.kube.SpecFields.list;
import static dev.chaos.drivers.kube.SpecFields.oneOf;
import static dev.chaos.drivers.kube.SpecFields.optionalDuration;
import static dev.chaos.drivers.kube.SpecFields.strings;

import dev.chaos.drivers.ManifestDocuments;
import dev.chaos.drivers.kube.ChaosInjection.Timing;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The chaos a Schedule or a Workflow embeds, each injection at its time: a Schedule's at its
 * cron schedule, a Workflow's at the offset its entry reaches it (Serial children one after
 * another, Parallel ones together, bounded by the templates' deadlines).
 */
final class ChaosWorkflows {
  private ChaosWorkflows() {}

  /** A Schedule's embedded object: the field named after `spec.type` (`podChaos`). */
  static void schedule(List<ChaosInjection> out, String subject, Map<String, Object> spec,
      String namespace, Timing timing, Duration deadline) {
    String cron = ManifestDocuments.text(spec.get("schedule")).trim();
    if (cron.isEmpty()) {
      throw new IllegalArgumentException(subject + " has no `schedule` (a cron line or"
          + " `@every 5m`)");
    }
    CronSchedule.parse(subject + " `schedule`", cron);
    String policy = ManifestDocuments.text(spec.get("concurrencyPolicy"));
    policy = policy.isEmpty() ? "Forbid" : policy;
    oneOf(subject, "concurrencyPolicy", policy, "Forbid", "Allow");
    String type = ManifestDocuments.text(spec.get("type"));
    Timing scheduled = new Timing(timing.startAfter(), cron, policy, deadline,
        timing.condition());
    if (type.equals("Workflow")) {
      workflow(out, subject + " (Workflow)", ManifestDocuments.map(spec.get("workflow")),
          namespace, scheduled);
      return;
    }
    String kind = known(type);
    if (kind == null) {
      throw new IllegalArgumentException(subject + " `type` `" + type + "` is not a chaos kind"
          + " Chaos Mesh schedules (" + String.join(", ", KINDS) + ", Workflow)");
    }
    out.add(ChaosKindReader.read(subject + " (" + kind + ")", kind,
        ManifestDocuments.map(spec.get(field(kind))), namespace, scheduled, null));
  }

  static void workflow(List<ChaosInjection> out, String subject,
      Map<String, Object> spec, String namespace, Timing timing) {
    Map<String, Map<String, Object>> templates = new LinkedHashMap<>();
    for (Object t : list(spec.get("templates"))) {
      Map<String, Object> template = ManifestDocuments.map(t);
      templates.put(ManifestDocuments.text(template.get("name")), template);
    }
    String entry = ManifestDocuments.text(spec.get("entry"));
    if (!templates.containsKey(entry)) {
      throw new IllegalArgumentException(subject + " `entry` `" + entry + "` names no"
          + " template");
    }
    walk(out, subject, templates, entry, namespace, timing, null, 0);
  }

  /**
   * Reads the template {@code name} starting at {@code timing}, bounded by {@code limit}, and
   * returns how long it runs (its `deadline`, or what its children take).
   */
  private static Duration walk(List<ChaosInjection> out, String subject,
      Map<String, Map<String, Object>> templates, String name, String namespace, Timing timing,
      Duration limit, int depth) {
    Map<String, Object> template = templates.get(name);
    String inner = subject + ", template `" + name + "`";
    if (template == null) {
      throw new IllegalArgumentException(subject + " names template `" + name + "`, which it"
          + " does not have");
    }
    if (depth > templates.size()) {
      throw new IllegalArgumentException(inner + " is part of a cycle of templates");
    }
    String type = ManifestDocuments.text(template.get("templateType"));
    Duration deadline = optionalDuration(inner, template, "deadline");
    Duration bound = deadline == null ? limit
        : limit == null || deadline.compareTo(limit) < 0 ? deadline : limit;
    switch (type) {
      case "Serial" -> {
        Duration at = Duration.ZERO;
        for (String child : strings(template.get("children"))) {
          Duration left = bound == null ? null : bound.minus(at);
          if (left != null && (left.isZero() || left.isNegative())) {
            break; // the deadline ends the serial before this child
          }
          at = at.plus(walk(out, subject, templates, child, namespace, timing.after(at), left,
              depth + 1));
        }
        return bound == null ? at : min(at, bound);
      }
      case "Parallel" -> {
        Duration longest = Duration.ZERO;
        for (String child : strings(template.get("children"))) {
          longest = max(longest, walk(out, subject, templates, child, namespace, timing, bound,
              depth + 1));
        }
        return bound == null ? longest : min(longest, bound);
      }
      case "Suspend", "StatusCheck" -> {
        return bound == null ? Duration.ZERO : bound;
      }
      case "Task" -> {
        Duration length = bound == null ? Duration.ZERO : bound;
        for (Object b : list(template.get("conditionalBranches"))) {
          Map<String, Object> branch = ManifestDocuments.map(b);
          String condition = inner + " is a Task: `"
              + ManifestDocuments.text(branch.get("target")) + "` runs only when `"
              + ManifestDocuments.text(branch.get("expression"))
              + "` holds for the output of its container";
          Timing branchTiming = new Timing(timing.startAfter().plus(length), timing.schedule(),
              timing.concurrencyPolicy(), timing.scheduleFor(), condition);
          walk(out, subject, templates, ManifestDocuments.text(branch.get("target")), namespace,
              branchTiming, null, depth + 1);
        }
        return length;
      }
      case "Schedule" -> {
        schedule(out, inner + " (Schedule)", ManifestDocuments.map(template.get("schedule")),
            namespace, timing, bound);
        return bound == null ? Duration.ZERO : bound;
      }
      default -> {
        String kind = known(type);
        if (kind == null) {
          throw new IllegalArgumentException(inner + " `templateType` `" + type + "` is not"
              + " one Chaos Mesh runs (Serial, Parallel, Suspend, Task, Schedule, StatusCheck, "
              + String.join(", ", KINDS) + ")");
        }
        ChaosInjection chaos = ChaosKindReader.read(inner + " (" + kind + ")", kind,
            ManifestDocuments.map(template.get(field(kind))), namespace, timing, bound);
        out.add(chaos);
        return chaos.duration() == null || chaos.oneShot() ? Duration.ZERO : chaos.duration();
      }
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
