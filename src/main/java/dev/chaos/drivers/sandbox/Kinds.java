package dev.chaos.drivers.sandbox;

import java.util.Locale;
import java.util.Map;

/** Resource kinds as kubectl accepts them: singular or plural, any case, a few short names. */
final class Kinds {
  private Kinds() {}

  private static final Map<String, String> ALIASES = Map.ofEntries(
      Map.entry("deployments", "deployment"), Map.entry("deploy", "deployment"),
      Map.entry("statefulsets", "statefulset"), Map.entry("sts", "statefulset"),
      Map.entry("daemonsets", "daemonset"), Map.entry("ds", "daemonset"),
      Map.entry("pods", "pod"), Map.entry("po", "pod"),
      Map.entry("jobs", "job"), Map.entry("services", "service"), Map.entry("svc", "service"),
      Map.entry("configmaps", "configmap"), Map.entry("cm", "configmap"),
      Map.entry("horizontalpodautoscalers", "horizontalpodautoscaler"),
      Map.entry("hpa", "horizontalpodautoscaler"),
      Map.entry("chaosengines", "chaosengine"), Map.entry("workflows", "workflow"),
      Map.entry("wf", "workflow"), Map.entry("leases", "lease"), Map.entry("events", "event"));

  /** `Deployments`, `deploy` and `deployment` are all `deployment`; `PodChaos` is `podchaos`. */
  static String normalise(String kind) {
    String lower = kind.trim().toLowerCase(Locale.ROOT);
    return ALIASES.getOrDefault(lower, lower);
  }
}
