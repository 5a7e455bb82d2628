package dev.chaos.drivers.k8s;

import static dev.chaos.drivers.k8s.K8sLab.args;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.chaos.drivers.kube.BlastRefused;
import dev.chaos.types.Value;
import java.time.Duration;
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
}
