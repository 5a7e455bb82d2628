package dev.chaos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaos.drivers.k8s.ChaosSweep;
import dev.chaos.drivers.k8s.K8sKinds;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * `chaos abort` against the lab: chaos objects of several kinds, a running and a finished Argo
 * workflow and a chaos Lease are planted; abort removes the chaos objects, terminates the
 * running workflow, releases the Lease, leaves the rest alone, and finds nothing to do the
 * second time.
 */
@EnabledIfEnvironmentVariable(named = "LAB_CHAOS_CONFIG", matches = ".+")
@Timeout(300)
class LabAbortTest {
  private static final String NS = "abort-test";
  private static final String LOCK_NS = "chaos-testing";

  @TempDir
  Path dir;
  private KubernetesClient client;
  private Path config;

  @BeforeEach
  void plant() throws Exception {
    Config kube = Config.fromKubeconfig("lab",
        Files.readString(Path.of(System.getenv("LAB_KUBECONFIG"))), null);
    kube.setRequestTimeout(5_000);
    client = new KubernetesClientBuilder().withConfig(kube).build();
    if (client.namespaces().withName(NS).get() == null) {
      client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS)
          .endMetadata().build()).create();
    }
    String text = Files.readString(Path.of(System.getenv("LAB_CHAOS_CONFIG")));
    config = dir.resolve("chaos.yaml");
    Files.writeString(config, text.replace("      lock_namespace: " + LOCK_NS + "\n",
        "      lock_namespace: " + LOCK_NS + "\n      chaos_namespaces: [" + NS + "]\n"));
  }

  @AfterEach
  void close() {
    client.close();
  }

  private void create(String kind, String apiVersion, String name, Map<String, Object> spec,
      Map<String, Object> status) {
    GenericKubernetesResource r = new GenericKubernetesResource();
    r.setApiVersion(apiVersion);
    r.setKind(kind);
    r.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName(name)
        .withNamespace(NS).build());
    r.setAdditionalProperties(status == null ? Map.of("spec", spec)
        : Map.of("spec", spec, "status", status));
    client.genericKubernetesResources(K8sKinds.context(kind)).inNamespace(NS).resource(r)
        .create();
  }

  private GenericKubernetesResource get(String kind, String name) {
    return client.genericKubernetesResources(K8sKinds.context(kind)).inNamespace(NS)
        .withName(name).get();
  }

  @Test
  void abortRemovesEveryPlantedChaosObjectAndIsANoOpTheSecondTime() {
    Map<String, Object> pods = Map.of("action", "pod-kill", "mode", "all",
        "selector", Map.of("namespaces", List.of("llm-marketplace")));
    create("PodChaos", "chaos-mesh.org/v1alpha1", "kill-all", pods, null);
    create("NetworkChaos", "chaos-mesh.org/v1alpha1", "delay", Map.of("action", "delay"), null);
    create("StressChaos", "chaos-mesh.org/v1alpha1", "cpu", Map.of("mode", "one"), null);
    create("ChaosEngine", "litmuschaos.io/v1alpha1", "engine",
        Map.of("engineState", "active"), null);
    create("Workflow", "argoproj.io/v1alpha1", "running-wf", Map.of("entrypoint", "main"),
        Map.of("phase", "Running"));
    create("Workflow", "argoproj.io/v1alpha1", "done-wf", Map.of("entrypoint", "main"),
        Map.of("phase", "Succeeded"));
    client.leases().inNamespace(LOCK_NS).resource(new LeaseBuilder().withNewMetadata()
        .withName("chaos-lock-abort-test").withNamespace(LOCK_NS)
        .addToLabels("app.kubernetes.io/managed-by", "chaos").endMetadata().withNewSpec()
        .withHolderIdentity("someone@elsewhere (runbook x, pid 1)").withLeaseDurationSeconds(3600)
        .endSpec().build()).create();

    CliRunner.Result first = new CliRunner().run("abort", "--config", config.toString(),
        "--env", "staging");
    assertThat(first.exitCode()).as(first.out() + first.err()).isZero();
    assertThat(first.out()).contains("namespaces " + NS,
        "deleted podchaos/kill-all in namespace " + NS,
        "deleted networkchaos/delay in namespace " + NS,
        "deleted stresschaos/cpu in namespace " + NS,
        "deleted chaosengine/engine in namespace " + NS,
        "terminated workflow/running-wf in namespace " + NS,
        "released the lock Lease " + LOCK_NS + "/chaos-lock-abort-test",
        "removed 4 chaos objects, terminated 1 workflow, released 1 lock", "nothing remains");
    assertThat(first.out()).doesNotContain("done-wf");
    assertThat(get("podchaos", "kill-all")).isNull();
    assertThat(get("networkchaos", "delay")).isNull();
    assertThat(get("stresschaos", "cpu")).isNull();
    assertThat(get("chaosengine", "engine")).isNull();
    assertThat(((Map<?, ?>) get("workflow", "running-wf").getAdditionalProperties().get("spec"))
        .get("shutdown")).isEqualTo("Terminate");
    assertThat(get("workflow", "done-wf")).isNotNull();
    assertThat(client.leases().inNamespace(LOCK_NS).withName("chaos-lock-abort-test").get())
        .isNull();
    assertThat(ChaosSweep.remaining(client, List.of(NS))).isEmpty();

    CliRunner.Result second = new CliRunner().run("abort", "--config", config.toString(),
        "--env", "staging");
    assertThat(second.exitCode()).as(second.out() + second.err()).isZero();
    assertThat(second.out()).contains("nothing to do").doesNotContain("deleted", "terminated",
        "released");
  }
}
