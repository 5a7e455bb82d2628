package dev.chaos.drivers.argo;

import static dev.chaos.drivers.k8s.K8sLab.args;
import static dev.chaos.drivers.ManifestDocuments.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chaos.drivers.k8s.K8sException;
import dev.chaos.drivers.k8s.K8sLab;
import dev.chaos.drivers.k8s.K8sLabTest;
import dev.chaos.drivers.k8s.KubeObjects;
import dev.chaos.types.Value;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The `argo` functions on Workflow objects of a real API. No workflow controller runs there,
 * so the tests set the phase a controller would and check what the driver asks of it.
 */
class LiveArgoBindingsTest extends K8sLabTest {
  private static final String WORKFLOW = """
      apiVersion: argoproj.io/v1alpha1
      kind: Workflow
      metadata: {generateName: disaster-recovery-}
      spec:
        entrypoint: main
        templates:
        - name: main
          container: {image: litmuschaos/litmus-checker:latest}
      """;

  private Map<String, Object> workflow(String name) {
    return KubeObjects.get(lab.client, "workflow", null, lab.namespace, name);
  }

  private void setPhase(String name, String phase) {
    KubeObjects.mergePatch(lab.client, "workflow", null, lab.namespace, name,
        Map.of("status", Map.of("phase", phase)));
  }

  private String phase(String name) throws Exception {
    return ((Value.Str) impls.get("argo.phase").call(args("name", Value.str(name)),
        new K8sLab.Ctx())).value();
  }

  @Test
  void submitCreatesTheWorkflowAndItsInverseTerminatesItWhileItRuns() throws Exception {
    K8sLab.Ctx context = new K8sLab.Ctx();

    String name = ((Value.Str) impls.get("argo.submit").call(args("manifest",
        Value.str(WORKFLOW)), context)).value();

    assertThat(name).startsWith("disaster-recovery-").isNotEqualTo("disaster-recovery-");
    assertThat(context.undoDescriptions).containsExactly("terminate workflow"
        + " disaster-recovery-* (generated name) in namespace " + lab.namespace
        + " if it is still running");
    assertThat(phase(name)).isEqualTo("Pending");
    setPhase(name, "Running");
    assertThat(phase(name)).isEqualTo("Running");

    context.undoAll();

    assertThat(at(workflow(name), "spec", "shutdown")).isEqualTo("Terminate");
  }

  @Test
  void theInverseLeavesAFinishedWorkflowAlone() throws Exception {
    K8sLab.Ctx context = new K8sLab.Ctx();
    String name = ((Value.Str) impls.get("argo.submit").call(args("manifest",
        Value.str(WORKFLOW)), context)).value();
    setPhase(name, "Succeeded");

    context.undoAll();

    assertThat(at(workflow(name), "spec", "shutdown")).isNull();
  }

  @Test
  void terminateAndTerminateAllStopOnlyRunningWorkflows() throws Exception {
    for (String name : new String[] {"a", "b", "c"}) {
      lab.create("workflow", Map.of("apiVersion", "argoproj.io/v1alpha1", "kind", "Workflow",
          "metadata", Map.of("name", name), "spec", Map.of("entrypoint", "main")));
    }
    setPhase("a", "Running");
    setPhase("b", "Running");
    setPhase("c", "Failed");

    impls.get("argo.terminate").call(args("name", Value.str("a")), new K8sLab.Ctx());
    assertThat(at(workflow("a"), "spec", "shutdown")).isEqualTo("Terminate");

    assertThat(impls.get("argo.terminate_all").call(args(), new K8sLab.Ctx()))
        .isEqualTo(Value.integer(1));
    assertThat(at(workflow("b"), "spec", "shutdown")).isEqualTo("Terminate");
    assertThat(at(workflow("c"), "spec", "shutdown")).isNull();
    assertThatThrownBy(() -> impls.get("argo.terminate").call(args("name", Value.str("gone")),
        new K8sLab.Ctx()))
        .isInstanceOf(K8sException.class)
        .hasMessage("k8s " + lab.server() + ": workflows.argoproj.io \"gone\" not found in"
            + " namespace " + lab.namespace);
  }

  @Test
  void dryRunsSubmitAndTerminateNothing() throws Exception {
    lab.create("workflow", Map.of("apiVersion", "argoproj.io/v1alpha1", "kind", "Workflow",
        "metadata", Map.of("name", "running"), "spec", Map.of("entrypoint", "main")));
    setPhase("running", "Running");
    K8sLab.Ctx context = new K8sLab.Ctx(Duration.ofSeconds(10), true, null);

    assertThat(impls.get("argo.submit").call(args("manifest", Value.str(WORKFLOW)), context))
        .isEqualTo(Value.str("disaster-recovery-xxxxx"));
    impls.get("argo.terminate").call(args("name", Value.str("running")), context);
    assertThat(impls.get("argo.terminate_all").call(args(), context))
        .isEqualTo(Value.integer(1));

    String ns = lab.namespace;
    assertThat(context.log).containsExactly(
        "dry run: would submit workflow disaster-recovery-xxxxx in namespace " + ns,
        "dry run: would terminate workflow running in namespace " + ns,
        "dry run: would terminate every running workflow in namespace " + ns + ": running");
    assertThat(context.undos).isEmpty();
    assertThat(context.previews).extracting(p -> String.join(", ", p.targets()) + " / "
        + p.undo()).containsExactly(
            "workflow/disaster-recovery-xxxxx in namespace " + ns + " / terminate workflow"
                + " disaster-recovery-* (generated name) in namespace " + ns
                + " if it is still running",
            "workflow/running in namespace " + ns + " / ",
            "running / ");
    assertThat(KubeObjects.list(lab.client, "workflow", ns,
        dev.chaos.drivers.kube.LabelSelector.parse(""))).hasSize(1);
    assertThat(at(workflow("running"), "spec", "shutdown")).isNull();
  }

  @Test
  void submitTakesOneWorkflowOnly() {
    assertThatThrownBy(() -> impls.get("argo.submit").call(args("manifest", Value.str(
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}")), new K8sLab.Ctx()))
        .hasMessage("k8s " + lab.server() + ": argo.submit takes one Workflow, not [ConfigMap]");
  }

  private static final String CHAOS_MESH_WORKFLOW = """
      apiVersion: chaos-mesh.org/v1alpha1
      kind: Workflow
      metadata: {name: serial-chaos}
      spec:
        entry: entry
        templates:
        - {name: entry, templateType: Serial, deadline: 60s, children: []}
      """;

  @Test
  void submitRefusesAChaosMeshWorkflowByItsApiVersionAndApplyTakesIt() throws Exception {
    K8sLab.Ctx context = new K8sLab.Ctx();
    assertThatThrownBy(() -> impls.get("argo.submit").call(args("manifest",
        Value.str(CHAOS_MESH_WORKFLOW)), context))
        .isInstanceOf(K8sException.class)
        .hasMessage("k8s " + lab.server() + ": argo.submit takes an Argo Workflow (apiVersion "
            + "argoproj.io/v1alpha1), not the chaos-mesh.org/v1alpha1 Workflow `serial-chaos`: "
            + "a Chaos Mesh Workflow is applied with k8s.apply");
    assertThat(context.undoDescriptions).isEmpty();
    assertThat(workflow("serial-chaos")).as("no Argo Workflow").isNull();

    Value applied = impls.get("k8s.apply").call(args("manifest",
        Value.str(CHAOS_MESH_WORKFLOW)), context);
    assertThat(applied).isEqualTo(Value.list(Value.str("workflow.chaos-mesh.org/serial-chaos")));
    context.undoAll();
  }
}
