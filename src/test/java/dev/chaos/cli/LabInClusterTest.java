package dev.chaos.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * `chaos exec` in a simulated pod against the lab's Kubernetes API (`scripts/lab up`), in a JVM
 * of its own as a Job's container runs it: the service-account folder (token, CA, namespace)
 * and `KUBERNETES_SERVICE_HOST`/`PORT` pointing at the lab, no kubeconfig anywhere, `chaos.yaml`
 * and the runbook read from a folder laid out as a mounted ConfigMap (`..data` symlinks), the
 * run folder on a "volume" path, the report sent through `notify`, the exit code of the
 * contract. The lab's API speaks plain HTTP, so the pod's scheme is overridden
 * (`CHAOS_KUBERNETES_SCHEME=http`, test only); the lab ignores the token, so RBAC is not
 * exercised here.
 */
@EnabledIfEnvironmentVariable(named = "LAB_CHAOS_CONFIG", matches = ".+")
@Timeout(300)
class LabInClusterTest {
  private static final String NS = "chaos-testing";

  @TempDir
  Path dir;

  private KubernetesClient kube;
  private KubernetesClient backup;
  private Path account;
  private Path volume;

  @BeforeEach
  void pod() throws Exception {
    kube = client(System.getenv("LAB_K8S_URL"));
    backup = client(System.getenv("LAB_K8S_BACKUP_URL"));
    account = Files.createDirectories(dir.resolve("serviceaccount"));
    Files.writeString(account.resolve("token"), "simulated-service-account-token");
    Files.copy(Path.of(System.getenv("LAB_CA_PEM")), account.resolve("ca.crt"));
    Files.writeString(account.resolve("namespace"), NS);
    volume = Files.createDirectories(dir.resolve("volume"));
  }

  @AfterEach
  void close() {
    kube.close();
    backup.close();
  }

  private static KubernetesClient client(String url) {
    return new KubernetesClientBuilder().withConfig(new ConfigBuilder().withMasterUrl(url)
        .build()).build();
  }

  /**
   * A folder as the kubelet mounts a ConfigMap: the files in a timestamped folder, `..data`
   * a link to it, and each key a link through `..data`.
   */
  private Path configMapMount(Map<String, String> files) throws Exception {
    Path mount = Files.createDirectories(dir.resolve("etc-chaos"));
    Path stamped = Files.createDirectories(mount.resolve("..2026_12_04_02_50_00.000000001"));
    for (var file : files.entrySet()) {
      Files.writeString(stamped.resolve(file.getKey()), file.getValue());
    }
    Files.createSymbolicLink(mount.resolve("..data"), stamped.getFileName());
    for (String name : files.keySet()) {
      Files.createSymbolicLink(mount.resolve(name), Path.of("..data", name));
    }
    return mount;
  }

  private static String port(String url) {
    return Integer.toString(URI.create(url).getPort());
  }

  private record Exit(int code, String output) {}

  /** `chaos exec ARGS` in its own JVM, in the simulated pod whose API is at {@code apiUrl}. */
  private Exit execInPod(String apiUrl, String... args) throws Exception {
    String surefire = System.getProperty("surefire.test.class.path");
    String classPath = surefire != null && !surefire.isBlank() ? surefire
        : System.getProperty("java.class.path");
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Duser.home=" + dir.resolve("home"), // a runner image: no ~/.kube/config
        "-cp", classPath, "dev.chaos.cli.Main", "exec"));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
        .redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    env.remove("KUBECONFIG");
    env.put("KUBERNETES_SERVICE_HOST", "127.0.0.1");
    env.put("KUBERNETES_SERVICE_PORT", port(apiUrl));
    env.put("CHAOS_SERVICEACCOUNT_DIR", account.toString());
    env.put("CHAOS_KUBERNETES_SCHEME", "http");
    env.put("HOSTNAME", "chaos-run-lab-abcde"); // the pod's name
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(240, TimeUnit.SECONDS)).isTrue();
    return new Exit(process.exitValue(), output);
  }

  private int backendReplicas() {
    return kube.apps().deployments().inNamespace("llm-marketplace").withName("backend").get()
        .getSpec().getReplicas();
  }

  private static String webhook(String what) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
        System.getenv("LAB_WEBHOOK_URL") + "/" + what)).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }

  private List<ConfigMap> records(KubernetesClient client, String runbook) {
    return client.configMaps().inNamespace(NS).withLabel("chaos.dev/run", runbook).list()
        .getItems();
  }

  @Test
  void aRunInAPodUsesItsServiceAccountReadsTheConfigMapAndWritesToTheVolume()
      throws Exception {
    int before = backendReplicas();
    Path mount = configMapMount(Map.of("chaos.yaml", """
        environments:
          staging:
            class: staging
            kubernetes: {in_cluster: true, lock_namespace: %s}
            notify: {webhook: "%s"}
        """.formatted(NS, System.getenv("LAB_WEBHOOK_URL")),
        "in-pod.chaos", """
        runbook "in-pod" {
          environment staging
          lock "lab-incluster"
          step "shrink" { k8s.scale("deployment", "backend", %d, namespace: "llm-marketplace") }
          step "hold" { wait 1s }
        }
        """.formatted(before - 1)));
    String posts = webhook("count").trim();
    Exit run = execInPod(System.getenv("LAB_K8S_URL"), "--config",
        mount.resolve("chaos.yaml").toString(), "--runs-dir", volume.toString(),
        "--notify-report", mount.resolve("in-pod.chaos").toString());
    assertThat(run.code()).as(run.output()).isZero();
    assertThat(backendReplicas()).isEqualTo(before);
    // the journal and the reports on the volume, nothing beside the ConfigMap's files
    List<Path> folders = Files.list(volume).toList();
    assertThat(folders).hasSize(1);
    assertThat(Files.readString(folders.get(0).resolve("journal.jsonl")))
        .contains("shrink");
    assertThat(folders.get(0).resolve("report.json")).exists();
    assertThat(Files.exists(dir.resolve("chaos-runs"))).isFalse();
    // the record in the lock namespace, naming the pod and the report on the volume
    List<ConfigMap> records = records(kube, "in-pod");
    assertThat(records).hasSize(1);
    assertThat(records.get(0).getData()).containsEntry("outcome", "passed")
        .containsEntry("host", "chaos-run-lab-abcde")
        .containsEntry("report", folders.get(0).resolve("report.md").toAbsolutePath()
            .toString());
    // and the report through notify
    assertThat(Integer.parseInt(webhook("count").trim())).isGreaterThan(Integer.parseInt(posts));
    assertThat(webhook("last")).contains("of runbook in-pod in staging: passed (exit 0)");
    kube.resource(records.get(0)).delete();
  }

  /** Here the config names no cluster at all: in a pod without a kubeconfig, the pod's. */
  @Test
  void aFailedHypothesisInAPodExitsOneSoTheJobFails() throws Exception {
    Path mount = configMapMount(Map.of("chaos.yaml", """
        environments:
          staging:
            class: staging
            kubernetes: {lock_namespace: %s}
        """.formatted(NS), "fails.chaos", """
        runbook "in-pod-fails" {
          environment staging
          verify "never holds" { expect 1 == 2 }
          step "hold" { wait 100ms }
        }
        """));
    Exit run = execInPod(System.getenv("LAB_K8S_URL"), "--config",
        mount.resolve("chaos.yaml").toString(), "--runs-dir", volume.toString(), "-q",
        mount.resolve("fails.chaos").toString());
    assertThat(run.code()).as(run.output()).isEqualTo(1);
    List<ConfigMap> records = records(kube, "in-pod-fails");
    assertThat(records).extracting(m -> m.getData().get("exit_code")).containsExactly("1");
    records.forEach(r -> kube.resource(r).delete());
  }

  @Test
  void aRunnerInAnotherClusterLocksAndRecordsInTheEnvironmentsCluster() throws Exception {
    // the runner's pod is in the backup region; the environment's cluster is the lab's main one
    Path mount = configMapMount(Map.of("chaos.yaml", """
        environments:
          staging:
            class: staging
            kubernetes: {context: lab, kubeconfig: "%s", lock_namespace: %s}
        """.formatted(System.getenv("LAB_KUBECONFIG"), NS), "elsewhere.chaos", """
        runbook "from-elsewhere" {
          environment staging
          lock "lab-incluster-elsewhere"
          step "hold" { wait 4s }
        }
        """));
    CompletableFuture<Exit> run = CompletableFuture.supplyAsync(() -> {
      try {
        return execInPod(System.getenv("LAB_K8S_BACKUP_URL"), "--config",
            mount.resolve("chaos.yaml").toString(), "--runs-dir", volume.toString(), "-q",
            mount.resolve("elsewhere.chaos").toString());
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    String lease = "chaos-lock-lab-incluster-elsewhere";
    await().atMost(Duration.ofSeconds(120)).until(() ->
        kube.leases().inNamespace(NS).withName(lease).get() != null || run.isDone());
    assertThat(kube.leases().inNamespace(NS).withName(lease).get()).isNotNull();
    assertThat(backup.leases().inNamespace(NS).withName(lease).get()).isNull();
    Exit done = run.get();
    assertThat(done.code()).as(done.output()).isZero();
    assertThat(records(kube, "from-elsewhere")).hasSize(1);
    assertThat(records(backup, "from-elsewhere")).isEmpty();
    records(kube, "from-elsewhere").forEach(r -> kube.resource(r).delete());
  }
}
