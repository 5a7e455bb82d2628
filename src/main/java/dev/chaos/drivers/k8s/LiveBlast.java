package dev.chaos.drivers.k8s;

import dev.chaos.drivers.ManifestDocuments;
import dev.chaos.drivers.kube.BlastRadius;
import dev.chaos.drivers.kube.ChaosBlast;
import dev.chaos.drivers.kube.ChaosInjections;
import dev.chaos.drivers.kube.ChaosManifests;
import dev.chaos.drivers.kube.ChaosSelection;
import dev.chaos.drivers.kube.LabelSelector;
import dev.chaos.drivers.kube.PodFacts;
import dev.chaos.spi.CallContext;
import dev.chaos.spi.Preview;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The blast-radius rule ({@link ChaosBlast}) on a live `k8s.apply`: reads the pods each chaos
 * object of the manifest would select, as they are now, and refuses the whole apply before its
 * first write when one of them is over the runbook's cap. Within it, the share goes to the dry
 * run's preview and to the report ({@link CallContext#affected}).
 */
public final class LiveBlast {
  private LiveBlast() {}

  /** What a manifest selects; {@link #NOTHING} for one without chaos objects. */
  public record Held(BlastRadius.Share share) {
    static final Held NOTHING = new Held(null);

    /** The preview with this share, when the manifest selects pods. */
    public Preview onto(Preview preview) {
      return share == null ? preview
          : preview.withShare(share.count(), share.of(), share.verdict());
    }
  }

  /**
   * Judges the chaos objects of {@code docs}, each landing in the namespace of the same index
   * of {@code namespaces}.
   *
   * @throws dev.chaos.drivers.kube.BlastRefused when one is over the cap; nothing is written
   */
  static Held hold(K8sClients clients, K8sClients.Cluster cluster, CallContext context,
      List<ManifestDocuments.Doc> docs, List<String> namespaces) throws InterruptedException {
    List<ChaosSelection> selections = new ArrayList<>();
    for (int i = 0; i < docs.size(); i++) {
      // what Chaos Mesh would refuse (an unknown action, a latency that is no Go duration) is
      // refused before anything is written, with the words a rehearsal uses
      ChaosInjections.of(docs.get(i), namespaces.get(i));
      selections.addAll(ChaosManifests.of(docs.get(i), namespaces.get(i)));
    }
    return hold(clients, cluster, context, selections);
  }

  /**
   * Judges {@code selections} (an `argo.submit` workflow's, for one) against the pods of
   * {@code cluster} now.
   *
   * @throws dev.chaos.drivers.kube.BlastRefused when one is over the cap
   */
  public static Held hold(K8sClients clients, K8sClients.Cluster cluster, CallContext context,
      List<ChaosSelection> selections) throws InterruptedException {
    if (selections.isEmpty()) {
      return Held.NOTHING;
    }
    Double cap = context.run().blastRadiusPercent();
    // Litmus's appkind: which workload owns each pod, through its ReplicaSet for a Deployment
    boolean owners = selections.stream().anyMatch(s -> s.selector().needsWorkloads());
    // Chaos Mesh's nodeSelectors: the labels of the nodes the pods run on
    boolean nodes = selections.stream().anyMatch(s -> s.selector().needsNodes());
    BlastRadius.Share share = K8sCall.run(clients, cluster, context, client -> {
      Map<String, List<PodFacts>> read = new HashMap<>();
      Map<String, Map<String, String>> nodeLabels = nodes ? ChaosBlast.nodeLabels(
          KubeObjects.list(client, "node", "", LabelSelector.parse(""))) : Map.of();
      return ChaosBlast.judge(selections, ns -> read.computeIfAbsent(ns,
          n -> ChaosBlast.facts(KubeObjects.list(client, "pod", n, LabelSelector.parse("")),
              owners ? KubeObjects.list(client, "replicaset", n, LabelSelector.parse(""))
                  : List.of(), nodeLabels)), cap);
    });
    if (!context.run().dryRun()) {
      context.affected(share.count(), share.of(), "pods selected by "
          + String.join(", ", selections.stream().map(ChaosSelection::subject).toList()));
    }
    return new Held(share);
  }
}
