package dev.chaos.drivers.k8s;

import static dev.chaos.drivers.k8s.K8sLab.args;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chaos.drivers.ManifestDocuments;
import dev.chaos.drivers.kube.LabelSelector;
import dev.chaos.types.Value;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** `k8s.apply` and its automatic inverse, with a Chaos Mesh manifest as the runbooks use. */
class LiveK8sApplyTest extends K8sLabTest {
  private static final String POD_KILL = """
      apiVersion: chaos-mesh.org/v1alpha1
      kind: PodChaos
      metadata:
        name: backend-pod-kill
        labels: {experiment: kill}
      spec:
        action: pod-kill
        mode: fixed-percent
        value: "30"
        selector:
          labelSelectors: {tier: backend}
      """;

  private Map<String, Object> podChaos(String name) {
    return KubeObjects.get(lab.client, "podchaos", null, lab.namespace, name);
  }

  @Test
  void applyCreatesAChaosObjectAndItsInverseDeletesIt() throws Exception {
    K8sLab.Ctx context = new K8sLab.Ctx();

    Value refs = impls.get("k8s.apply").call(args("manifest", Value.str(POD_KILL)), context);

    assertThat(refs).isEqualTo(Value.strings(List.of("podchaos/backend-pod-kill")));
    assertThat(context.undoDescriptions).containsExactly("delete podchaos/backend-pod-kill"
        + " in namespace " + lab.namespace);
    assertThat(ManifestDocuments.at(podChaos("backend-pod-kill"), "spec", "mode"))
        .isEqualTo("fixed-percent");

    context.undoAll();

    assertThat(podChaos("backend-pod-kill")).isNull();
  }

  @Test
  void whatChaosMeshRefusesIsRefusedAsARehearsalRefusesItBeforeAnyWrite() {
    // the words SandboxBlastTest expects of the sandbox for the same field
    String slow = POD_KILL.replace("kind: PodChaos", "kind: NetworkChaos")
        .replace("action: pod-kill", "action: delay\n  delay: {latency: 10 s}");
    K8sLab.Ctx context = new K8sLab.Ctx();
    assertThatThrownBy(() -> impls.get("k8s.apply").call(args("manifest", Value.str(slow)),
        context)).hasMessageContaining("NetworkChaos `backend-pod-kill` `delay.latency` `10 s`"
            + " is not a Go duration (e.g. `300ms`, `1m30s`, `1500000us`)");
    assertThat(context.undoDescriptions).isEmpty();
    assertThat(KubeObjects.get(lab.client, "networkchaos", null, lab.namespace,
        "backend-pod-kill")).isNull();
  }

  @Test
  void applyOverAnExistingObjectChangesItAndItsInverseRestoresIt() throws Exception {
    impls.get("k8s.apply").call(args("manifest", Value.str(POD_KILL)), new K8sLab.Ctx());
    String changed = POD_KILL.replace("value: \"30\"", "value: \"60\"")
        .replace("labels: {experiment: kill}", "labels: {experiment: kill, round: two}");
    K8sLab.Ctx context = new K8sLab.Ctx();

    impls.get("k8s.apply").call(args("manifest", Value.str(changed)), context);

    assertThat(context.undoDescriptions).containsExactly("restore the previous"
        + " podchaos/backend-pod-kill in namespace " + lab.namespace);
    assertThat(ManifestDocuments.at(podChaos("backend-pod-kill"), "spec", "value")).isEqualTo("60");

    context.undoAll();

    Map<String, Object> restored = podChaos("backend-pod-kill");
    assertThat(ManifestDocuments.at(restored, "spec", "value")).isEqualTo("30");
    assertThat(KubeObjects.labelsOf(restored)).isEqualTo(Map.of("experiment", "kill"));
  }

  @Test
  void severalDocumentsTakeTheDefaultNamespaceAndAreUndoneLastFirst() throws Exception {
    String manifest = POD_KILL + """
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: flags}
        data: {chaos: "on"}
        ---
        apiVersion: litmuschaos.io/v1alpha1
        kind: ChaosEngine
        metadata: {generateName: engine-}
        spec: {engineState: active}
        """;
    K8sLab.Ctx context = new K8sLab.Ctx();

    Value refs = impls.get("k8s.apply").call(args("manifest", Value.str(manifest), "namespace",
        Value.str(lab.namespace)), context);

    List<Value> applied = ((Value.List) refs).items();
    assertThat(applied).hasSize(3);
    assertThat(applied.subList(0, 2)).containsExactly(Value.str("podchaos/backend-pod-kill"),
        Value.str("configmap/flags"));
    assertThat(((Value.Str) applied.get(2)).value()).startsWith("chaosengine/engine-")
        .isNotEqualTo("chaosengine/engine-");
    assertThat(context.undoDescriptions).containsExactly("delete chaosengine/engine-*"
        + " (generated name) in namespace " + lab.namespace + "; delete configmap/flags in"
        + " namespace " + lab.namespace + "; delete podchaos/backend-pod-kill in namespace "
        + lab.namespace);

    context.undoAll();

    assertThat(KubeObjects.list(lab.client, "chaosengine", lab.namespace, LabelSelector.parse("")))
        .isEmpty();
    assertThat(KubeObjects.get(lab.client, "configmap", null, lab.namespace, "flags")).isNull();
    assertThat(podChaos("backend-pod-kill")).isNull();
  }

  @Test
  void aDryRunAppliesNothing() throws Exception {
    K8sLab.Ctx context = new K8sLab.Ctx(Duration.ofSeconds(10), true, null);

    Value refs = impls.get("k8s.apply").call(args("manifest", Value.str(POD_KILL)), context);

    assertThat(refs).isEqualTo(Value.strings(List.of("podchaos/backend-pod-kill")));
    assertThat(context.log).containsExactly("dry run: would apply podchaos/backend-pod-kill");
    assertThat(context.undos).isEmpty();
    assertThat(podChaos("backend-pod-kill")).isNull();
    assertThat(context.previews.get(0).targets()).containsExactly("create podchaos/"
        + "backend-pod-kill in namespace " + lab.namespace);
    assertThat(context.previews.get(0).undo()).isEqualTo("delete podchaos/backend-pod-kill"
        + " in namespace " + lab.namespace);
  }

  /** Over an object that exists, the preview says it would change it and put it back. */
  @Test
  void aDryRunOverAnExistingObjectNamesTheRestoreItWouldRegister() throws Exception {
    impls.get("k8s.apply").call(args("manifest", Value.str(POD_KILL)), new K8sLab.Ctx());
    Map<String, Object> before = podChaos("backend-pod-kill");
    K8sLab.Ctx context = new K8sLab.Ctx(Duration.ofSeconds(10), true, null);

    impls.get("k8s.apply").call(args("manifest", Value.str(POD_KILL.replace("value: \"30\"",
        "value: \"60\""))), context);

    assertThat(context.previews.get(0).targets()).containsExactly("change podchaos/"
        + "backend-pod-kill in namespace " + lab.namespace);
    assertThat(context.previews.get(0).undo()).isEqualTo("restore the previous podchaos/"
        + "backend-pod-kill in namespace " + lab.namespace);
    assertThat(podChaos("backend-pod-kill")).isEqualTo(before);
  }

  /** A manifest the real run would refuse fails the dry run the same way, before any preview. */
  @Test
  void aDryRunRefusesAManifestTheRealRunWouldRefuse() {
    K8sLab.Ctx context = new K8sLab.Ctx(Duration.ofSeconds(10), true, null);

    assertThatThrownBy(() -> impls.get("k8s.apply").call(args("manifest",
        Value.str("kind: PodChaos\nmetadata: {name: x\n")), context))
        .hasMessageStartingWith("the manifest is not valid YAML");
    assertThatThrownBy(() -> impls.get("k8s.apply").call(args("manifest",
        Value.str("apiVersion: v1\nmetadata: {name: x}\n")), context))
        .hasMessage("manifest document 1 has no `kind`");
    assertThat(context.previews).isEmpty();
  }

  @Test
  void aKindTheApiDoesNotServeIsNamed() {
    assertThatThrownBy(() -> impls.get("k8s.apply").call(args("manifest", Value.str(
        "apiVersion: example.com/v1\nkind: Gadget\nmetadata: {name: g}")), new K8sLab.Ctx()))
        .isInstanceOf(K8sException.class)
        .hasMessage("k8s " + lab.server() + ": the API serves no kind `Gadget` in"
            + " example.com/v1 (and chaos knows it by no other name)");
  }

  @Test
  void aManifestWithoutAKindIsRefusedBeforeAnythingIsWritten() {
    assertThatThrownBy(() -> impls.get("k8s.apply").call(args("manifest",
        Value.str("metadata: {name: x}")), new K8sLab.Ctx()))
        .hasMessage("manifest document 1 has no `kind`");
  }

  /**
   * Someone deletes the PodChaos the run created and creates another under the same name: the
   * undo leaves that one (another uid) alone and says so.
   */
  @Test
  void theUndoDoesNotDeleteAnObjectRecreatedUnderTheSameName() throws Exception {
    K8sLab.Ctx context = new K8sLab.Ctx();
    impls.get("k8s.apply").call(args("manifest", Value.str(POD_KILL)), context);
    String ours = ManifestDocuments.text(ManifestDocuments.at(podChaos("backend-pod-kill"),
        "metadata", "uid"));
    KubeObjects.delete(lab.client, "podchaos", lab.namespace, "backend-pod-kill");
    lab.create("podchaos", ManifestDocuments.objects(POD_KILL).get(0).tree());
    String theirs = ManifestDocuments.text(ManifestDocuments.at(podChaos("backend-pod-kill"),
        "metadata", "uid"));
    assertThat(theirs).isNotEqualTo(ours);

    context.undoAll();

    assertThat(ManifestDocuments.at(podChaos("backend-pod-kill"), "metadata", "uid"))
        .isEqualTo(theirs);
    assertThat(context.undoLog).containsExactly("undo: podchaos/backend-pod-kill in namespace "
        + lab.namespace + " is another object now (not uid " + ours + ", which is gone): left"
        + " alone");
  }

  /** Undone twice (a retried inverse, a recovery): the second time it was already gone. */
  @Test
  void anObjectAlreadyGoneIsSaidToBe() throws Exception {
    K8sLab.Ctx context = new K8sLab.Ctx();
    impls.get("k8s.apply").call(args("manifest", Value.str(POD_KILL)), context);
    KubeObjects.delete(lab.client, "podchaos", lab.namespace, "backend-pod-kill");

    context.undoAll();

    assertThat(context.undoLog).containsExactly("undo: podchaos/backend-pod-kill in namespace "
        + lab.namespace + " was already gone");
  }

  /** A Chaos Mesh Workflow is undone in chaos-mesh.org, never as Argo's of the same name. */
  @Test
  void aChaosMeshWorkflowIsUndoneInItsOwnGroup() throws Exception {
    String argo = "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {name: twin}\n"
        + "spec: {entrypoint: main}\n";
    String mesh = "apiVersion: chaos-mesh.org/v1alpha1\nkind: Workflow\nmetadata: {name: twin}\n"
        + "spec: {entry: main, templates: [{name: main, templateType: Suspend, deadline: 1s}]}\n";
    impls.get("k8s.apply").call(args("manifest", Value.str(argo)), new K8sLab.Ctx());
    K8sLab.Ctx context = new K8sLab.Ctx();

    Value refs = impls.get("k8s.apply").call(args("manifest", Value.str(mesh)), context);

    assertThat(refs).isEqualTo(Value.strings(List.of("workflow.chaos-mesh.org/twin")));
    assertThat(context.undoDescriptions).containsExactly("delete workflow.chaos-mesh.org/twin"
        + " in namespace " + lab.namespace);
    context.undoAll();
    assertThat(KubeObjects.get(lab.client, "workflow", "chaos-mesh.org/v1alpha1", lab.namespace,
        "twin")).isNull();
    assertThat(KubeObjects.get(lab.client, "workflow", "argoproj.io/v1alpha1", lab.namespace,
        "twin")).isNotNull();
    assertThat(context.undoLog).isEmpty();
  }
}
