package dev.chaos.drivers.kube;

import static dev.chaos.drivers.kube.SpecFields.list;
import static dev.chaos.drivers.kube.SpecFields.whole;

import dev.chaos.drivers.ManifestDocuments;
import dev.chaos.drivers.kube.ChaosInjection.Timing;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A Litmus ChaosEngine's injections: one per experiment, with its env as details. */
final class LitmusInjections {
  private LitmusInjections() {}

  /** Litmus's own pod choice is {@link ChaosManifests}'s: one per experiment. */
  static void read(List<ChaosInjection> out, ManifestDocuments.Doc doc,
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
}
