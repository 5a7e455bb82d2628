package dev.chaos.drivers.k8s;

import static dev.chaos.drivers.k8s.K8sLab.args;
import static dev.chaos.drivers.k8s.K8sLab.selector;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.PodListBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.net.InetAddress;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** `k8s.usage` on a cluster without metrics-server, which answers 404 for metrics.k8s.io. */
class K8sNoMetricsApiTest {
  @Test
  void usageSaysTheClusterServesNoMetricsApi() throws Exception {
    // expectations mode: what is not expected answers 404, as a cluster without the API does
    KubernetesMockServer server = new KubernetesMockServer(false);
    server.init(InetAddress.getByName("127.0.0.1"), 0);
    server.expect().get().withPath("/api/v1/namespaces/shop/pods")
        .andReturn(200, new PodListBuilder().build()).always();
    try (KubernetesClient client = K8sLab.connect("http://127.0.0.1:" + server.getPort(),
        "shop"); K8sClients clients = K8sClients.of(client, Map.of())) {
      assertThatThrownBy(() -> K8sLab.bindings(clients).get("k8s.usage").call(args("selector",
          selector("shop", "")), new K8sLab.Ctx()))
          .isInstanceOf(K8sException.class)
          .hasMessage("k8s 127.0.0.1:" + server.getPort() + ": the cluster serves no metrics"
              + " API (metrics.k8s.io, from metrics-server), so k8s.usage cannot read pod usage");
    } finally {
      server.destroy();
    }
  }
}
