package dev.chaos.drivers.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The plain-tree helpers behind the inverses of `patch` and `apply`. */
class K8sObjectTreesTest {
  @Test
  void theInverseOfAPatchPutsBackPreviousValuesAndRemovesNewFields() {
    Map<String, Object> previous = Map.of("spec", Map.of("engineState", "active",
        "appinfo", Map.of("appns", "shop")));
    Map<String, Object> patch = Map.of("spec", Map.of("engineState", "stop",
        "annotationCheck", "false"), "metadata", Map.of("labels", Map.of("x", "y")));

    Map<String, Object> inverse = LiveChanges.inverse(patch, previous);

    Map<String, Object> spec = new HashMap<>();
    spec.put("engineState", "active");
    spec.put("annotationCheck", null);
    Map<String, Object> expected = new HashMap<>();
    expected.put("spec", spec);
    expected.put("metadata", null);
    assertThat(inverse).isEqualTo(expected);
    Object patched = KubeObjects.merge(previous, patch);
    assertThat(KubeObjects.merge(patched, inverse)).isEqualTo(previous);
  }

  @Test
  void aRestoreDropsWhatTheServerKeepsForItself() {
    Map<String, Object> object = Map.of("apiVersion", "v1", "kind", "ConfigMap",
        "metadata", Map.of("name", "x", "resourceVersion", "7", "uid", "u",
            "managedFields", java.util.List.of(), "labels", Map.of("a", "b")),
        "data", Map.of("k", "v"), "status", Map.of("phase", "x"));

    assertThat(KubeObjects.withoutServerFields(object)).isEqualTo(Map.of("apiVersion", "v1",
        "kind", "ConfigMap", "metadata", Map.of("name", "x", "labels", Map.of("a", "b")),
        "data", Map.of("k", "v")));
  }

  @Test
  void leafPathsNameThePatchedFields() {
    assertThat(LiveChanges.leafPaths(Map.of("spec", Map.of("replicas", 2)), ""))
        .containsExactly("spec.replicas");
  }
}
