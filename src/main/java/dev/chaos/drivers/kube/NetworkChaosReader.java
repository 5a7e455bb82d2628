package dev.chaos.drivers.kube;

import static dev.chaos.drivers.kube.SpecFields.goDuration;
import static dev.chaos.drivers.kube.SpecFields.oneOf;
import static dev.chaos.drivers.kube.SpecFields.strings;

import dev.chaos.drivers.ManifestDocuments;
import dev.chaos.drivers.kube.ChaosInjection.Network;
import java.time.Duration;
import java.util.Map;

/**
 * What a NetworkChaos does to the traffic of the pods it selects: delay and jitter, loss,
 * duplication, corruption, a bandwidth limit or a partition, in a direction, towards a
 * `target` selection or external targets; refused as Chaos Mesh refuses it.
 */
final class NetworkChaosReader {
  private NetworkChaosReader() {}

  static Network read(String subject, String action, Map<String, Object> spec,
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
}
