package dev.chaos.drivers.kube;

import dev.chaos.drivers.ManifestDocuments;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The blast-radius rule on what a chaos object selects ({@link ChaosManifests}), for the live
 * drivers and the sandbox alike, against the pods that match at the moment of the call, and for
 * the checker on a literal manifest (what is over the cap whatever the cluster holds).
 *
 * <p>Each choice is judged on its own: its tool's count of the matching pods at its worst
 * ({@link SelectionMode}) must be within the cap, and a percent mode or PODS_AFFECTED_PERC must
 * not ask for more than the cap. No pod matching is not refused: the object then hits nothing.
 */
public final class ChaosBlast {
  private ChaosBlast() {}

  /** The pods of one namespace, as the backend sees them now. */
  @FunctionalInterface
  public interface Pods {
    List<PodFacts> in(String namespace) throws Exception;
  }

  /** What the checker says of a literal manifest: {@code near} is a regex of the text to point at. */
  public record Problem(String message, String near) {}

  /**
   * Judges every choice of {@code selections} against the pods {@code pods} lists now.
   *
   * @throws BlastRefused for the first choice over the cap, with its figures
   */
  public static BlastRadius.Share judge(List<ChaosSelection> selections, Pods pods,
      Double capPercent) throws Exception {
    BlastRadius.Share total = BlastRadius.NONE;
    for (ChaosSelection s : selections) {
      total = total.plus(judge(s, matching(s.selector(), pods), capPercent));
    }
    return total;
  }

  /** One choice against {@code matched} pods. */
  public static BlastRadius.Share judge(ChaosSelection s, int matched, Double capPercent) {
    Double asked = s.mode().requestedPercent();
    String target = s.selector().describe();
    if (asked != null && asked < 100) {
      BlastRadius.requested(s.subject() + " (" + s.mode().describe() + ", pods " + target
          + ")", asked, capPercent);
    }
    int count = s.mode().count(matched);
    String claim = matched == 0 ? s.subject() + " matches no pod " + target
        : count == matched && matched > 1
        ? s.subject() + " selects all " + matched + " pods " + target
        : s.subject() + " selects " + count + " of the "
            + BlastRadius.count(matched, "pod", "pods") + " " + target
            + " (" + s.mode().describe() + ")";
    return BlastRadius.judge(claim, count, matched, "the pods " + target, capPercent);
  }

  /** The pods {@code selector} matches among those {@code pods} lists. */
  public static int matching(PodSelector selector, Pods pods) throws Exception {
    int n = 0;
    for (String ns : selector.namespacesToRead()) {
      for (PodFacts p : pods.in(ns)) {
        n += selector.matches(p) ? 1 : 0;
      }
    }
    return n;
  }

  /**
   * Why a literal manifest is over {@code capPercent} whatever the cluster holds (mode `all`
   * under a cap below 100%, a percent above it); null when it is not, or when it is not a
   * manifest we can read (the call says so at run time).
   */
  public static Problem literalProblem(String manifest, double capPercent) {
    List<ChaosSelection> selections;
    try {
      selections = ChaosManifests.of(manifest, "");
    } catch (RuntimeException unreadable) {
      return null;
    }
    for (ChaosSelection s : selections) {
      Double asked = s.mode().requestedPercent();
      if (asked != null && asked > capPercent + 1e-9) {
        String why = asked >= 100
            ? s.subject() + " selects all the pods " + s.selector().describe()
                + " (100%, mode `all`) whatever the cluster holds"
            : s.subject() + " asks for up to " + BlastRadius.percent(asked) + " ("
                + s.mode().describe() + ") of the pods " + s.selector().describe();
        return new Problem(why + "; the runbook's blast_radius is "
            + BlastRadius.percent(capPercent), near(s.mode()));
      }
    }
    return null;
  }

  /**
   * Where in the manifest's text a problem is, as a regular expression: the `mode: all` line,
   * the percent mode's `value`, or PODS_AFFECTED_PERC.
   */
  private static String near(SelectionMode mode) {
    if (mode.tool() == SelectionMode.Tool.LITMUS) {
      return "PODS_AFFECTED_PERC";
    }
    return mode.mode().equals(SelectionMode.ALL) ? "mode[\"']?\\s*:\\s*[\"']?all\\b"
        : "value[\"']?\\s*:\\s*[\"']?" + mode.value() + "\\b";
  }

  /** The pods of one namespace from object trees (the API's pod list, a world's pods). */
  public static List<PodFacts> facts(List<Map<String, Object>> podTrees) {
    return facts(podTrees, List.of(), Map.of());
  }

  /**
   * As {@link #facts(List)}, with the workload that owns each pod: its controller owner, and
   * for a ReplicaSet the owner of that ReplicaSet (a Deployment's) found in {@code
   * replicaSetTrees}, the ReplicaSets of the pods' namespace; and the labels of each pod's node
   * from {@code nodeLabels} (node name to labels).
   */
  public static List<PodFacts> facts(List<Map<String, Object>> podTrees,
      List<Map<String, Object>> replicaSetTrees, Map<String, Map<String, String>> nodeLabels) {
    Map<String, String> replicaSetOwners = new java.util.HashMap<>();
    for (Map<String, Object> rs : replicaSetTrees) {
      String owner = controllerKind(rs);
      replicaSetOwners.put(ManifestDocuments.text(ManifestDocuments.at(rs, "metadata", "name")),
          owner.isEmpty() ? "ReplicaSet" : owner);
    }
    List<PodFacts> out = new ArrayList<>();
    for (Map<String, Object> pod : podTrees) {
      if (ManifestDocuments.at(pod, "metadata", "deletionTimestamp") != null) {
        continue; // already going: no longer a target
      }
      out.add(new PodFacts(
          ManifestDocuments.text(ManifestDocuments.at(pod, "metadata", "namespace")),
          ManifestDocuments.text(ManifestDocuments.at(pod, "metadata", "name")),
          strings(ManifestDocuments.at(pod, "metadata", "labels")),
          strings(ManifestDocuments.at(pod, "metadata", "annotations")),
          ManifestDocuments.text(ManifestDocuments.at(pod, "status", "phase")),
          ManifestDocuments.text(ManifestDocuments.at(pod, "spec", "nodeName")),
          workloadKind(pod, replicaSetOwners), nodeLabels.getOrDefault(
              ManifestDocuments.text(ManifestDocuments.at(pod, "spec", "nodeName")), Map.of())));
    }
    return out;
  }

  /** Node name to labels, from the API's node list. */
  public static Map<String, Map<String, String>> nodeLabels(List<Map<String, Object>> nodeTrees) {
    Map<String, Map<String, String>> out = new java.util.HashMap<>();
    for (Map<String, Object> node : nodeTrees) {
      out.put(ManifestDocuments.text(ManifestDocuments.at(node, "metadata", "name")),
          strings(ManifestDocuments.at(node, "metadata", "labels")));
    }
    return out;
  }

  private static String workloadKind(Map<String, Object> pod, Map<String, String> rsOwners) {
    String kind = controllerKind(pod);
    if (!kind.equals("ReplicaSet")) {
      return kind;
    }
    String rs = controllerName(pod);
    return rsOwners.getOrDefault(rs, kind);
  }

  /** The kind of an object's controller owner (the first owner when none is marked), or "". */
  private static String controllerKind(Map<String, Object> object) {
    Map<String, Object> owner = controller(object);
    return owner == null ? "" : ManifestDocuments.text(owner.get("kind"));
  }

  private static String controllerName(Map<String, Object> object) {
    Map<String, Object> owner = controller(object);
    return owner == null ? "" : ManifestDocuments.text(owner.get("name"));
  }

  private static Map<String, Object> controller(Map<String, Object> object) {
    Object owners = ManifestDocuments.at(object, "metadata", "ownerReferences");
    if (!(owners instanceof List<?> list) || list.isEmpty()) {
      return null;
    }
    for (Object o : list) {
      Map<String, Object> owner = ManifestDocuments.map(o);
      if (Boolean.TRUE.equals(owner.get("controller"))) {
        return owner;
      }
    }
    return ManifestDocuments.map(list.get(0));
  }

  private static Map<String, String> strings(Object value) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    ManifestDocuments.map(value).forEach((k, v) -> out.put(k, String.valueOf(v)));
    return out;
  }
}
