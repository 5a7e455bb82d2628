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
        .extracting(c -> c.getGroup() + "/" + c.getPlural())
        .containsExactly("chaos-mesh.org/podchaos", "chaos-mesh.org/networkchaos",
            "chaos-mesh.org/stresschaos", "chaos-mesh.org/iochaos", "litmuschaos.io/chaosengines",
            "argoproj.io/workflows");
  }
}
