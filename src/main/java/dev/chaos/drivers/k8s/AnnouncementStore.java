package dev.chaos.drivers.k8s;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * Production notices (`chaos announce`) kept where every runner sees them: a ConfigMap
 * `chaos-announce-LOCK` next to the lock's Lease, one per lock (a newer notice replaces it).
 * What the data means is the caller's; this only reads and writes it.
 */
public final class AnnouncementStore {
  private final KubernetesClient client;
  private final String namespace;

  public AnnouncementStore(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
  }

  /** `llm-marketplace` -> `chaos-announce-llm-marketplace`. */
  public static String objectName(String lock) {
    return LeaseLocks.objectName("chaos-announce-", lock);
  }

  /** "ConfigMap chaos-testing/chaos-announce-llm-marketplace". */
  public String where(String lock) {
    return "ConfigMap " + namespace + "/" + objectName(lock);
  }

  public void write(String lock, Map<String, String> data) throws IOException {
    ConfigMap map = new ConfigMapBuilder().withNewMetadata().withName(objectName(lock))
        .withNamespace(namespace).addToLabels("app.kubernetes.io/managed-by", "chaos")
        .endMetadata().withData(data).build();
    try {
      client.configMaps().inNamespace(namespace).resource(map).createOr(
          existing -> existing.update());
    } catch (KubernetesClientException e) {
      throw new IOException("the " + where(lock) + " cannot be written: "
          + LeaseLocks.reason(e), e);
    }
  }

  /** The notice for {@code lock}, if there is one. */
  public Optional<Map<String, String>> read(String lock) throws IOException {
    try {
      ConfigMap map = client.configMaps().inNamespace(namespace).withName(objectName(lock)).get();
      return map == null ? Optional.empty()
          : Optional.of(map.getData() == null ? Map.of() : map.getData());
    } catch (KubernetesClientException e) {
      throw new IOException("the " + where(lock) + " cannot be read: " + LeaseLocks.reason(e), e);
    }
  }
}
