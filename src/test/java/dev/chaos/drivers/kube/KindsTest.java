package dev.chaos.drivers.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The kind table: every spelling kubectl takes, and one refusal for the rest. */
class KindsTest {
  @Test
  void singularPluralShortNameAnyCaseAndGroupNameOneKind() {
    for (String written : new String[] {"deployment", "Deployments", "deploy", " DEPLOY ",
        "deployments.apps", "Deployment.apps"}) {
      assertThat(Kinds.require(written).kind()).as(written).isEqualTo("Deployment");
    }
    assertThat(Kinds.normalise("PodChaos")).isEqualTo("podchaos");
    assertThat(Kinds.normalise("podchaos.chaos-mesh.org")).isEqualTo("podchaos");
    assertThat(Kinds.normalise("hpa")).isEqualTo("horizontalpodautoscaler");
    assertThat(Kinds.ref("sts", "db")).isEqualTo("statefulset/db");
  }

  @Test
  void whereEachKindLives() {
    Kind hpa = Kinds.require("hpa");
    assertThat(hpa.apiVersion()).isEqualTo("autoscaling/v2");
    assertThat(hpa.plural()).isEqualTo("horizontalpodautoscalers");
    assertThat(Kinds.require("ns").namespaced()).isFalse();
    assertThat(Kinds.require("pod").apiVersion()).isEqualTo("v1");
  }

  @Test
  void aKindOfAnotherGroupIsNotTaken() {
    assertThat(Kinds.find("deployments.chaos-mesh.org")).isEmpty();
  }

  @Test
  void anUnknownKindIsRefusedWithTheClosestKnownOne() {
    assertThatThrownBy(() -> Kinds.require("deploymnet")).isInstanceOf(KubeRuleException.class)
        .hasMessage("unknown kind `deploymnet`: did you mean `deployment`?");
    assertThat(Kinds.problem("statefullset"))
        .isEqualTo("unknown kind `statefullset`: did you mean `statefulset`?");
    assertThat(Kinds.problem("frobnicator")).isEqualTo("unknown kind `frobnicator`: give a"
        + " kind such as deployment, pod, configmap or podchaos (singular, plural or short"
        + " name)");
    assertThat(Kinds.problem("configmap")).isNull();
  }

  @Test
  void anUnknownKindIsStillNamedInLowerCase() {
    assertThat(Kinds.normalise("MyResource")).isEqualTo("myresource");
  }

  /** Argo and Chaos Mesh both have a Workflow: the apiVersion's group says which. */
  @Test
  void aKindTwoGroupsShareIsFoundByTheManifestsGroup() {
    assertThat(Kinds.require("workflow").group()).isEqualTo("argoproj.io");
    assertThat(Kinds.find("Workflow", "chaos-mesh.org/v1alpha1")).hasValueSatisfying(k ->
        assertThat(k.group()).isEqualTo("chaos-mesh.org"));
    assertThat(Kinds.find("wf", "argoproj.io/v1alpha1")).hasValueSatisfying(k ->
        assertThat(k.group()).isEqualTo("argoproj.io"));
    assertThat(Kinds.find("workflow.chaos-mesh.org")).hasValueSatisfying(k ->
        assertThat(k.plural()).isEqualTo("workflows"));
    assertThat(Kinds.find("PodChaos", "argoproj.io/v1alpha1")).isEmpty();
    assertThat(Kinds.find("ConfigMap", "v1")).isPresent();
    assertThat(Kinds.ref("Workflow", "chaos-mesh.org/v1alpha1", "w"))
        .isEqualTo("workflow.chaos-mesh.org/w");
    assertThat(Kinds.ref("Workflow", "argoproj.io/v1alpha1", "w")).isEqualTo("workflow/w");
    assertThat(Kinds.ref("JVMChaos", "chaos-mesh.org/v1alpha1", "j")).isEqualTo("jvmchaos/j");
  }

  /** Every kind of Chaos Mesh's CRDs (config/crd/bases), as they declare it. */
  @Test
  void everyChaosMeshKindIsKnown() {
    assertThat(Kinds.all().stream().filter(k -> k.group().equals(Kinds.CHAOS_MESH))
        .map(k -> k.kind() + " " + k.plural() + (k.namespaced() ? "" : " cluster")))
        .containsExactlyInAnyOrder("PodChaos podchaos", "NetworkChaos networkchaos",
            "StressChaos stresschaos", "IOChaos iochaos", "HTTPChaos httpchaos",
            "TimeChaos timechaos", "DNSChaos dnschaos", "JVMChaos jvmchaos",
            "KernelChaos kernelchaos", "BlockChaos blockchaos",
            "PhysicalMachineChaos physicalmachinechaos", "AWSChaos awschaos",
            "GCPChaos gcpchaos", "AzureChaos azurechaos", "PodHttpChaos podhttpchaos",
            "PodIOChaos podiochaos", "PodNetworkChaos podnetworkchaos",
            "PhysicalMachine physicalmachines", "Schedule schedules", "Workflow workflows",
            "WorkflowNode workflownodes", "StatusCheck statuschecks",
            "RemoteCluster remoteclusters cluster");
  }
}
