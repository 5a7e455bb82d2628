package dev.chaos.drivers.k8s;

import static dev.chaos.drivers.k8s.K8sLab.args;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.chaos.drivers.kube.BlastRefused;
import dev.chaos.types.Value;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The blast-radius rule on a live `k8s.apply` ({@link LiveBlast}): judged against the pods the
 * API holds at the moment of the call, refused before the first write, and within the cap
 * applied, counted and undone. On the lab's API (`LAB_K8S_URL`) the seeded pods of
 * `llm-marketplace` are the targets; every test also runs on pods of its own namespace.
 */
class LiveBlastRadiusTest extends K8sLabTest {
  private static String podChaos(String namespace, String mode) {
    return """
        apiVersion: chaos-mesh.org/v1alpha1
        kind: PodChaos
        metadata: {name: backend-kill}
        spec:
          action: pod-kill
          mode: %s
          selector:
            namespaces: [%s]
            labelSelectors: {tier: backend}
        """.formatted(mode, namespace);
  }

  private boolean created() {
    return KubeObjects.get(lab.client, "podchaos", null, lab.namespace, "backend-kill") != null;
  }

  private static K8sLab.Ctx under(Double cap) {
    return new K8sLab.Ctx(Duration.ofSeconds(20), false, cap);
  }

  @Test
  void modeAllUnderThirtyPercentIsRefusedBeforeAnythingIsCreated() throws Exception {
    lab.pods("backend", 5, 5, K8sLab.labels("tier", "backend"));
    K8sLab.Ctx context = under(30.0);

    assertThatThrownBy(() -> impls.get("k8s.apply").call(args("manifest",
        Value.str(podChaos(lab.namespace, "all"))), context))
        .isInstanceOf(BlastRefused.class)
        .hasMessage("PodChaos `backend-kill` selects all 5 pods labelled `tier=backend` in `"
            + lab.namespace + "` (100%); the runbook's blast_radius is 30%");
    assertThat(created()).isFalse();
    assertThat(context.undoDescriptions).as("refused before any undo was needed").isEmpty();
  }

  @Test
  void withinTheCapItIsAppliedCountedAndUndone() throws Exception {
    lab.pods("backend", 5, 5, K8sLab.labels("tier", "backend"));
    K8sLab.Ctx context = under(30.0);

    impls.get("k8s.apply").call(args("manifest", Value.str(podChaos(lab.namespace, "one"))),
        context);

    assertThat(created()).isTrue();
    assertThat(context.affected).containsExactly("1 of 5 pods selected by PodChaos"
        + " `backend-kill`");
    context.undoAll();
    assertThat(created()).isFalse();
  }

  @Test
  void aDryRunPreviewCarriesTheVerdict() throws Exception {
    lab.pods("backend", 5, 5, K8sLab.labels("tier", "backend"));
    K8sLab.Ctx context = new K8sLab.Ctx(Duration.ofSeconds(20), true, 30.0);

    impls.get("k8s.apply").call(args("manifest", Value.str(podChaos(lab.namespace, "one"))),
        context);

    assertThat(context.previews).hasSize(1);
    assertThat(context.previews.get(0).share()).isEqualTo(new dev.chaos.spi.Preview.Share(1, 5,
        "20% of the pods labelled `tier=backend` in `" + lab.namespace + "`, within the"
            + " runbook's blast_radius 30%"));
    assertThat(created()).isFalse();
    assertThat(context.undoDescriptions).isEmpty();
  }

  @Test
  void onTheLabsApiTheSeededBackendPodsAreTheTargets() throws Exception {
    assumeTrue(System.getenv("LAB_K8S_URL") != null, "needs the lab's API (LAB_K8S_URL)");
    K8sLab.Ctx refused = under(30.0);
    assertThatThrownBy(() -> impls.get("k8s.apply").call(args("manifest",
        Value.str(podChaos("llm-marketplace", "all"))), refused))
        .hasMessage("PodChaos `backend-kill` selects all 5 pods labelled `tier=backend` in"
            + " `llm-marketplace` (100%); the runbook's blast_radius is 30%");
    assertThat(created()).isFalse();

    K8sLab.Ctx within = under(30.0);
    impls.get("k8s.apply").call(args("manifest",
        Value.str(podChaos("llm-marketplace", "one"))), within);
    assertThat(created()).isTrue();
    assertThat(within.affected).containsExactly("1 of 5 pods selected by PodChaos"
        + " `backend-kill`");
    within.undoAll();
    assertThat(created()).isFalse();
  }

  /** A pod labelled `tier=backend` whose controller owner is {@code kind}/{@code owner}. */
  private void ownedPod(String name, String kind, String owner) {
    lab.client.pods().inNamespace(lab.namespace).resource(new io.fabric8.kubernetes.api.model
        .PodBuilder().withNewMetadata().withName(name).withNamespace(lab.namespace)
        .withLabels(K8sLab.labels("tier", "backend")).addNewOwnerReference()
        .withApiVersion("apps/v1").withKind(kind).withName(owner).withUid(owner + "-uid")
        .withController(true).endOwnerReference().endMetadata().withNewSpec()
        .addNewContainer().withName("app").withImage("app:1").endContainer().endSpec()
        .withNewStatus().withPhase("Running").endStatus().build()).create();
  }

  @Test
  void litmusAppkindSelectsOnlyThePodsOfWorkloadsOfThatKind() throws Exception {
    assumeTrue(System.getenv("LAB_K8S_URL") == null, "owner references planted on the mock");
    // three pods of Deployment `backend` (through its ReplicaSet), two of StatefulSet `backend-db`
    lab.create("replicaset", java.util.Map.of("apiVersion", "apps/v1", "kind", "ReplicaSet",
        "metadata", java.util.Map.of("name", "backend-5d9", "ownerReferences", java.util.List.of(
            java.util.Map.of("apiVersion", "apps/v1", "kind", "Deployment", "name", "backend",
                "uid", "backend-uid", "controller", true))),
        "spec", java.util.Map.of("selector", java.util.Map.of("matchLabels",
            java.util.Map.of("tier", "backend")))));
    for (int i = 0; i < 3; i++) {
      ownedPod("backend-5d9-" + i, "ReplicaSet", "backend-5d9");
    }
    for (int i = 0; i < 2; i++) {
      ownedPod("backend-db-" + i, "StatefulSet", "backend-db");
    }
    String engine = """
        apiVersion: litmuschaos.io/v1alpha1
        kind: ChaosEngine
        metadata: {name: db-delete}
        spec:
          appinfo: {appns: %s, applabel: tier=backend, appkind: %s}
          experiments:
          - name: pod-delete
            spec:
              components:
                env:
                - {name: PODS_AFFECTED_PERC, value: "100"}
        """;
    assertThatThrownBy(() -> impls.get("k8s.apply").call(args("manifest", Value.str(
        engine.formatted(lab.namespace, "statefulset"))), under(30.0)))
        .isInstanceOf(BlastRefused.class)
        .hasMessage("ChaosEngine `db-delete`, experiment `pod-delete` selects all 2 pods of a "
            + "statefulset labelled `tier=backend` in `" + lab.namespace + "` (100%); the "
            + "runbook's blast_radius is 30%");
    assertThatThrownBy(() -> impls.get("k8s.apply").call(args("manifest", Value.str(
        engine.formatted(lab.namespace, "deployment"))), under(30.0)))
        .hasMessageStartingWith("ChaosEngine `db-delete`, experiment `pod-delete` selects all 3 "
            + "pods of a deployment labelled `tier=backend`");
  }

  @Test
  void nodeSelectorsAreJudgedOnTheNodesLabels() throws Exception {
    assumeTrue(System.getenv("LAB_K8S_URL") == null, "nodes planted on the mock");
    for (String[] node : new String[][] {{"ssd-1", "ssd"}, {"hdd-1", "hdd"}}) {
      lab.client.nodes().resource(new io.fabric8.kubernetes.api.model.NodeBuilder()
          .withNewMetadata().withName(node[0]).withLabels(K8sLab.labels("disk", node[1]))
          .endMetadata().build()).create();
    }
    List<String> pods = lab.pods("backend", 5, 5, K8sLab.labels("tier", "backend"));
    for (int i = 0; i < pods.size(); i++) {
      String node = i < 2 ? "ssd-1" : "hdd-1";
      lab.client.pods().inNamespace(lab.namespace).withName(pods.get(i))
          .edit(p -> new io.fabric8.kubernetes.api.model.PodBuilder(p).editSpec()
              .withNodeName(node).endSpec().build());
    }
    String manifest = """
        apiVersion: chaos-mesh.org/v1alpha1
        kind: PodChaos
        metadata: {name: backend-kill}
        spec:
          action: pod-kill
          mode: all
          selector:
            namespaces: [%s]
            labelSelectors: {tier: backend}
            nodeSelectors: {disk: ssd}
        """.formatted(lab.namespace);
    assertThatThrownBy(() -> impls.get("k8s.apply").call(args("manifest", Value.str(manifest)),
        under(30.0)))
        .isInstanceOf(BlastRefused.class)
        .hasMessage("PodChaos `backend-kill` selects all 2 pods labelled `tier=backend`, on "
            + "nodes labelled `disk=ssd` in `" + lab.namespace + "` (100%); the runbook's "
            + "blast_radius is 30%");
    K8sLab.Ctx context = under(100.0);
    impls.get("k8s.apply").call(args("manifest", Value.str(manifest)), context);
    assertThat(context.affected).containsExactly("2 of 2 pods selected by PodChaos "
        + "`backend-kill`");
    context.undoAll();
  }
}
