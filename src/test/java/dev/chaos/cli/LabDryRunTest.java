package dev.chaos.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * `chaos exec --dry-run` of the pod-failure runbook against the lab (`scripts/lab up`, then
 * `. target/lab/lab.env`): it reads the lab for real, prints which pod it would kill, how many of
 * how many and the blast-radius verdict, and changes nothing on the server: the same pods (by
 * name and uid), the same deployment, no chaos object, no lock.
 */
@EnabledIfEnvironmentVariable(named = "LAB_CHAOS_CONFIG", matches = ".+")
@EnabledIfEnvironmentVariable(named = "LAB_KUBECONFIG", matches = ".+")
@Timeout(180)
class LabDryRunTest {
  private static final String NS = "llm-marketplace";
  private static final ResourceDefinitionContext POD_CHAOS = new ResourceDefinitionContext
      .Builder().withGroup("chaos-mesh.org").withVersion("v1alpha1").withKind("PodChaos")
      .withPlural("podchaos").withNamespaced(true).build();

  @TempDir
  Path dir;

  /** What a real pod-failure run would change on the server, as text. */
  private static String server(KubernetesClient client) {
    TreeSet<String> pods = new TreeSet<>();
    for (Pod p : client.pods().inNamespace(NS).withLabel("tier", "backend").list().getItems()) {
      pods.add(p.getMetadata().getName() + " " + p.getMetadata().getUid());
    }
    var deployment = client.apps().deployments().inNamespace(NS).withName("backend").get();
    // the spec, not the resourceVersion: the lab's controller keeps writing the status
    return "pods " + pods + "\ndeployment backend " + deployment.getSpec().getReplicas()
        + " replicas, template " + deployment.getSpec().getTemplate().getMetadata()
        + "\npodchaos " + client.genericKubernetesResources(POD_CHAOS)
        .inNamespace("chaos-testing").list().getItems().size() + "\nlock "
        + client.leases().inNamespace("chaos-testing").withName("chaos-lock-llm-marketplace")
            .get();
  }

  @Test
  void podFailureDryRunShowsThePlanAndChangesNothingOnTheServer() throws Exception {
    Config config = Config.fromKubeconfig("lab", Files.readString(
        Path.of(System.getenv("LAB_KUBECONFIG"))), null);
    config.setRequestTimeout(5_000);
    try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
      // an earlier lab test may have killed a pod: start from a whole, settled deployment
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
        List<Pod> pods = client.pods().inNamespace(NS).withLabel("tier", "backend").list()
            .getItems();
        return pods.size() == 5 && pods.stream().allMatch(p -> p.getStatus() != null
            && p.getStatus().getConditions().stream().anyMatch(c -> c.getType().equals("Ready")
                && c.getStatus().equals("True")));
      });
      String before = server(client);

      CliRunner.Result r = new CliRunner().run("exec", "--config",
          System.getenv("LAB_CHAOS_CONFIG"), "--dry-run", "--journal",
          dir.resolve("journal.jsonl").toString(),
          dev.chaos.ContractExamples.dir().resolve("pod-failure.chaos").toString());

      assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
      String named = client.pods().inNamespace(NS).withLabel("tier", "backend").list()
          .getItems().stream().map(p -> p.getMetadata().getName()).filter(r.out()::contains)
          .findFirst().orElseThrow(() -> new AssertionError("no backend pod named in\n"
              + r.out()));
      assertThat(r.out()).contains("would kill 1 of the 5 pods labelled `tier=backend` in"
              + " namespace " + NS + ": " + named,
          "how many: 1 of 5; blast radius: 20% of the selected pods, within the runbook's"
              + " blast_radius 30%",
          "passed: dry run: nothing was changed");
      assertThat(server(client)).isEqualTo(before);
      assertThat(Files.readString(dir.resolve("report.md"))).contains("## Dry-Run Plan",
          "   - targets: " + named);
    }
  }
}
