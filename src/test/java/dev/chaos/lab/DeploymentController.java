package dev.chaos.lab;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A very small deployment controller for the lab's API, which has none: once a second, each
 * deployment's pods are brought to its replica count (missing pods come back, Ready, after
 * {@link #RECREATE_AFTER}, as a ReplicaSet and kubelet would; extra pods go), pods of an
 * older pod template (a rollout restart changes it) are replaced, and the status follows
 * (observed generation, replicas, ready). Pods are matched by the deployment's
 * {@code matchLabels} in its namespace; pods of no deployment are never touched.
 *
 * <p>It manages the seed's namespace only. The drivers' tests each write their deployments,
 * statuses included, into a namespace of their own and read them back: a controller rewriting
 * those statuses between a write and a read made their outcome depend on timing.
 */
final class DeploymentController implements AutoCloseable {
  static final Duration RECREATE_AFTER = Duration.ofSeconds(2);

  private final KubernetesClient client;
  private final LlmMarketplaceSeed pods;
  private final Map<String, Long> shortSince = new HashMap<>();
  private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "lab-deployment-controller");
    thread.setDaemon(true);
    return thread;
  });

  DeploymentController(KubernetesClient client, LlmMarketplaceSeed pods) {
    this.client = client;
    this.pods = pods;
  }

  void start() {
    loop.scheduleWithFixedDelay(this::reconcileAll, 1, 1, TimeUnit.SECONDS);
  }

  private void reconcileAll() {
    try {
      for (Deployment deployment : client.apps().deployments()
          .inNamespace(LlmMarketplaceSeed.APP_NAMESPACE).list().getItems()) {
        reconcile(deployment);
      }
    } catch (KubernetesClientException | IllegalStateException e) {
      // The next round tries again; a lab controller must not die on one failed call.
      System.err.println("kube: controller: " + e.getMessage());
    }
  }

  private void reconcile(Deployment deployment) {
    String namespace = deployment.getMetadata().getNamespace();
    String name = deployment.getMetadata().getName();
    Map<String, String> selector = deployment.getSpec().getSelector().getMatchLabels();
    if (selector == null || selector.isEmpty()) {
      return;
    }
    int wanted = Objects.requireNonNullElse(deployment.getSpec().getReplicas(), 1);
    String hash = templateHash(deployment.getSpec().getTemplate());
    List<Pod> current = new ArrayList<>(client.pods().inNamespace(namespace).withLabels(selector)
        .list().getItems());

    // A changed template (rollout restart, new image): the old pods are replaced.
    List<Pod> outdated = current.stream()
        .filter(pod -> !hash.equals(pod.getMetadata().getLabels().get("pod-template-hash")))
        .toList();
    for (Pod pod : outdated) {
      client.pods().inNamespace(namespace).withName(pod.getMetadata().getName()).delete();
    }
    current.removeAll(outdated);

    if (current.size() > wanted) {
      current.sort(Comparator.comparing((Pod pod) -> pod.getMetadata().getName()));
      for (Pod pod : current.subList(wanted, current.size())) {
        client.pods().inNamespace(namespace).withName(pod.getMetadata().getName()).delete();
      }
      current = current.subList(0, wanted);
    }
    String key = namespace + "/" + name;
    long now = System.nanoTime();
    if (current.size() < wanted && outdated.isEmpty()) {
      long since = shortSince.computeIfAbsent(key, k -> now);
      if (now - since >= RECREATE_AFTER.toNanos()) {
        for (int i = current.size(); i < wanted; i++) {
          client.pods().inNamespace(namespace).resource(pods.replacementPod(deployment, hash)).create();
        }
        shortSince.remove(key);
        current = client.pods().inNamespace(namespace).withLabels(selector).list().getItems();
      }
    } else if (current.size() >= wanted) {
      shortSince.remove(key);
    }
    updateStatus(deployment, current.size(), (int) current.stream().filter(DeploymentController::ready).count(), wanted);
  }

  /** Ready as its Ready condition says: a `pod-failure` of the lab's chaos controller clears it. */
  private static boolean ready(Pod pod) {
    return pod.getStatus() != null && pod.getStatus().getConditions().stream()
        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private void updateStatus(Deployment deployment, int replicas, int ready, int wanted) {
    long generation = Objects.requireNonNullElse(deployment.getMetadata().getGeneration(), 1L);
    var status = deployment.getStatus();
    if (status != null && Objects.equals(status.getObservedGeneration(), generation)
        && Objects.equals(status.getReadyReplicas(), ready)
        && Objects.equals(status.getReplicas(), replicas)) {
      return;
    }
    deployment.setStatus(new DeploymentStatusBuilder(status == null
        ? new io.fabric8.kubernetes.api.model.apps.DeploymentStatus() : status)
        .withObservedGeneration(generation)
        .withReplicas(replicas).withUpdatedReplicas(replicas).withReadyReplicas(ready)
        .withAvailableReplicas(ready).withUnavailableReplicas(Math.max(0, wanted - ready) == 0 ? null : wanted - ready)
        .build());
    client.apps().deployments().inNamespace(deployment.getMetadata().getNamespace())
        .resource(deployment).updateStatus();
  }

  /** Like the pod-template-hash of a ReplicaSet: ten hex digits digesting the template. */
  static String templateHash(PodTemplateSpec template) {
    PodTemplateSpec copy = Serialization.clone(template);
    if (copy.getMetadata() != null && copy.getMetadata().getLabels() != null) {
      copy.getMetadata().getLabels().remove("pod-template-hash");
    }
    byte[] json = Serialization.asJson(copy).getBytes(StandardCharsets.UTF_8);
    return UUID.nameUUIDFromBytes(json).toString().replace("-", "").substring(0, 10);
  }

  @Override
  public void close() {
    loop.shutdownNow();
  }
}
