package dev.chaos.drivers.k8s;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The record each run leaves in its environment's cluster, so that runners in pipelines and in
 * pods, which share no disk, show one history (`chaos runs --env`): a ConfigMap
 * `chaos-run-RUNID` labelled {@link #LABEL} in the lock namespace, next to the Leases. Writing
 * one deletes the records started more than the configured age ago, so they never pile up.
 * What the data means is the caller's, except {@link #STARTED}, the age is read from.
 */
public final class RunRecords {
  /** The label every record carries; its value is the runbook's name as a label value. */
  public static final String LABEL = "chaos.dev/run";
  /** The data key holding when the run started (an ISO-8601 instant). */
  public static final String STARTED = "started";
  private static final String MANAGED_BY = "app.kubernetes.io/managed-by";

  private final KubernetesClient client;
  private final String namespace;

  public RunRecords(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
  }

  /**
   * `chaos-run-` and the run id, as an object name: a long runbook name is cut in its middle,
   * so that the id's time and random tail keep names apart.
   */
  public static String objectName(String runId) {
    String cleaned = runId.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9-]+", "-")
        .replaceAll("^-+|-+$", "");
    int room = 63 - "chaos-run-".length();
    if (cleaned.length() > room) {
      String tail = cleaned.substring(cleaned.length() - 21);
      cleaned = cleaned.substring(0, room - tail.length() - 1).replaceAll("-+$", "") + "-" + tail;
    }
    return "chaos-run-" + cleaned;
  }

  /** "ConfigMap chaos-testing/chaos-run-...". */
  public String where(String runId) {
    return "ConfigMap " + namespace + "/" + objectName(runId);
  }

  /**
   * Writes the record of {@code runId} and deletes those started before {@code now - maxAge};
   * returns how many were deleted.
   */
  public int write(String runId, String runbook, Map<String, String> data, Instant now,
      Duration maxAge) throws IOException {
    ConfigMap map = new ConfigMapBuilder().withNewMetadata().withName(objectName(runId))
        .withNamespace(namespace).addToLabels(MANAGED_BY, "chaos")
        .addToLabels(LABEL, labelValue(runbook)).endMetadata().withData(data).build();
    try {
      client.configMaps().inNamespace(namespace).resource(map).createOr(e -> e.update());
    } catch (KubernetesClientException e) {
      throw new IOException("the " + where(runId) + " cannot be written: "
          + LeaseLocks.reason(e), e);
    }
    int pruned = 0;
    Instant oldest = now.minus(maxAge);
    for (ConfigMap old : maps()) {
      Instant started = started(old);
      if (started != null && started.isBefore(oldest)) {
        try {
          client.configMaps().inNamespace(namespace).withName(old.getMetadata().getName())
              .delete();
          pruned++;
        } catch (KubernetesClientException e) {
          // a runner that lacks delete rights, or another pruning the same one: the next does
        }
      }
    }
    return pruned;
  }

  /** Every record's data, in no particular order. */
  public List<Map<String, String>> list() throws IOException {
    List<Map<String, String>> out = new ArrayList<>();
    for (ConfigMap map : maps()) {
      out.add(map.getData() == null ? Map.of() : map.getData());
    }
    return out;
  }

  private List<ConfigMap> maps() throws IOException {
    try {
      List<ConfigMap> out = new ArrayList<>();
      for (ConfigMap map : client.configMaps().inNamespace(namespace).withLabel(LABEL).list()
          .getItems()) {
        var labels = map.getMetadata().getLabels();
        if (labels != null && labels.containsKey(LABEL)) { // a server that ignores the selector
          out.add(map);
        }
      }
      return out;
    } catch (KubernetesClientException e) {
      throw new IOException("the run records (ConfigMaps labelled " + LABEL + " in namespace "
          + namespace + ") cannot be listed: " + LeaseLocks.reason(e), e);
    }
  }

  private static Instant started(ConfigMap map) {
    String text = map.getData() == null ? null : map.getData().get(STARTED);
    try {
      return text == null ? null : Instant.parse(text);
    } catch (DateTimeParseException e) {
      return null; // not ours to judge: left alone
    }
  }

  /** A label value: at most 63 of `[A-Za-z0-9._-]`, starting and ending alphanumeric. */
  static String labelValue(String text) {
    String cleaned = text.replaceAll("[^A-Za-z0-9._-]+", "-");
    if (cleaned.length() > 63) {
      cleaned = cleaned.substring(0, 63);
    }
    cleaned = cleaned.replaceAll("^[^A-Za-z0-9]+|[^A-Za-z0-9]+$", "");
    return cleaned.isEmpty() ? "run" : cleaned;
  }
}
