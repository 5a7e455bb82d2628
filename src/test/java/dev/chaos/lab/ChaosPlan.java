package dev.chaos.lab;

import dev.chaos.drivers.ManifestDocuments;
import dev.chaos.drivers.kube.ChaosSelection;
import dev.chaos.drivers.kube.GoDuration;
import dev.chaos.drivers.kube.PodFacts;
import dev.chaos.drivers.kube.PodSelector;
import dev.chaos.drivers.kube.SelectionMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * What the lab's chaos controller does for one Chaos Mesh object, decided without any server:
 * the pods it hits (the project's {@link PodSelector} and {@link SelectionMode}, so the lab
 * selects as the live drivers count; among the matches, the hit ones are drawn by a random
 * seeded with the object's uid, as Chaos Mesh draws randomly), the action and its size.
 *
 * @param action `pod-kill`, `pod-failure`, `delay`, `loss`, `stress`, or `unsupported` (with
 *     {@code reason} saying why nothing happens)
 * @param duration how long it lasts; null for as long as the object exists
 */
record ChaosPlan(String kind, String action, List<PodFacts> targets, Duration duration,
    long delayMs, long jitterMs, int lossPercent, int cpuWorkers, int cpuLoad, String reason) {

  static ChaosPlan decide(Map<String, Object> object, List<PodFacts> pods) {
    String kind = ManifestDocuments.text(object.get("kind"));
    String namespace = ManifestDocuments.text(ManifestDocuments.at(object, "metadata", "namespace"));
    String name = ManifestDocuments.text(ManifestDocuments.at(object, "metadata", "name"));
    String uid = ManifestDocuments.text(ManifestDocuments.at(object, "metadata", "uid"));
    Map<String, Object> spec = ManifestDocuments.map(object.get("spec"));
    String subject = kind + " `" + name + "`";
    List<PodFacts> targets;
    Duration duration;
    try {
      ChaosSelection selection = new ChaosSelection(subject,
          PodSelector.chaosMesh(subject, spec.get("selector"), namespace),
          SelectionMode.chaosMesh(subject, spec.get("mode"), spec.get("value")));
      targets = pick(selection, pods, uid);
      Object d = spec.get("duration");
      duration = d == null ? null : GoDuration.parse(String.valueOf(d));
    } catch (IllegalArgumentException e) {
      return unsupported(kind, e.getMessage());
    }
    return switch (kind) {
      case "PodChaos" -> {
        String action = ManifestDocuments.text(spec.get("action"));
        if (!action.equals("pod-kill") && !action.equals("pod-failure")) {
          yield unsupported(kind, "PodChaos action `" + action + "` has no effect in the lab");
        }
        yield new ChaosPlan(kind, action, targets, duration, 0, 0, 0, 0, 0, "");
      }
      case "NetworkChaos" -> network(kind, spec, targets, duration);
      case "StressChaos" -> {
        Map<String, Object> cpu = ManifestDocuments.map(ManifestDocuments.at(spec, "stressors", "cpu"));
        if (cpu.isEmpty()) {
          yield unsupported(kind, "StressChaos without `stressors.cpu` (memory) has no effect in the lab");
        }
        int workers = whole(cpu.get("workers"), 1);
        int load = whole(cpu.get("load"), 100);
        yield new ChaosPlan(kind, "stress", targets, duration, 0, 0, 0, workers,
            Math.max(0, Math.min(100, load)), "");
      }
      default -> unsupported(kind, kind + " has no effect in the lab");
    };
  }

  private static ChaosPlan network(String kind, Map<String, Object> spec, List<PodFacts> targets,
      Duration duration) {
    String action = ManifestDocuments.text(spec.get("action"));
    try {
      if (action.equals("delay")) {
        Map<String, Object> delay = ManifestDocuments.map(spec.get("delay"));
        long latency = GoDuration.parse(ManifestDocuments.text(delay.get("latency"))).toMillis();
        Object j = delay.get("jitter");
        long jitter = j == null ? 0 : GoDuration.parse(String.valueOf(j)).toMillis();
        return new ChaosPlan(kind, "delay", targets, duration, latency, jitter, 0, 0, 0, "");
      }
      if (action.equals("loss")) {
        String loss = ManifestDocuments.text(ManifestDocuments.at(spec, "loss", "loss"));
        int percent = (int) Math.round(Double.parseDouble(loss.isEmpty() ? "0" : loss));
        return new ChaosPlan(kind, "loss", targets, duration, 0, 0,
            Math.max(0, Math.min(100, percent)), 0, 0, "");
      }
    } catch (IllegalArgumentException e) {
      return unsupported(kind, "NetworkChaos " + action + ": " + e.getMessage());
    }
    return unsupported(kind, "NetworkChaos action `" + action + "` has no effect in the lab");
  }

  private static List<PodFacts> pick(ChaosSelection selection, List<PodFacts> pods, String uid) {
    List<PodFacts> matched = new ArrayList<>(pods.stream()
        .filter(p -> selection.selector().matches(p))
        .sorted(Comparator.comparing(PodFacts::namespace).thenComparing(PodFacts::name))
        .toList());
    int count = selection.mode().count(matched.size());
    if (selection.mode().mode().equals(SelectionMode.RANDOM_MAX_PERCENT)) {
      count = new Random(uid.hashCode()).nextInt(count + 1);
    }
    java.util.Collections.shuffle(matched, new Random(uid.hashCode()));
    return List.copyOf(matched.subList(0, count));
  }

  private static int whole(Object value, int otherwise) {
    try {
      return value == null ? otherwise : Integer.parseInt(String.valueOf(value).trim());
    } catch (NumberFormatException e) {
      return otherwise;
    }
  }

  private static ChaosPlan unsupported(String kind, String reason) {
    return new ChaosPlan(kind, "unsupported", List.of(), null, 0, 0, 0, 0, 0, reason);
  }
}
