package dev.chaos.drivers.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chaos.drivers.FailureText;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.vertx.core.net.SelfSignedCertificate;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pod's service account over TLS, as in a real pod: no scheme override, the API server's
 * certificate checked against the pod's `ca.crt` (and its host name against the certificate),
 * the token sent only over that connection. The API is the fabric8 mock server in CRUD mode
 * speaking HTTPS with a self-signed certificate for `localhost`, which is then the pod's CA.
 */
@Timeout(60)
class InClusterTlsTest {
  @TempDir
  Path account;

  private KubernetesMockServer server;
  private MockWebServer https;

  @BeforeEach
  void start() throws Exception {
    https = new MockWebServer();
    https.useHttps();
    server = new KubernetesMockServer(new Context(), https, new HashMap<>(),
        new KubernetesCrudDispatcher(), true);
    server.init(InetAddress.getLoopbackAddress(), 0);
    Files.writeString(account.resolve("token"), "token-of-the-pod\n");
    Files.writeString(account.resolve("namespace"), "chaos-runner");
  }

  @AfterEach
  void stop() {
    server.destroy();
  }

  private Map<String, String> pod() {
    return Map.of("KUBERNETES_SERVICE_HOST", "localhost",
        "KUBERNETES_SERVICE_PORT", Integer.toString(server.getPort()),
        "CHAOS_SERVICEACCOUNT_DIR", account.toString());
  }

  @Test
  void theApiServerIsReachedOverHttpsTrustingThePodsCa() throws Exception {
    Files.copy(Path.of(https.getSelfSignedCertificate().certificatePath()),
        account.resolve("ca.crt"));
    try (KubernetesClient client = K8sClients.client(K8sClients.inCluster("k8s", pod()))) {
      assertThat(client.getConfiguration().getMasterUrl())
          .startsWith("https://localhost:" + server.getPort());
      client.configMaps().resource(new ConfigMapBuilder().withNewMetadata().withName("a")
          .endMetadata().build()).create();
      assertThat(client.configMaps().withName("a").get().getMetadata().getNamespace())
          .isEqualTo("chaos-runner");
      var request = server.takeRequest(5, TimeUnit.SECONDS);
      assertThat(request.getHeader("Authorization")).isEqualTo("Bearer token-of-the-pod");
    }
  }

  @Test
  void aServerWhoseCertificateThePodsCaDidNotSignIsRefused() throws Exception {
    // another CA than the one that signed the server's certificate, as after a mix-up of
    // clusters or a man in the middle
    Files.copy(Path.of(SelfSignedCertificate.create("localhost").certificatePath()),
        account.resolve("ca.crt"));
    try (KubernetesClient client = K8sClients.client(K8sClients.inCluster("k8s", pod()))) {
      assertThatThrownBy(() -> client.configMaps().withName("a").get())
          .isInstanceOf(KubernetesClientException.class)
          .satisfies(e -> assertThat(FailureText.networkReason(e, Duration.ofSeconds(5)))
              .as("what a driver error says").startsWith("tls error: "));
    }
    assertThat(server.getRequestCount()).as("no request got through, token and all").isZero();
  }
}
