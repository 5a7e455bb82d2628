package dev.chaos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * `chaos deploy` against the lab's Kubernetes API (`scripts/lab up`): its YAML applied with
 * kubectl, and the same objects written with `--apply` (twice: the second replaces), then read
 * back: the Roles' rules, the ConfigMap's runbooks and the Jobs are what was rendered.
 */
@EnabledIfEnvironmentVariable(named = "LAB_CHAOS_CONFIG", matches = ".+")
@Timeout(300)
class LabDeployTest {
  private static final List<String> RUNBOOKS = List.of("runbooks/pod-failure.chaos",
      "runbooks/network-latency.chaos", "runbooks/resource-stress.chaos");

  @TempDir
  Path dir;

  /**
   * A namespace of this run's own: kubectl's apply of an object already there is a strategic
   * merge patch, which the lab's API refuses (docs/lab.md), so each run starts clean.
   */
  private final String runners = "c" + Long.toString(System.nanoTime(), 36);

  private KubernetesClient kube;
  private Path config;

  @BeforeEach
  void lab() throws Exception {
    kube = new KubernetesClientBuilder().withConfig(new ConfigBuilder()
        .withMasterUrl(System.getenv("LAB_K8S_URL")).build()).build();
    config = dir.resolve("chaos.yaml");
    Files.writeString(config, """
        environments:
          staging:
            class: staging
            kubernetes: {context: lab, kubeconfig: "%s", lock_namespace: chaos-testing}
            prometheus: {url: "%s"}
            notify: {webhook: "%s"}
        """.formatted(System.getenv("LAB_KUBECONFIG"), System.getenv("LAB_PROM_URL"),
        System.getenv("LAB_WEBHOOK_URL")));
  }

  @AfterEach
  void close() {
    kube.close();
  }

  private CliRunner.Result deploy(String... extra) {
    List<String> args = new ArrayList<>(List.of("deploy", "--config", config.toString()));
    args.addAll(List.of(extra));
    args.addAll(RUNBOOKS);
    return new CliRunner().run(args.toArray(String[]::new));
  }

  private static String kubectl(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("kubectl", "--kubeconfig",
        System.getenv("LAB_KUBECONFIG"), "--context", "lab"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("kubectl %s: %s", args, out).isZero();
    return out;
  }

  @Test
  void theRenderedYamlAppliesWithKubectlAndReadsBack() throws Exception {
    CliRunner.Result rendered = deploy("-n", runners, "--prefix", runners);
    assertThat(rendered.exitCode()).as(rendered.err()).isZero();
    Path yaml = dir.resolve("deploy.yaml");
    Files.writeString(yaml, rendered.out());

    // no OpenAPI on the lab's API: validation must be off (docs/lab.md)
    String applied = kubectl("apply", "--validate=false", "-f", yaml.toString());
    assertThat(applied).contains("serviceaccount/" + runners + "-runner created",
        "role.rbac.authorization.k8s.io/" + runners + "-runner created",
        "configmap/" + runners + "-runbooks created",
        "job.batch/" + runners + "-pod-failure created");

    Role role = kube.rbac().roles().inNamespace("llm-marketplace").withName(runners + "-runner")
        .get();
    assertThat(role).isNotNull();
    assertThat(role.getRules()).extracting(PolicyRule::getResources, PolicyRule::getVerbs)
        .contains(org.assertj.core.groups.Tuple.tuple(List.of("pods"),
            List.of("delete", "list")));
    String jobs = kubectl("get", "jobs", "-n", runners, "-o", "name");
    assertThat(jobs).contains("job.batch/" + runners + "-pod-failure",
        "job.batch/" + runners + "-network-latency", "job.batch/" + runners + "-resource-stress");
  }

  @Test
  void applyCreatesThenReplacesAndTheObjectsAreTheRenderedOnes() throws Exception {
    CliRunner.Result first = deploy("-n", runners, "--apply");
    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out()).contains("ServiceAccount/chaos-runner applied",
        "Job/chaos-pod-failure applied");
    CliRunner.Result again = deploy("-n", runners, "--apply", "--image", "chaos:next");
    assertThat(again.exitCode()).as(again.err()).isZero();

    List<Map<String, Object>> rendered = dev.chaos.drivers.ManifestDocuments.parse(
        deploy("-n", runners, "--image", "chaos:next").out());
    for (Map<String, Object> o : rendered) {
      if (!o.get("kind").equals("Role")) {
        continue;
      }
      Map<?, ?> meta = (Map<?, ?>) o.get("metadata");
      Role stored = kube.rbac().roles().inNamespace((String) meta.get("namespace"))
          .withName((String) meta.get("name")).get();
      assertThat(stored).as("Role in %s", meta.get("namespace")).isNotNull();
      List<List<Object>> storedRules = new ArrayList<>();
      for (PolicyRule r : stored.getRules()) {
        storedRules.add(List.of(r.getApiGroups(), r.getResources(), r.getVerbs()));
      }
      List<List<Object>> renderedRules = new ArrayList<>();
      for (Object r : (List<?>) o.get("rules")) {
        Map<?, ?> rule = (Map<?, ?>) r;
        renderedRules.add(List.of(rule.get("apiGroups"), rule.get("resources"),
            rule.get("verbs")));
      }
      assertThat(storedRules).isEqualTo(renderedRules);
    }
    Job job = kube.batch().v1().jobs().inNamespace(runners).withName("chaos-pod-failure")
        .get();
    assertThat(job.getSpec().getBackoffLimit()).isZero();
    assertThat(job.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .isEqualTo("chaos:next");
    assertThat(kube.configMaps().inNamespace(runners).withName("chaos-runbooks").get()
        .getData()).containsKeys("runbooks.pod-failure.chaos", "chaos.yaml");
  }
}
