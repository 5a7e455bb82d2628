package dev.chaos.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class KubeDiscoveryTest {
  private final KubeDiscovery discovery = new KubeDiscovery("127.0.0.1:16443");

  @Test
  void everyGroupVersionHasItsResourceList() {
    assertThat(discovery.document("/apis/apps/v1")).hasValueSatisfying(doc ->
        assertThat(doc).contains("\"groupVersion\":\"apps/v1\"", "\"name\":\"deployments\"",
            "\"shortNames\":[\"deploy\"]"));
    assertThat(discovery.document("/apis/chaos-mesh.org/v1alpha1")).hasValueSatisfying(doc ->
        assertThat(doc).contains("\"name\":\"iochaos\"").doesNotContain("\"name\":\"pods\""));
    assertThat(discovery.document("/api/v1/")).hasValueSatisfying(doc ->
        assertThat(doc).contains("\"name\":\"pods\"").doesNotContain("\"name\":\"deployments\""));
  }

  @Test
  void resourcePathsAndUnknownVersionsAreNotDiscovery() {
    assertThat(discovery.document("/api/v1/namespaces")).isEqualTo(Optional.empty());
    assertThat(discovery.document("/apis/apps/v1beta1")).isEqualTo(Optional.empty());
    assertThat(discovery.document("/apis/example.com")).isEqualTo(Optional.empty());
  }

  @Test
  void theCustomKindsHaveCrudContexts() {
    assertThat(KubeDiscovery.customResourceContexts())
        .extracting(c -> c.getGroup() + "/" + c.getPlural() + " " + c.getScope())
        .contains("chaos-mesh.org/podchaos Namespaced", "chaos-mesh.org/jvmchaos Namespaced",
            "chaos-mesh.org/schedules Namespaced", "chaos-mesh.org/workflows Namespaced",
            "chaos-mesh.org/remoteclusters Cluster", "litmuschaos.io/chaosengines Namespaced",
            "argoproj.io/workflows Namespaced");
  }

  /** Every kind of the drivers' table is served, and nothing else: a real API's 404. */
  @Test
  void everyKindTheDriversKnowIsServedAndNoOther() {
    for (dev.chaos.drivers.kube.Kind k : dev.chaos.drivers.kube.Kinds.all()) {
      String base = k.group().isEmpty() ? "/api/" + k.version()
          : "/apis/" + k.group() + "/" + k.version();
      String path = base + (k.namespaced() ? "/namespaces/x/" : "/") + k.plural() + "/y";
      assertThat(KubeDiscovery.serves(path)).as(path).isTrue();
      assertThat(discovery.document(base)).as(base).hasValueSatisfying(doc ->
          assertThat(doc).contains("\"name\":\"" + k.plural() + "\""));
    }
    assertThat(KubeDiscovery.serves("/apis/chaos-mesh.org/v1alpha1/namespaces/x/gadgets/y"))
        .isFalse();
    assertThat(KubeDiscovery.serves("/apis/chaos-mesh.org/v1beta1/namespaces/x/podchaos/y"))
        .isFalse();
    assertThat(KubeDiscovery.serves("/apis/example.com/v1/gadgets")).isFalse();
  }
}
