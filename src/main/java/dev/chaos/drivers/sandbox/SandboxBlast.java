package dev.chaos.drivers.sandbox;

import dev.chaos.drivers.ManifestDocuments;
import dev.chaos.drivers.kube.BlastRadius;
import dev.chaos.drivers.kube.ChaosBlast;
import dev.chaos.drivers.kube.ChaosManifests;
import dev.chaos.drivers.kube.ChaosSelection;
import dev.chaos.spi.CallContext;
import dev.chaos.spi.Preview;
import java.util.ArrayList;
import java.util.List;

/**
 * The blast-radius rule ({@link ChaosBlast}) on a sandbox `k8s.apply`, as the live driver holds
 * it: against the world's pods at the moment of the call, before anything is stored.
 */
final class SandboxBlast {
  private SandboxBlast() {}

  /** The share of the chaos objects of {@code docs}; null when they select no pods. */
  static BlastRadius.Share hold(K8sWorld k8s, CallContext c, List<ManifestDocuments.Doc> docs,
      String namespace) throws Exception {
    List<ChaosSelection> selections = new ArrayList<>();
    for (ManifestDocuments.Doc d : docs) {
      selections.addAll(ChaosManifests.of(d, k8s.resolve(d.namespace().isEmpty() ? namespace
          : d.namespace())));
    }
    return hold(k8s, c, selections);
  }

  /** The share of {@code selections} (an `argo.submit` workflow's, for one); null for none. */
  static BlastRadius.Share hold(K8sWorld k8s, CallContext c, List<ChaosSelection> selections)
      throws Exception {
    if (selections.isEmpty()) {
      return null;
    }
    for (ChaosSelection s : selections) {
      if (s.selector().needsNodes()) {
        throw new SandboxException(s.subject() + " `selector.nodeSelectors` selects pods by "
            + "their nodes' labels, and the sandbox's world has no nodes (its pods run on none):"
            + " its blast radius cannot be judged here; select by pod labels, or run it live");
      }
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
