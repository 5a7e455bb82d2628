package dev.chaos.drivers.k8s;

import static dev.chaos.drivers.ManifestDocuments.at;
import static dev.chaos.drivers.ManifestDocuments.map;
import static dev.chaos.drivers.ManifestDocuments.text;

import dev.chaos.drivers.kube.LabelSelector;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the selector functions read about pods, blocking, on a worker thread of {@link K8sCall}:
 * the selected pods, their readiness and restarts, the events about them and their usage.
 */
final class PodReads {
  private PodReads() {}

  /** The counts of `k8s.pods`, as the sandbox's PodSet has them. */
  record PodCounts(int total, int ready, List<String> names, int restarts) {}

  /** The usage of `k8s.usage`. */
  record Usage(double cpuCores, long memoryBytes) {}

  static final ResourceDefinitionContext POD_METRICS = new ResourceDefinitionContext
      .Builder().withGroup("metrics.k8s.io").withVersion("v1beta1").withPlural("pods")
      .withKind("PodMetrics").withNamespaced(true).build();

  /**
   * The selected pods, sorted by name; a pod already being deleted (it has a
   * deletionTimestamp) is no longer counted, so a second kill does not pick it again.
   */
  static List<Map<String, Object>> selected(KubernetesClient client, String namespace,
      LabelSelector labels) {
    List<Map<String, Object>> pods = new ArrayList<>();
    for (Map<String, Object> pod : KubeObjects.list(client, "pod", namespace, labels)) {
      if (at(pod, "metadata", "deletionTimestamp") == null) {
        pods.add(pod);
      }
    }
    pods.sort(java.util.Comparator.comparing(PodReads::name));
    return pods;
  }

  static String name(Map<String, Object> pod) {
    return text(at(pod, "metadata", "name"));
  }

  static PodCounts counts(List<Map<String, Object>> pods) {
    int ready = 0;
    int restarts = 0;
    List<String> names = new ArrayList<>();
    for (Map<String, Object> pod : pods) {
      names.add(name(pod));
      ready += ready(pod) ? 1 : 0;
      if (at(pod, "status", "containerStatuses") instanceof List<?> statuses) {
        for (Object status : statuses) {
          if (map(status).get("restartCount") instanceof Number n) {
            restarts += n.intValue();
          }
        }
      }
    }
    return new PodCounts(pods.size(), ready, names, restarts);
  }

  /** Ready as kubectl's READY column: the pod's `Ready` condition is `True`. */
  static boolean ready(Map<String, Object> pod) {
    if (at(pod, "status", "conditions") instanceof List<?> conditions) {
      for (Object condition : conditions) {
        Map<String, Object> c = map(condition);
        if ("Ready".equals(c.get("type"))) {
          return "True".equals(c.get("status"));
        }
      }
    }
    return false;
  }

  /**
   * The events about the selected pods with {@code reason} (null: any) last seen at or after
   * {@code since} (null: every event the API still keeps, an hour by default), counting repeats
   * (`count: 3` is three events). An event is about a selected pod when it names one, or a pod
   * of the same ReplicaSet, DaemonSet or Job (`<owner>-xxxxx`): pods that kill_pods deleted
   * are gone, but their `Killing` events must still count. Every pod event of the namespace
   * counts for a selector without labels.
   */
  static int events(KubernetesClient client, String namespace, LabelSelector labels,
      boolean everyPod, String reason, Instant since) {
    Set<String> names = new HashSet<>();
    Set<String> prefixes = new HashSet<>();
    if (!everyPod) {
      for (Map<String, Object> pod : KubeObjects.list(client, "pod", namespace, labels)) {
        names.add(name(pod));
        if (at(pod, "metadata", "ownerReferences") instanceof List<?> owners) {
          for (Object owner : owners) {
            Map<String, Object> o = map(owner);
            if (List.of("ReplicaSet", "DaemonSet", "Job").contains(text(o.get("kind")))) {
              prefixes.add(text(o.get("name")) + "-");
            }
          }
        }
      }
    }
    int count = 0;
    for (Map<String, Object> event : KubeObjects.list(client, "event", namespace,
        LabelSelector.parse(""))) {
      Map<String, Object> about = map(event.get("involvedObject"));
      String pod = text(about.get("name"));
      if (!"Pod".equals(about.get("kind"))
          || (!everyPod && !names.contains(pod) && prefixes.stream().noneMatch(pod::startsWith))
          || (reason != null && !reason.equals(event.get("reason")))) {
        continue;
      }
      Instant time = time(event);
      if (since != null && (time == null || time.isBefore(since))) {
        continue;
      }
      count += event.get("count") instanceof Number n ? Math.max(1, n.intValue()) : 1;
    }
    return count;
  }

  /** When an event last happened: lastTimestamp, else eventTime, firstTimestamp, creation. */
  private static Instant time(Map<String, Object> event) {
    for (Object value : new Object[] {event.get("lastTimestamp"), event.get("eventTime"),
        event.get("firstTimestamp"), at(event, "metadata", "creationTimestamp")}) {
      if (value != null && !text(value).isEmpty()) {
        try {
          return Instant.parse(text(value));
        } catch (DateTimeParseException e) {
          // an unreadable time: try the next field
        }
      }
    }
    return null;
  }

  /**
   * CPU cores and memory bytes in use by {@code pods}, summed over their containers, from the
   * metrics API (`kubectl top`); a cluster without it fails with a message saying so.
   */
  static Usage usage(KubernetesClient client, String label, String namespace,
      List<String> pods) {
    List<Map<String, Object>> metrics = new ArrayList<>();
    try {
      for (var item : client.genericKubernetesResources(POD_METRICS).inNamespace(namespace)
          .list().getItems()) {
        metrics.add(KubeObjects.tree(client, item));
      }
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404 || e.getCode() == 503) {
        throw new K8sException(label, "the cluster serves no metrics API (metrics.k8s.io,"
            + " from metrics-server), so k8s.usage cannot read pod usage");
      }
      throw e;
    }
    Set<String> wanted = new HashSet<>(pods);
    BigDecimal cpu = BigDecimal.ZERO;
    BigDecimal memory = BigDecimal.ZERO;
    for (Map<String, Object> m : metrics) {
      if (!wanted.contains(name(m)) || !(m.get("containers") instanceof List<?> containers)) {
        continue;
      }
      for (Object container : containers) {
        Map<String, Object> usage = map(map(container).get("usage"));
        cpu = cpu.add(amount(usage.get("cpu")));
        memory = memory.add(amount(usage.get("memory")));
      }
    }
    return new Usage(cpu.doubleValue(), memory.longValue());
  }

  private static BigDecimal amount(Object quantity) {
    return quantity == null ? BigDecimal.ZERO
        : Quantity.parse(text(quantity)).getNumericalAmount();
  }
}
