package dev.chaos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * `chaos deploy --apply` of a config whose runs use the pod's service account (`in_cluster:
 * true`), from outside a pod: `--context` and `--kubeconfig` choose the cluster, as kubectl's.
 * The cluster is a Kubernetes API in CRUD mode on loopback.
 */
@Timeout(120)
class DeployApplyTest {
  @TempDir
  Path dir;

  private KubernetesMockServer server;
  private KubernetesClient kube;
  private Path kubeconfig;
  private Path config;
  private Path runbook;

  @BeforeEach
  void start() throws Exception {
    server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
        new KubernetesCrudDispatcher(), false);
    server.init(InetAddress.getLoopbackAddress(), 0);
    kube = server.createClient();
    kubeconfig = dir.resolve("kubeconfig");
    Files.writeString(kubeconfig, "apiVersion: v1\nkind: Config\nclusters:\n- name: c\n"
        + "  cluster: {server: 'http://127.0.0.1:" + server.getPort() + "'}\ncontexts:\n"
        + "- name: admin\n  context: {cluster: c, user: u}\ncurrent-context: admin\nusers:\n"
        + "- name: u\n  user: {}\n");
    config = dir.resolve("chaos.yaml");
    Files.writeString(config, "environments:\n  staging:\n    class: staging\n"
        + "    kubernetes: {in_cluster: true, lock_namespace: chaos-testing}\n");
    runbook = Path.of("runbooks/pod-failure.chaos").toAbsolutePath();
  }

  @AfterEach
  void stop() {
    kube.close();
    server.destroy();
  }

  private CliRunner.Result deploy(String... extra) {
    java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("deploy",
        "--config", config.toString(), "--env", "staging", "-n", "runners"));
    args.addAll(java.util.List.of(extra));
    args.add(runbook.toString());
    return new CliRunner().run(args.toArray(String[]::new));
  }

  @Test
  void anInClusterConfigIsAppliedFromOutsideThroughTheContextGiven() {
    CliRunner.Result applied = deploy("--apply", "--kubeconfig", kubeconfig.toString(),
        "--context", "admin");
    assertThat(applied.exitCode()).as(applied.err()).isZero();
    assertThat(applied.out()).contains("ServiceAccount/chaos-runner applied",
        "Job/chaos-pod-failure applied");
    assertThat(kube.serviceAccounts().inNamespace("runners").withName("chaos-runner").get())
        .isNotNull();
    assertThat(kube.batch().v1().jobs().inNamespace("runners").withName("chaos-pod-failure")
        .get().getSpec().getTemplate().getSpec().getServiceAccountName())
        .isEqualTo("chaos-runner");
  }

  @Test
  void withoutThemTheInClusterConfigSaysItIsNotAPod() {
    CliRunner.Result refused = deploy("--apply");
    assertThat(refused.exitCode()).isNotZero();
    assertThat(refused.err()).contains("in-cluster: KUBERNETES_SERVICE_HOST is not set")
        .doesNotContain("Exception");
    assertThat(kube.serviceAccounts().inNamespace("runners").list().getItems()).isEmpty();
  }

  @Test
  void theClusterOptionsGoWithApply() {
    CliRunner.Result refused = deploy("--context", "admin");
    assertThat(refused.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(refused.err()).contains("`--context` chooses the cluster to apply to: add "
        + "`--apply`");
  }
}
