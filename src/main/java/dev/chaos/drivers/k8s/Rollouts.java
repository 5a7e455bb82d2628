package dev.chaos.drivers.k8s;

import static dev.chaos.drivers.ManifestDocuments.at;

import dev.chaos.drivers.kube.Kinds;
import java.util.List;
import java.util.Map;

/**
 * Whether a rollout finished, by the rules of `kubectl rollout status`: the controller has
 * seen the latest spec (observedGeneration), every replica runs it, and no old one is left.
 */
final class Rollouts {
  private Rollouts() {}

  /** The kinds `rollout_restart` and `rollout_complete` take. */
  static final List<String> KINDS = List.of("deployment", "statefulset", "daemonset");

  static boolean complete(String kind, Map<String, Object> object) {
    if (number(at(object, "status", "observedGeneration"), 0)
        < number(at(object, "metadata", "generation"), 0)) {
      return false;
    }
    switch (Kinds.normalise(kind)) {
      case "deployment": {
        long wanted = number(at(object, "spec", "replicas"), 1);
        long updated = number(at(object, "status", "updatedReplicas"), 0);
        long total = number(at(object, "status", "replicas"), 0);
        long available = number(at(object, "status", "availableReplicas"), 0);
        return updated >= wanted && total <= updated && available >= updated;
      }
      case "statefulset": {
        long wanted = number(at(object, "spec", "replicas"), 1);
        Object update = at(object, "status", "updateRevision");
        Object current = at(object, "status", "currentRevision");
        return number(at(object, "status", "readyReplicas"), 0) >= wanted
            && number(at(object, "status", "updatedReplicas"), 0) >= wanted
            && (update == null || update.equals(current));
      }
      default: {
        long desired = number(at(object, "status", "desiredNumberScheduled"), 0);
        return number(at(object, "status", "updatedNumberScheduled"), 0) >= desired
            && number(at(object, "status", "numberAvailable"), 0) >= desired;
      }
    }
  }

  static long number(Object value, long fallback) {
    return value instanceof Number n ? n.longValue() : fallback;
  }
}
