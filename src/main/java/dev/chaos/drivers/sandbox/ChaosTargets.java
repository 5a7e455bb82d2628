package dev.chaos.drivers.sandbox;

import dev.chaos.drivers.ManifestDocuments;
import dev.chaos.drivers.kube.LabelSelector;
import dev.chaos.drivers.kube.SelectionMode;
import dev.chaos.drivers.sandbox.WorldSpec.ChaosSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which deployments a chaos object acts on, and how many pods a pod-killing one kills, read
 * from the fields Chaos Mesh and Litmus share: `spec.selector.namespaces` and
 * `spec.selector.labelSelectors` (Chaos Mesh), `spec.appinfo.appns` and `spec.appinfo.applabel`
 * (Litmus), `spec.mode` and `spec.value`. Without a selector, the world file's `target` names
 * the deployment.
 */
final class ChaosTargets {
  private ChaosTargets() {}

  static List<Deployment> of(Map<String, Object> tree, ChaosSpec effect,
      Iterable<Deployment> deployments, String objectNamespace) {
    List<String> namespaces = new ArrayList<>();
    Map<String, String> labels = new LinkedHashMap<>();
    Object ns = ManifestDocuments.at(tree, "spec", "selector", "namespaces");
    if (ns instanceof List<?> list) {
      list.forEach(n -> namespaces.add(String.valueOf(n)));
    }
    ManifestDocuments.map(ManifestDocuments.at(tree, "spec", "selector", "labelSelectors"))
        .forEach((k, v) -> labels.put(k, String.valueOf(v)));
    Object appns = ManifestDocuments.at(tree, "spec", "appinfo", "appns");
    if (appns != null) {
      namespaces.add(String.valueOf(appns));
    }
    Object applabel = ManifestDocuments.at(tree, "spec", "appinfo", "applabel");
    if (namespaces.isEmpty()) {
      namespaces.add(objectNamespace); // as Chaos Mesh and Litmus default it
    }
    List<Deployment> out = new ArrayList<>();
    if (labels.isEmpty() && applabel == null) {
      for (Deployment d : deployments) {
        if (d.name().equals(effect.target())) {
          out.add(d);
        }
      }
      return out;
    }
    LabelSelector selector = applabel != null ? LabelSelector.parse(String.valueOf(applabel))
        : LabelSelector.matchLabels(labels);
    for (Deployment d : deployments) {
      if (namespaces.contains(d.namespace())
          && selector.matches(d.spec.labels())) {
        out.add(d);
      }
    }
    return out;
  }

  /**
   * Pods to kill on one target when the object is applied: by `spec.mode` and `spec.value`,
   * counted as Chaos Mesh counts them ({@link SelectionMode}), for a pod-kill or pod-failure
   * action, else the world's `kill` share; none when neither says so.
   */
  static int kills(Map<String, Object> tree, ChaosSpec effect, int pods) {
    if (pods == 0) {
      return 0;
    }
    Object action = ManifestDocuments.at(tree, "spec", "action");
    Object mode = ManifestDocuments.at(tree, "spec", "mode");
    boolean kills = action == null || "pod-kill".equals(action) || "pod-failure".equals(action);
    if (mode != null && kills && effect.kill() > 0) {
      // Chaos Mesh's own count, the one the blast radius was held against (drivers.kube)
      return SelectionMode.chaosMesh("spec", mode, ManifestDocuments.at(tree, "spec", "value"))
          .count(pods);
    }
    return effect.kill() > 0 ? atLeastOne(pods * effect.kill()) : 0;
  }

  private static int atLeastOne(double share) {
    return Math.max(1, (int) Math.ceil(share - 1e-9));
  }
}
