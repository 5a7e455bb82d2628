package dev.chaos.drivers.sandbox;

import dev.chaos.drivers.ManifestDocuments;
import dev.chaos.drivers.kube.BlastRadius;
import dev.chaos.drivers.kube.ChaosBlast;
import dev.chaos.drivers.kube.ChaosInjection;
import dev.chaos.drivers.kube.ChaosInjections;
import dev.chaos.drivers.kube.ChaosManifests;
import dev.chaos.drivers.kube.ChaosSelection;
import dev.chaos.spi.CallContext;
import dev.chaos.spi.Preview;
import java.util.ArrayList;
import java.util.List;

/**
 * The blast-radius rule ({@link ChaosBlast}) on a sandbox `k8s.apply`, as the live driver holds
 * it: against the world's pods at the moment of the call (those of the `remoteCluster` a Chaos
 * Mesh object names), their nodes' labels included, before anything is stored.
 */
final class SandboxBlast {
  private SandboxBlast() {}

  /** The share of the chaos objects of {@code docs}; null when they select no pods. */
  static BlastRadius.Share hold(K8sWorld k8s, CallContext c, List<ManifestDocuments.Doc> docs,
      String namespace) throws Exception {
    List<ChaosSelection> selections = new ArrayList<>();
    // a Chaos Mesh object naming a `remoteCluster` chooses that cluster's pods
    java.util.Map<String, List<ChaosSelection>> remote = new java.util.LinkedHashMap<>();
    for (ManifestDocuments.Doc d : docs) {
      String ns = k8s.resolve(d.namespace().isEmpty() ? namespace : d.namespace());
      // what Chaos Mesh would refuse is refused as a live run refuses it (LiveBlast)
      List<ChaosInjection> injections = ChaosInjections.of(d, ns);
      ChaosRun.check(k8s.world(), injections); // a dry run refuses what the run would
      String elsewhere = injections.stream().map(ChaosInjection::remoteCluster)
          .filter(r -> !r.isEmpty()).findFirst().orElse("");
      if (elsewhere.isEmpty()) {
        selections.addAll(ChaosManifests.of(d, ns));
      } else {
        remote.computeIfAbsent(elsewhere, r -> new ArrayList<>()).addAll(ChaosManifests.of(d,
            ns));
      }
    }
    if (remote.isEmpty()) {
      return hold(k8s, c, selections);
    }
    BlastRadius.Share share = selections.isEmpty() ? BlastRadius.NONE
        : hold(k8s, c, selections);
    for (java.util.Map.Entry<String, List<ChaosSelection>> r : remote.entrySet()) {
      share = share.plus(hold(k8s.world().k8s(r.getKey()), c, r.getValue()));
    }
    return share;
  }

  /** The share of {@code selections} (an `argo.submit` workflow's, for one); null for none. */
  static BlastRadius.Share hold(K8sWorld k8s, CallContext c, List<ChaosSelection> selections)
      throws Exception {
    if (selections.isEmpty()) {
      return null;
    }
    BlastRadius.Share share = ChaosBlast.judge(selections, k8s::podFacts,
        c.run().blastRadiusPercent());
    if (!c.run().dryRun()) {
      c.affected(share.count(), share.of(), "pods selected by "
          + String.join(", ", selections.stream().map(ChaosSelection::subject).toList()));
    }
    return share;
  }

  /** {@code preview} with {@code share}, when there is one. */
  static Preview onto(Preview preview, BlastRadius.Share share) {
    return share == null ? preview
        : preview.withShare(share.count(), share.of(), share.verdict());
  }
}
