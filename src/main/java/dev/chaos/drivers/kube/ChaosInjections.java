package dev.chaos.drivers.kube;

import dev.chaos.drivers.ManifestDocuments;
import dev.chaos.drivers.kube.ChaosInjection.Network;
import dev.chaos.drivers.kube.ChaosInjection.Stress;
import dev.chaos.drivers.kube.ChaosInjection.Timing;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads what a chaos object does ({@link ChaosInjection}), as Chaos Mesh 2.x reads it
 * (api/v1alpha1 and its webhooks): every kind that acts on pods (PodChaos, NetworkChaos,
 * StressChaos, IOChaos, HTTPChaos, DNSChaos, TimeChaos, KernelChaos, JVMChaos, BlockChaos), those
 * that act elsewhere (PhysicalMachineChaos, AWSChaos, GCPChaos, AzureChaos), a Schedule (its
 * embedded chaos at its schedule) and a Workflow (the chaos of the templates its entry reaches,
 * each at its offset); and a Litmus ChaosEngine (its experiments). A selector without
 * `namespaces` selects in the object's own namespace, as Chaos Mesh defaults it.
 *
 * <p>A field Chaos Mesh would refuse (an unknown action, a latency that is no Go duration, a
 * percentage above 100, workers below 1) is refused here, naming the object and the field. Other
 * objects (a Deployment, a StatusCheck, the per-pod PodNetworkChaos Chaos Mesh writes itself)
 * choose no pods: the list is empty.
 */
public final class ChaosInjections {
  private ChaosInjections() {}

  /** The kinds that select pods, by their field name in a Schedule or Workflow template. */
  private static final List<String> KINDS = List.of("PodChaos", "NetworkChaos", "StressChaos",
      "IOChaos", "HTTPChaos", "TimeChaos", "DNSChaos", "JVMChaos", "KernelChaos", "BlockChaos",
      "PhysicalMachineChaos", "AWSChaos", "GCPChaos", "AzureChaos");
  private static final Set<String> NO_PODS = Set.of("PhysicalMachineChaos", "AWSChaos",
      "GCPChaos", "AzureChaos");

  /** Every injection of a whole manifest; objects without a namespace land in {@code namespace}. */
  public static List<ChaosInjection> of(String manifest, String namespace) {
    List<ChaosInjection> out = new ArrayList<>();
    for (ManifestDocuments.Doc d : ManifestDocuments.objects(manifest)) {
      out.addAll(of(d, d.namespace().isEmpty() ? namespace : d.namespace()));
    }
    return out;
  }

  /**
   * The injections of one object; {@code namespace} is the namespace it lands in.
   *
   * @throws IllegalArgumentException naming the object and the field that is refused
   */
  public static List<ChaosInjection> of(ManifestDocuments.Doc doc, String namespace) {
    String group = Kinds.groupOf(doc.apiVersion());
    String kind = doc.kind();
    String subject = kind + " `" + doc.shownName() + "`";
    Map<String, Object> spec = ManifestDocuments.map(doc.tree().get("spec"));
    List<ChaosInjection> out = new ArrayList<>();
    if (group.equals(Kinds.CHAOS_MESH)) {
      String known = known(kind);
      if (known != null) {
        out.add(chaos(subject, known, spec, namespace, Timing.NOW, null));
      } else if (kind.equalsIgnoreCase("Schedule")) {
        schedule(out, subject, spec, namespace, Timing.NOW, null);
      } else if (kind.equalsIgnoreCase("Workflow")) {
        workflow(out, subject, spec, namespace, Timing.NOW);
      }
      // PodHttpChaos, PodIOChaos, PodNetworkChaos: the per-pod objects Chaos Mesh writes for
      // the chaos it runs; applied by hand they act on nothing a selector chooses
    } else if (group.equals("litmuschaos.io") && kind.equalsIgnoreCase("ChaosEngine")) {
      litmus(out, doc, spec, namespace);
    }
    return out;
  }

  // ---- one chaos ------------------------------------------------------------------------

  private static ChaosInjection chaos(String subject, String kind, Map<String, Object> spec,
      String namespace, Timing timing, Duration deadline) {
    ChaosSelection selection = NO_PODS.contains(kind) ? null : new ChaosSelection(subject,
        PodSelector.chaosMesh(subject, spec.get("selector"), namespace),
        SelectionMode.chaosMesh(subject, spec.get("mode"), spec.get("value")));
    Duration duration = optionalDuration(subject, spec, "duration");
    if (deadline != null) {
      duration = duration == null || deadline.compareTo(duration) < 0 ? deadline : duration;
    }
    if (duration != null && duration.isNegative()) {
      throw new IllegalArgumentException(subject + " `duration` " + duration + " is negative");
    }
    String remote = ManifestDocuments.text(spec.get("remoteCluster"));
    List<String> containers = strings(spec.get("containerNames"));
    Map<String, String> details = new LinkedHashMap<>();
    String action = ManifestDocuments.text(spec.get("action"));
    Network network = null;
    Stress stress = null;
    Duration grace = Duration.ZERO;
    switch (kind) {
      case "PodChaos" -> {
        oneOf(subject, "action", action, "pod-kill", "pod-failure", "container-kill");
        if (action.equals("container-kill") && containers.isEmpty()) {
          throw new IllegalArgumentException(subject + " `containerNames` is empty: a"
              + " container-kill needs the containers to kill");
        }
        grace = Duration.ofSeconds(whole(subject, "gracePeriod", spec.get("gracePeriod"), 0,
            0, Integer.MAX_VALUE));
      }
      case "NetworkChaos" -> network = network(subject, action, spec, namespace);
      case "StressChaos" -> {
        action = "stress";
        stress = stress(subject, spec, details);
      }
      case "IOChaos" -> {
        oneOf(subject, "action", action, "latency", "fault", "attrOverride", "mistake");
        if (action.equals("latency")) {
          details.put("delay", goDuration(subject, "delay", spec.get("delay"), true).toString());
        }
        details.put("percent", String.valueOf(whole(subject, "percent", spec.get("percent"),
            100, 0, 100)));
        copy(spec, details, "volumePath", "path", "errno", "methods", "attr", "mistake");
      }
      case "HTTPChaos" -> {
        action = "http";
        oneOf(subject, "target", ManifestDocuments.text(spec.get("target")), "Request",
            "Response");
        if (spec.get("delay") != null) {
          details.put("delay", goDuration(subject, "delay", spec.get("delay"), true).toString());
        }
        copy(spec, details, "target", "abort", "replace", "patch", "port", "path", "method",
            "code");
        if (!details.containsKey("delay") && !details.containsKey("abort")
            && !details.containsKey("replace") && !details.containsKey("patch")) {
          throw new IllegalArgumentException(subject + " has none of `abort`, `delay`,"
              + " `replace`, `patch`: it would do nothing");
        }
      }
      case "DNSChaos" -> {
        oneOf(subject, "action", action, "error", "random");
        copy(spec, details, "patterns");
      }
      case "TimeChaos" -> {
        action = "time-offset";
        details.put("timeOffset", goDuration(subject, "timeOffset", spec.get("timeOffset"), true)
            .toString());
        copy(spec, details, "clockIds");
      }
      case "KernelChaos" -> {
        action = "kernel-fault";
        if (spec.get("failKernRequest") == null) {
          throw new IllegalArgumentException(subject + " has no `failKernRequest`");
        }
        copy(spec, details, "failKernRequest");
      }
      case "JVMChaos" -> {
        oneOf(subject, "action", action, "latency", "return", "exception", "stress", "gc",
            "ruleData", "mysql");
        copy(spec, details, "class", "method", "latency", "value", "exception", "ruleData",
            "cpuCount", "memType", "port");
      }
      case "BlockChaos" -> {
        oneOf(subject, "action", action, "delay");
        details.put("delay", goDuration(subject, "delay.latency",
            ManifestDocuments.at(spec, "delay", "latency"), true).toString());
        copy(spec, details, "volumeName");
      }
      case "PhysicalMachineChaos" -> {
        if (action.isEmpty()) {
          throw new IllegalArgumentException(subject + " has no `action`");
        }
        Map<String, Object> params = ManifestDocuments.map(spec.get(action));
        for (Map.Entry<String, Object> p : params.entrySet()) {
          details.put(action + "." + p.getKey(), String.valueOf(p.getValue()));
        }
        copy(spec, details, "address", "selector");
      }
      default -> { // the cloud kinds
        if (action.isEmpty()) {
          throw new IllegalArgumentException(subject + " has no `action`");
        }
        copy(spec, details, "awsRegion", "ec2Instance", "project", "zone", "instance",
            "subscriptionID", "resourceGroupName", "vmName");
      }
    }
    return new ChaosInjection(subject, kind, action, selection, duration, timing, remote,
        network, stress, containers, grace, details);
  }

  private static Network network(String subject, String action, Map<String, Object> spec,
      String namespace) {
    oneOf(subject, "action", action, "netem", "delay", "loss", "duplicate", "corrupt",
        "partition", "bandwidth");
    String direction = ManifestDocuments.text(spec.get("direction"));
    direction = direction.isEmpty() ? "to" : direction;
    oneOf(subject, "direction", direction, "to", "from", "both");
    Map<String, Object> target = ManifestDocuments.map(spec.get("target"));
    ChaosSelection targetSelection = null;
    if (!target.isEmpty()) {
      String inner = subject + " (target)";
      targetSelection = new ChaosSelection(inner,
          PodSelector.chaosMesh(inner, target.get("selector"), namespace),
          SelectionMode.chaosMesh(inner, target.get("mode"), target.get("value")));
    }
    boolean netem = action.equals("netem");
    Map<String, Object> delay = ManifestDocuments.map(spec.get("delay"));
    Duration latency = Duration.ZERO;
    Duration jitter = Duration.ZERO;
    double correlation = 0;
    if (action.equals("delay") || netem && !delay.isEmpty()) {
      latency = goDuration(subject, "delay.latency", delay.get("latency"), true);
      jitter = delay.get("jitter") == null ? Duration.ZERO
          : goDuration(subject, "delay.jitter", delay.get("jitter"), false);
      correlation = delay.get("correlation") == null ? 0
          : ChaosQuantities.percent(subject + " `delay.correlation`", delay.get("correlation"));
      if (latency.isNegative() || jitter.isNegative()) {
        throw new IllegalArgumentException(subject + " `delay` latency and jitter cannot be"
            + " negative");
      }
    }
    double loss = netemPercent(subject, spec, "loss", action, netem);
    double duplicate = netemPercent(subject, spec, "duplicate", action, netem);
    double corrupt = netemPercent(subject, spec, "corrupt", action, netem);
    if (netem && delay.isEmpty() && loss == 0 && duplicate == 0 && corrupt == 0) {
      throw new IllegalArgumentException(subject + " action `netem` has none of `delay`, `loss`,"
          + " `duplicate`, `corrupt`");
    }
    long rate = 0;
    if (action.equals("bandwidth")) {
      Object r = ManifestDocuments.at(spec, "bandwidth", "rate");
      if (r == null) {
        throw new IllegalArgumentException(subject + " action `bandwidth` has no"
            + " `bandwidth.rate`");
      }
      rate = ChaosQuantities.bitsPerSecond(subject + " `bandwidth.rate`", String.valueOf(r));
    }
    return new Network(latency, jitter, correlation, loss, duplicate, corrupt, rate,
        action.equals("partition"), direction, targetSelection,
        strings(spec.get("externalTargets")));
  }

  /** `loss.loss`, `duplicate.duplicate`, `corrupt.corrupt`: required by its own action. */
  private static double netemPercent(String subject, Map<String, Object> spec, String field,
      String action, boolean netem) {
    Object value = ManifestDocuments.at(spec, field, field);
    if (value == null) {
      if (action.equals(field)) {
        throw new IllegalArgumentException(subject + " action `" + field + "` has no `" + field
            + "." + field + "` (a percentage such as \"25\")");
      }
      return 0;
    }
    return action.equals(field) || netem
        ? ChaosQuantities.percent(subject + " `" + field + "." + field + "`", value) : 0;
  }

  private static Stress stress(String subject, Map<String, Object> spec,
      Map<String, String> details) {
    Map<String, Object> cpu = ManifestDocuments.map(ManifestDocuments.at(spec, "stressors",
        "cpu"));
    Map<String, Object> memory = ManifestDocuments.map(ManifestDocuments.at(spec, "stressors",
        "memory"));
    String raw = ManifestDocuments.text(spec.get("stressngStressors"));
    if (cpu.isEmpty() && memory.isEmpty() && raw.isBlank()) {
      throw new IllegalArgumentException(subject + " has no `stressors.cpu`,"
          + " `stressors.memory` or `stressngStressors`: it would stress nothing");
    }
    if (!raw.isBlank()) {
      details.put("stressngStressors", raw);
    }
    int cpuWorkers = cpu.isEmpty() ? 0
        : whole(subject, "stressors.cpu.workers", cpu.get("workers"), -1, 1, 8192);
    int load = cpu.isEmpty() ? 0
        : whole(subject, "stressors.cpu.load", cpu.get("load"), 100, 0, 100);
    int memoryWorkers = memory.isEmpty() ? 0
        : whole(subject, "stressors.memory.workers", memory.get("workers"), -1, 1, 8192);
    long bytes = 0;
    double percent = 0;
    String size = ManifestDocuments.text(memory.get("size")).trim();
    if (!memory.isEmpty()) {
      if (size.isEmpty()) {
        percent = 100; // memStress's default: all the memory there is
      } else if (size.endsWith("%")) {
        percent = whole(subject, "stressors.memory.size", size.substring(0, size.length() - 1),
            -1, 0, 100);
      } else {
        bytes = ChaosQuantities.bytes(subject + " `stressors.memory.size`", size);
      }
    }
    for (String options : new String[] {"cpu", "memory"}) {
      Object o = ManifestDocuments.at(spec, "stressors", options, "options");
      if (o != null) {
        details.put("stressors." + options + ".options", String.valueOf(o));
      }
    }
    return new Stress(cpuWorkers, load, memoryWorkers, bytes, percent);
  }

  // ---- Schedule and Workflow -----------------------------------------------------------

  /** A Schedule's embedded object: the field named after `spec.type` (`podChaos`). */
  private static void schedule(List<ChaosInjection> out, String subject, Map<String, Object> spec,
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
    out.add(chaos(subject + " (" + kind + ")", kind, ManifestDocuments.map(spec.get(field(kind))),
        namespace, scheduled, null));
  }

  private static void workflow(List<ChaosInjection> out, String subject,
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
        ChaosInjection chaos = chaos(inner + " (" + kind + ")", kind,
            ManifestDocuments.map(template.get(field(kind))), namespace, timing, bound);
        out.add(chaos);
        return chaos.duration() == null || chaos.oneShot() ? Duration.ZERO : chaos.duration();
      }
    }
  }

  // ---- Litmus --------------------------------------------------------------------------

  /** Litmus's own pod choice is {@link ChaosManifests}'s: one per experiment. */
  private static void litmus(List<ChaosInjection> out, ManifestDocuments.Doc doc,
      Map<String, Object> spec, String namespace) {
    String subject = doc.kind() + " `" + doc.shownName() + "`";
    List<ChaosSelection> selections = ChaosManifests.of(doc, namespace);
    List<Object> experiments = list(spec.get("experiments"));
    for (int i = 0; i < selections.size(); i++) {
      Map<String, Object> experiment = i < experiments.size()
          ? ManifestDocuments.map(experiments.get(i)) : Map.of();
      String name = ManifestDocuments.text(experiment.get("name"));
      Map<String, String> env = new LinkedHashMap<>();
      for (Object v : list(ManifestDocuments.at(experiment, "spec", "components", "env"))) {
        Map<String, Object> e = ManifestDocuments.map(v);
        env.put(ManifestDocuments.text(e.get("name")), ManifestDocuments.text(e.get("value")));
      }
      String seconds = env.getOrDefault("TOTAL_CHAOS_DURATION", "");
      Duration duration = seconds.isBlank() ? null : Duration.ofSeconds(whole(subject,
          "TOTAL_CHAOS_DURATION", seconds, 0, 0, Integer.MAX_VALUE));
      out.add(new ChaosInjection(selections.get(i).subject(), "ChaosEngine",
          name.isEmpty() ? "engine" : name, selections.get(i), duration, Timing.NOW, "", null,
          null, List.of(), Duration.ZERO, env));
    }
  }

  // ---- fields --------------------------------------------------------------------------

  private static String known(String kind) {
    for (String k : KINDS) {
      if (k.equalsIgnoreCase(kind)) {
        return k;
      }
    }
    return null;
  }

  /** The field an embedded object sits under: `podChaos`, `ioChaos`, `httpChaos`. */
  static String field(String kind) {
    if (kind.equals("PhysicalMachineChaos")) {
      return "physicalmachineChaos";
    }
    int upper = 0;
    while (upper < kind.length() && Character.isUpperCase(kind.charAt(upper))) {
      upper++;
    }
    int lower = upper == 1 ? 1 : upper - 1;
    return kind.substring(0, lower).toLowerCase(Locale.ROOT) + kind.substring(lower);
  }

  private static void oneOf(String subject, String field, String value, String... allowed) {
    if (!List.of(allowed).contains(value)) {
      throw new IllegalArgumentException(subject + (value.isEmpty() ? " has no `" + field + "`"
          : " `" + field + "` `" + value + "` is not one Chaos Mesh takes") + ": give one of "
          + String.join(", ", allowed));
    }
  }

  private static Duration optionalDuration(String subject, Map<String, Object> spec,
      String field) {
    Object value = spec.get(field);
    return value == null || String.valueOf(value).isBlank() ? null
        : goDuration(subject, field, value, false);
  }

  private static Duration goDuration(String subject, String field, Object value,
      boolean required) {
    if (value == null || String.valueOf(value).isBlank()) {
      if (required) {
        throw new IllegalArgumentException(subject + " has no `" + field + "`");
      }
      return Duration.ZERO;
    }
    try {
      return GoDuration.parse(String.valueOf(value));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(subject + " `" + field + "` " + e.getMessage());
    }
  }

  private static int whole(String subject, String field, Object value, int otherwise, int min,
      int max) {
    if (value == null || String.valueOf(value).isBlank()) {
      if (otherwise < 0) {
        throw new IllegalArgumentException(subject + " has no `" + field + "`");
      }
      return otherwise;
    }
    String text = String.valueOf(value).trim();
    int n;
    try {
      n = Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(subject + " `" + field + "` `" + text + "` is not a"
          + " whole number");
    }
    if (n < min || n > max) {
      throw new IllegalArgumentException(subject + " `" + field + "` " + n + " is out of range: "
          + "give " + min + " to " + max);
    }
    return n;
  }

  private static void copy(Map<String, Object> spec, Map<String, String> details,
      String... fields) {
    for (String f : fields) {
      if (spec.get(f) != null) {
        details.put(f, String.valueOf(spec.get(f)));
      }
    }
  }

  private static List<Object> list(Object value) {
    return value instanceof List<?> l ? new ArrayList<>(l) : List.of();
  }

  private static List<String> strings(Object value) {
    List<String> out = new ArrayList<>();
    for (Object o : list(value)) {
      out.add(String.valueOf(o));
    }
    return out;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
