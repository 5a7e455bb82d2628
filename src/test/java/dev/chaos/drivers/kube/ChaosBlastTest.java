package dev.chaos.drivers.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one blast-radius rule on chaos objects: selectors, modes, kinds, refusals. */
class ChaosBlastTest {
  /** Five backend pods and two gateway pods in llm-marketplace; one pod elsewhere. */
  private static final List<PodFacts> PODS = pods();

  private static List<PodFacts> pods() {
    List<PodFacts> out = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      out.add(new PodFacts("llm-marketplace", "backend-" + i,
          Map.of("tier", "backend", "track", i < 2 ? "canary" : "stable"),
          i == 0 ? Map.of("team", "a") : Map.of(), i == 4 ? "Pending" : "Running",
          "node-" + (i % 2), "Deployment"));
    }
    out.add(new PodFacts("llm-marketplace", "gateway-0", Map.of("app", "gateway"), Map.of(),
        "Running", "node-0"));
    out.add(new PodFacts("llm-marketplace", "gateway-1", Map.of("app", "gateway"), Map.of(),
        "Running", "node-1"));
    out.add(new PodFacts("other", "backend-x", Map.of("tier", "backend"), Map.of(), "Running",
        "node-0"));
    return out;
  }

  private static List<PodFacts> in(String ns) {
    return PODS.stream().filter(p -> p.namespace().equals(ns)).toList();
  }

  private static String podChaos(String spec) {
    return """
        apiVersion: chaos-mesh.org/v1alpha1
        kind: PodChaos
        metadata: {name: x, namespace: llm-marketplace}
        spec:
        """ + spec.indent(2);
  }

  private static BlastRadius.Share judge(String manifest, Double cap) throws Exception {
    return ChaosBlast.judge(ChaosManifests.of(manifest, "default"), ChaosBlastTest::in, cap);
  }

  private static int matched(String selectorYaml) throws Exception {
    return judge(podChaos("mode: all\nselector:\n" + selectorYaml.indent(2)), null).of();
  }

  @Test
  void modeAllUnderACapBelowOneHundredIsRefusedWithItsFigures() {
    assertThatThrownBy(() -> judge(podChaos("""
        mode: all
        action: pod-kill
        selector: {labelSelectors: {tier: backend}}
        """), 30.0))
        .isInstanceOf(BlastRefused.class)
        .hasMessage("PodChaos `x` selects all 5 pods labelled `tier=backend` in"
            + " `llm-marketplace` (100%); the runbook's blast_radius is 30%");
  }

  @Test
  void everyModeCountsAsChaosMeshDoesAtItsWorst() {
    assertThat(SelectionMode.chaosMesh("m", "one", null).count(5)).isEqualTo(1);
    assertThat(SelectionMode.chaosMesh("m", "all", null).count(5)).isEqualTo(5);
    assertThat(SelectionMode.chaosMesh("m", "fixed", "2").count(5)).isEqualTo(2);
    assertThat(SelectionMode.chaosMesh("m", "fixed", 9).count(5)).as("all when fewer match")
        .isEqualTo(5);
    assertThat(SelectionMode.chaosMesh("m", "fixed-percent", "50").count(5))
        .as("rounded down").isEqualTo(2);
    assertThat(SelectionMode.chaosMesh("m", "fixed-percent", "10").count(5)).isZero();
    assertThat(SelectionMode.chaosMesh("m", "random-max-percent", "60").count(5))
        .as("the worst case of 0..60%").isEqualTo(3);
    assertThat(SelectionMode.litmus("l", null).count(5)).as("unset is one pod").isEqualTo(1);
    assertThat(SelectionMode.litmus("l", "0").count(5)).isEqualTo(1);
    assertThat(SelectionMode.litmus("l", "50").count(5)).isEqualTo(2);
    assertThat(SelectionMode.litmus("l", "10").count(5)).as("at least one").isEqualTo(1);
    assertThat(SelectionMode.chaosMesh("m", "fixed-percent", "30").requestedPercent())
        .isEqualTo(30.0);
    assertThat(SelectionMode.chaosMesh("m", "one", null).requestedPercent()).isNull();
  }

  @Test
  void modesChaosMeshRefusesAreNamed() {
    assertThatThrownBy(() -> SelectionMode.chaosMesh("PodChaos `x`", "some", null))
        .hasMessageContaining("`mode` `some` is not a Chaos Mesh mode");
    assertThatThrownBy(() -> SelectionMode.chaosMesh("PodChaos `x`", null, null))
        .hasMessageContaining("has no `mode`");
    assertThatThrownBy(() -> SelectionMode.chaosMesh("PodChaos `x`", "fixed", "0"))
        .hasMessageContaining("selects no pod");
    assertThatThrownBy(() -> SelectionMode.chaosMesh("PodChaos `x`", "fixed-percent", "150"))
        .hasMessageContaining("takes 1 to 100");
    assertThatThrownBy(() -> SelectionMode.chaosMesh("PodChaos `x`", "fixed", "2.5"))
        .hasMessageContaining("is not a whole number");
  }

  @Test
  void withinTheCapTheVerdictNamesTheShare() throws Exception {
    BlastRadius.Share s = judge(podChaos("""
        mode: fixed
        value: "1"
        selector: {labelSelectors: {tier: backend}}
        """), 30.0);
    assertThat(s.count()).isEqualTo(1);
    assertThat(s.of()).isEqualTo(5);
    assertThat(s.verdict()).isEqualTo("20% of the pods labelled `tier=backend` in"
        + " `llm-marketplace`, within the runbook's blast_radius 30%");
  }

  @Test
  void aPercentModeAboveTheCapIsRefusedWhateverItRoundsTo() {
    assertThatThrownBy(() -> judge(podChaos("""
        mode: random-max-percent
        value: "50"
        selector: {labelSelectors: {app: gateway}}
        """), 30.0))
        .hasMessage("PodChaos `x` (mode `random-max-percent` 50, pods labelled `app=gateway`"
            + " in `llm-marketplace`) asks for up to 50%; the runbook's blast_radius is 30%");
  }

  @Test
  void oneOfTooFewPodsIsRefused() {
    assertThatThrownBy(() -> judge(podChaos("""
        mode: one
        selector: {labelSelectors: {app: gateway}}
        """), 30.0))
        .hasMessage("PodChaos `x` selects 1 of the 2 pods labelled `app=gateway` in"
            + " `llm-marketplace` (mode `one`) (50%); the runbook's blast_radius is 30%: even"
            + " one is too many");
  }

  @Test
  void everySelectorFieldNarrowsTheMatchedPods() throws Exception {
    assertThat(matched("labelSelectors: {tier: backend}")).isEqualTo(5);
    assertThat(matched("namespaces: [other]\nlabelSelectors: {tier: backend}")).isEqualTo(1);
    assertThat(matched("namespaces: [other, llm-marketplace]\nlabelSelectors: {tier: backend}"))
        .isEqualTo(6);
    assertThat(matched("{}")).as("the object's own namespace by default").isEqualTo(7);
    assertThat(matched("expressionSelectors:\n- {key: track, operator: In, values: [canary]}"))
        .isEqualTo(2);
    assertThat(matched("expressionSelectors:\n- {key: track, operator: NotIn,"
        + " values: [canary]}")).isEqualTo(5);
    assertThat(matched("expressionSelectors:\n- {key: track, operator: Exists}"))
        .isEqualTo(5);
    assertThat(matched("expressionSelectors:\n- {key: track, operator: DoesNotExist}"))
        .isEqualTo(2);
    assertThat(matched("annotationSelectors: {team: a}")).isEqualTo(1);
    assertThat(matched("fieldSelectors: {metadata.name: gateway-1}")).isEqualTo(1);
    assertThat(matched("fieldSelectors: {spec.nodeName: node-1}")).isEqualTo(3);
    assertThat(matched("podPhaseSelectors: [Pending]")).isEqualTo(1);
    assertThat(matched("nodes: [node-0]")).isEqualTo(4);
    assertThat(matched("pods: {llm-marketplace: [backend-1, gateway-0, gone]}"))
        .as("named pods alone, missing ones skipped").isEqualTo(2);
  }

  @Test
  void nodeSelectorsMatchThePodsOnNodesWithThoseLabelsAndNodesAddTheNamedOnes() throws Exception {
    // node-0 is an ssd node, node-1 is not
    Map<String, Map<String, String>> nodes = Map.of("node-0", Map.of("disk", "ssd",
        "zone", "a"), "node-1", Map.of("disk", "hdd", "zone", "a"));
    List<PodFacts> onNodes = PODS.stream().map(p -> new PodFacts(p.namespace(), p.name(),
        p.labels(), p.annotations(), p.phase(), p.nodeName(), p.workloadKind(),
        nodes.get(p.nodeName()))).toList();
    java.util.function.Function<String, BlastRadius.Share> judged = selector -> {
      try {
        return ChaosBlast.judge(ChaosManifests.of(podChaos("mode: all\nselector:\n"
            + selector.indent(2)), "default"),
            ns -> onNodes.stream().filter(p -> p.namespace().equals(ns)).toList(), null);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    };
    assertThat(judged.apply("nodeSelectors: {disk: ssd}").of()).isEqualTo(4);
    assertThat(judged.apply("nodeSelectors: {disk: ssd, zone: a}").of()).isEqualTo(4);
    assertThat(judged.apply("nodeSelectors: {zone: a}").of()).isEqualTo(7);
    assertThat(judged.apply("nodeSelectors: {disk: nvme}").of()).isZero();
    assertThat(judged.apply("nodeSelectors: {disk: nvme}\nnodes: [node-1]").of())
        .as("the nodes named and those selected").isEqualTo(3);
    assertThatThrownBy(() -> ChaosBlast.judge(ChaosManifests.of(podChaos("""
        mode: all
        selector: {labelSelectors: {tier: backend}, nodeSelectors: {disk: ssd}}
        """), "default"), ns -> onNodes.stream().filter(p -> p.namespace().equals(ns))
        .toList(), 30.0))
        .hasMessage("PodChaos `x` selects all 3 pods labelled `tier=backend`, on nodes labelled"
            + " `disk=ssd` in `llm-marketplace` (100%); the runbook's blast_radius is 30%");
  }

  @Test
  void selectorsWeCannotJudgeAreRefused() {
    assertThatThrownBy(() -> matched("expressionSelectors:\n- {key: a, operator: Gt,"
        + " values: ['1']}"))
        .hasMessageContaining("operator `Gt` is not In, NotIn, Exists or DoesNotExist");
  }

  @Test
  void networkChaosTargetIsJudgedToo() {
    assertThatThrownBy(() -> judge("""
        apiVersion: chaos-mesh.org/v1alpha1
        kind: NetworkChaos
        metadata: {name: partition, namespace: llm-marketplace}
        spec:
          action: partition
          mode: one
          selector: {labelSelectors: {tier: backend}}
          direction: to
          target:
            mode: all
            selector: {labelSelectors: {app: gateway}}
        """, 30.0))
        .hasMessage("NetworkChaos `partition` (target) selects all 2 pods labelled"
            + " `app=gateway` in `llm-marketplace` (100%); the runbook's blast_radius is 30%");
  }

  @Test
  void everyKindThatSelectsPodsIsRead() throws Exception {
    for (String kind : List.of("PodChaos", "NetworkChaos", "StressChaos", "IOChaos",
        "HTTPChaos", "TimeChaos", "DNSChaos", "JVMChaos", "KernelChaos")) {
      String manifest = "apiVersion: chaos-mesh.org/v1alpha1\nkind: " + kind
          + "\nmetadata: {name: x, namespace: llm-marketplace}\nspec:\n  mode: all\n"
          + "  selector: {labelSelectors: {tier: backend}}\n";
      assertThatThrownBy(() -> judge(manifest, 30.0)).as(kind)
          .hasMessageStartingWith(kind + " `x` selects all 5 pods");
    }
    assertThat(ChaosManifests.of("""
        apiVersion: chaos-mesh.org/v1alpha1
        kind: AWSChaos
        metadata: {name: x}
        spec: {action: ec2-stop}
        """, "default")).as("AWSChaos selects no pods").isEmpty();
  }

  @Test
  void scheduleAndWorkflowTemplatesAreJudgedAsTheObjectsTheyEmbed() {
    assertThatThrownBy(() -> judge("""
        apiVersion: chaos-mesh.org/v1alpha1
        kind: Schedule
        metadata: {name: nightly, namespace: llm-marketplace}
        spec:
          schedule: '@every 1h'
          type: StressChaos
          stressChaos:
            mode: fixed-percent
            value: '60'
            selector: {labelSelectors: {tier: backend}}
        """, 30.0))
        .hasMessageStartingWith("Schedule `nightly` (StressChaos) (mode `fixed-percent` 60,");
    assertThatThrownBy(() -> judge("""
        apiVersion: chaos-mesh.org/v1alpha1
        kind: Workflow
        metadata: {name: wf, namespace: llm-marketplace}
        spec:
          entry: entry
          templates:
          - {name: entry, templateType: Serial, children: [io, later]}
          - name: io
            templateType: IOChaos
            ioChaos: {mode: one, selector: {labelSelectors: {tier: backend}}}
          - name: later
            templateType: Schedule
            schedule:
              type: PodChaos
              podChaos: {mode: all, selector: {labelSelectors: {tier: backend}}}
        """, 30.0))
        .hasMessageStartingWith("Workflow `wf`, template `later` (PodChaos) selects all 5");
  }

  @Test
  void litmusChaosEngineReadsAppinfoAndPodsAffectedPerc() throws Exception {
    String engine = """
        apiVersion: litmuschaos.io/v1alpha1
        kind: ChaosEngine
        metadata: {name: engine, namespace: litmus}
        spec:
          appinfo: {appns: llm-marketplace, applabel: "tier=backend", appkind: deployment}
          experiments:
          - name: pod-delete
            spec:
              components:
                env:
                - {name: PODS_AFFECTED_PERC, value: "%s"}
        """;
    assertThatThrownBy(() -> judge(engine.formatted("50"), 30.0))
        .hasMessage("ChaosEngine `engine`, experiment `pod-delete` (PODS_AFFECTED_PERC 50,"
            + " pods of a deployment labelled `tier=backend` in `llm-marketplace`) asks for up to"
            + " 50%; the"
            + " runbook's blast_radius is 30%");
    BlastRadius.Share unset = judge(engine.formatted(""), 30.0);
    assertThat(unset.count()).as("empty means one pod").isEqualTo(1);
    assertThat(unset.of()).isEqualTo(5);
  }

  @Test
  void argoWorkflowResourceTemplatesAreJudgedWhenLiteral() throws Exception {
    String workflow = """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {name: argo, namespace: llm-marketplace}
        spec:
          entrypoint: chaos
          templates:
          - name: chaos
            resource:
              action: create
              manifest: |
                apiVersion: chaos-mesh.org/v1alpha1
                kind: PodChaos
                metadata: {name: inner, namespace: llm-marketplace}
                spec:
                  mode: %s
                  selector: {labelSelectors: {tier: backend}}
        """;
    assertThatThrownBy(() -> judge(workflow.formatted("all"), 30.0))
        .hasMessageStartingWith("Workflow `argo`, template `chaos`: PodChaos `inner` selects"
            + " all 5 pods");
    assertThat(ChaosManifests.of(workflow.formatted("\"{{inputs.parameters.mode}}\""), "x"))
        .as("a templated manifest is decided when the workflow runs").isEmpty();
  }

  @Test
  void aLiteralManifestOverTheCapWhateverTheClusterHoldsIsFoundWithoutPods() {
    ChaosBlast.Problem all = ChaosBlast.literalProblem(podChaos("""
        mode: all
        selector: {labelSelectors: {tier: backend}}
        """), 30.0);
    assertThat(all.message()).isEqualTo("PodChaos `x` selects all the pods labelled"
        + " `tier=backend` in `llm-marketplace` (100%, mode `all`) whatever the cluster holds;"
        + " the runbook's blast_radius is 30%");
    assertThat(ChaosBlast.literalProblem(podChaos("mode: all\nselector: {}"), 100.0)).isNull();
    assertThat(ChaosBlast.literalProblem(podChaos("mode: one\nselector: {}"), 30.0))
        .as("depends on the pods").isNull();
    assertThat(ChaosBlast.literalProblem(podChaos("mode: fixed-percent\nvalue: '40'"), 30.0)
        .message()).contains("asks for up to 40% (mode `fixed-percent` 40)");
    assertThat(ChaosBlast.literalProblem("not: [a manifest", 30.0)).isNull();
  }

  @Test
  void noMatchingPodIsNotRefused() throws Exception {
    BlastRadius.Share s = judge(podChaos("mode: all\nselector: {labelSelectors: {a: b}}"),
        30.0);
    assertThat(s.count()).isZero();
    assertThat(s.of()).isZero();
    assertThat(s.verdict()).isEqualTo("PodChaos `x` matches no pod labelled `a=b` in"
        + " `llm-marketplace`: nothing is hit");
  }

  @Test
  void workloadsAndConnectionsShareTheRule() {
    assertThat(WorkloadBlast.scale("deployment/api", 4, 3, 30.0).count()).isEqualTo(1);
    assertThat(WorkloadBlast.scale("deployment/api", 4, 6, 30.0).count()).isZero();
    assertThatThrownBy(() -> WorkloadBlast.scale("deployment/api", 4, 1, 30.0))
        .hasMessage("scaling deployment/api from 4 to 1 replicas removes 3 of its 4 replicas"
            + " (75%); the runbook's blast_radius is 30%");
    assertThatThrownBy(() -> WorkloadBlast.delete("deployment/api", 3, 30.0))
        .hasMessage("deleting deployment/api removes all 3 replicas of it (100%); the"
            + " runbook's blast_radius is 30%");
    assertThat(WorkloadBlast.delete("deployment/api", 3, null).verdict())
        .isEqualTo("100% of its replicas; the runbook declares no blast_radius");
    assertThat(ConnectionBlast.hold("postgres", 20, 100, 30.0).verdict())
        .isEqualTo("20% of max_connections, within the runbook's blast_radius 30%");
    assertThatThrownBy(() -> ConnectionBlast.hold("postgres", 80, 100, 30.0))
        .hasMessage("holding 80 connections of postgres's max_connections 100 (80%); the"
            + " runbook's blast_radius is 30%");
  }
}
