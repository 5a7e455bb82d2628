package dev.chaos.drivers.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pod's service account as `chaos exec` reads it in a pod, against a Kubernetes API in CRUD
 * mode on loopback: its token on every request (read again once rotated), its namespace as the
 * default one, and a clear refusal outside a pod.
 */
@Timeout(60)
class InClusterConfigTest {
  @TempDir
  Path account;

  private KubernetesMockServer server;

  @BeforeEach
  void start() throws Exception {
    server = new KubernetesMockServer(new io.fabric8.mockwebserver.Context(),
        new io.fabric8.mockwebserver.MockWebServer(), new java.util.HashMap<>(),
        new io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher(), false);
    server.init(java.net.InetAddress.getLoopbackAddress(), 0);
    Files.writeString(account.resolve("token"), "first-token-of-the-pod\n");
    Files.writeString(account.resolve("namespace"), "chaos-runner");
  }

  @AfterEach
  void stop() {
    server.destroy();
  }

  /** The mock server speaks plain HTTP: the test-only scheme override. */
  private Map<String, String> pod() {
    return Map.of("KUBERNETES_SERVICE_HOST", "127.0.0.1",
        "KUBERNETES_SERVICE_PORT", Integer.toString(server.getPort()),
        "CHAOS_SERVICEACCOUNT_DIR", account.toString(), "CHAOS_KUBERNETES_SCHEME", "http");
  }

  @Test
  void theTokenGoesWithEveryRequestAndTheNamespaceIsThePods() throws Exception {
    Config config = K8sClients.inCluster("k8s", pod());
    assertThat(config.getMasterUrl()).startsWith("http://127.0.0.1:" + server.getPort());
    try (KubernetesClient client = K8sClients.client(config)) {
      assertThat(client.getNamespace()).isEqualTo("chaos-runner");
      client.configMaps().resource(new ConfigMapBuilder().withNewMetadata().withName("a")
          .endMetadata().build()).create();
      var request = server.takeRequest(5, TimeUnit.SECONDS);
      assertThat(request.getPath()).startsWith("/api/v1/namespaces/chaos-runner/configmaps");
      assertThat(request.getHeader("Authorization")).isEqualTo("Bearer first-token-of-the-pod");
      // a projected token is rotated by the kubelet while a run lasts
      Files.writeString(account.resolve("token"), "second-token\n");
      client.configMaps().withName("a").get();
      assertThat(server.takeRequest(5, TimeUnit.SECONDS).getHeader("Authorization"))
          .isEqualTo("Bearer second-token");
    }
  }

  @Test
  void aRealPodIsReachedOverHttpsWithItsCa() throws Exception {
    Files.writeString(account.resolve("ca.crt"), "not read until a request is made");
    Map<String, String> pod = new java.util.HashMap<>(pod());
    pod.remove("CHAOS_KUBERNETES_SCHEME");
    Config config = K8sClients.inCluster("k8s", pod);
    assertThat(config.getMasterUrl()).startsWith("https://127.0.0.1:" + server.getPort());
    assertThat(config.getCaCertFile()).isEqualTo(account.resolve("ca.crt").toString());
  }

  @Test
  void outsideAPodAnInClusterEnvironmentIsRefusedSayingWhy() {
    assertThatThrownBy(() -> K8sClients.inCluster("k8s", Map.of()))
        .isInstanceOf(K8sException.class)
        .hasMessageContaining("in-cluster: KUBERNETES_SERVICE_HOST is not set: this is not a pod");
  }
}
