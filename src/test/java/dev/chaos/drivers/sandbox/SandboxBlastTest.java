package dev.chaos.drivers.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chaos.drivers.kube.BlastRefused;
import dev.chaos.types.Value;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The blast-radius rule in the sandbox's `k8s` and `argo` bindings, on the default world's five
 * backend pods: refused before anything is stored, counted within the cap.
 */
@Timeout(20)
class SandboxBlastTest {
  private final SandboxBackend backend = new SandboxBackend(WorldLoader.defaultWorld(),
      Path.of(""));
  private final K8sWorld k8s = backend.world().k8s("");

  private TestCallContext under(Double cap) {
    return new TestCallContext(backend, cap, false);
  }

  private static String podChaos(String mode) {
    return """
        apiVersion: chaos-mesh.org/v1alpha1
        kind: PodChaos
        metadata: {name: backend-kill, namespace: llm-marketplace}
        spec:
          action: pod-kill
          mode: %s
          selector: {labelSelectors: {tier: backend}}
        """.formatted(mode);
  }

  private int readyBackends() {
    return k8s.pods(k8s.selector("llm-marketplace", "tier=backend")).ready();
  }

  @Test
  void podChaosModeAllIsRefusedAndKillsNothing() {
    assertThatThrownBy(() -> under(30.0).call("k8s.apply", "manifest",
        Value.str(podChaos("all"))))
        .isInstanceOf(BlastRefused.class)
        .hasMessage("PodChaos `backend-kill` selects all 5 pods labelled `tier=backend` in"
            + " `llm-marketplace` (100%); the runbook's blast_radius is 30%");
    assertThat(k8s.count("podchaos", "llm-marketplace", "")).isZero();
    assertThat(readyBackends()).isEqualTo(5);
  }

  @Test
  void withoutABlastRadiusModeAllGoesThrough() throws Exception {
    under(null).call("k8s.apply", "manifest", Value.str(podChaos("all")));
    assertThat(k8s.count("podchaos", "llm-marketplace", "")).isEqualTo(1);
  }

  @Test
  void anArgoWorkflowEmbeddingModeAllIsRefusedBeforeItIsSubmitted() {
    String workflow = """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {name: chaos-wf, namespace: llm-marketplace}
        spec:
          entrypoint: kill
          templates:
          - name: kill
            resource:
              action: create
              manifest: |
        """ + podChaos("all").indent(10);
    assertThatThrownBy(() -> under(30.0).call("argo.submit", "manifest", Value.str(workflow)))
        .hasMessageStartingWith("Workflow `chaos-wf`, template `kill`: PodChaos `backend-kill`"
            + " selects all 5 pods");
    assertThat(k8s.count("workflow", "llm-marketplace", "")).isZero();
  }

  @Test
  void scaleCountsTheReplicasItRemoves() throws Exception {
    assertThatThrownBy(() -> under(30.0).call("k8s.scale", "kind", Value.str("deployment"),
        "name", Value.str("backend"), "replicas", Value.integer(2),
        "namespace", Value.str("llm-marketplace")))
        .hasMessage("scaling deployment/backend in namespace llm-marketplace from 5 to 2"
            + " replicas removes 3 of its 5 replicas (60%); the runbook's blast_radius is 30%");
    TestCallContext c = under(30.0);
    c.call("k8s.scale", "kind", Value.str("deployment"), "name", Value.str("backend"),
        "replicas", Value.integer(4), "namespace", Value.str("llm-marketplace"));
    assertThat(readyBackends()).isLessThanOrEqualTo(5);
  }

  private static String chaosEngine(String appkind) {
    return """
        apiVersion: litmuschaos.io/v1alpha1
        kind: ChaosEngine
        metadata: {name: backend-delete, namespace: llm-marketplace}
        spec:
          appinfo: {appns: llm-marketplace, applabel: tier=backend, appkind: %s}
          experiments:
          - name: pod-delete
            spec:
              components:
                env:
                - {name: PODS_AFFECTED_PERC, value: "100"}
        """.formatted(appkind);
  }

  @Test
  void litmusAppkindSelectsOnlyThePodsOfWorkloadsOfThatKind() throws Exception {
    // the world's workloads are Deployments: its backend pods are a deployment's
    assertThatThrownBy(() -> under(30.0).call("k8s.apply", "manifest",
        Value.str(chaosEngine("deployment"))))
        .isInstanceOf(BlastRefused.class)
        .hasMessage("ChaosEngine `backend-delete`, experiment `pod-delete` selects all 5 pods "
            + "of a deployment labelled `tier=backend` in `llm-marketplace` (100%); the "
            + "runbook's blast_radius is 30%");
    // no StatefulSet owns them: the engine selects none of them
    under(30.0).call("k8s.apply", "manifest", Value.str(chaosEngine("statefulset")));
    assertThat(k8s.count("chaosengine", "llm-marketplace", "")).isEqualTo(1);
  }

  @Test
  void nodeSelectorsAreJudgedOnTheWorldsNodes() throws Exception {
    // the default world's nodes carry their zone; no pod runs on a node labelled disk=ssd
    under(30.0).call("k8s.apply", "manifest", Value.str("""
        apiVersion: chaos-mesh.org/v1alpha1
        kind: PodChaos
        metadata: {name: ssd-kill, namespace: llm-marketplace}
        spec:
          action: pod-kill
          mode: all
          selector: {labelSelectors: {tier: backend}, nodeSelectors: {disk: ssd}}
        """));
    assertThat(readyBackends()).isEqualTo(5);
    // all the backend pods of one zone: over a 30% cap
    assertThatThrownBy(() -> under(30.0).call("k8s.apply", "manifest", Value.str("""
        apiVersion: chaos-mesh.org/v1alpha1
        kind: PodChaos
        metadata: {name: zone-kill, namespace: llm-marketplace}
        spec:
          action: pod-kill
          mode: all
          selector:
            labelSelectors: {tier: backend}
            nodeSelectors: {topology.kubernetes.io/zone: eu-west-1a}
        """))).isInstanceOf(BlastRefused.class);
    assertThat(k8s.count("podchaos", "llm-marketplace", "")).isEqualTo(1);
  }

  @Test
  void aRemoteClusterIsJudgedOnItsOwnPods() {
    // the backup region's one backend pod (a pilot light): one is 100%, over a 30% cap
    assertThatThrownBy(() -> under(30.0).call("k8s.apply", "manifest", Value.str("""
        apiVersion: chaos-mesh.org/v1alpha1
        kind: PodChaos
        metadata: {name: remote-kill, namespace: llm-marketplace}
        spec:
          action: pod-kill
          mode: one
          remoteCluster: backup-region
          selector: {labelSelectors: {tier: backend}}
        """))).isInstanceOf(BlastRefused.class).hasMessageContaining("1 of the 1 pod labelled");
    assertThat(readyBackends()).isEqualTo(5);
  }

  @Test
  void whatChaosMeshRefusesIsRefusedBeforeTheBlastRadius() {
    assertThatThrownBy(() -> under(100.0).call("k8s.apply", "manifest", Value.str("""
        apiVersion: chaos-mesh.org/v1alpha1
        kind: NetworkChaos
        metadata: {name: slow, namespace: llm-marketplace}
        spec:
          action: delay
          mode: all
          selector: {labelSelectors: {tier: backend}}
          delay: {latency: 10 s}
        """))).hasMessage("NetworkChaos `slow` `delay.latency` `10 s` is not a Go duration"
            + " (e.g. `300ms`, `1m30s`, `1500000us`)");
  }
}
