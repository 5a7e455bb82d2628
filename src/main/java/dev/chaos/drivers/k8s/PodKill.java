package dev.chaos.drivers.k8s;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Which pods `k8s.kill_pods` kills and the killing itself. The pods are chosen uniformly at
 * random among the selected ones (a chaos experiment should not always hit the pod that sorts
 * first), and deleted in parallel, at most {@link K8sClients#PARALLEL_REQUESTS} requests at
 * once, so that killing 30% of a large deployment takes about as long as its slowest deletes
 * rather than their sum.
 */
final class PodKill {
  private PodKill() {}

  /** The pods deleted, and the first failure (null when every delete went through). */
  record Outcome(List<String> killed, Throwable failure) {}

  /** {@code count} of {@code names} chosen at random, sorted by name. */
  static List<String> choose(List<String> names, int count, Random random) {
    List<String> shuffled = new ArrayList<>(names);
    Collections.shuffle(shuffled, random);
    List<String> chosen = new ArrayList<>(shuffled.subList(0, count));
    Collections.sort(chosen);
    return chosen;
  }

  /**
   * Deletes {@code pods} of {@code namespace} with {@code grace}; a pod already gone is not
   * counted as killed. An interrupt (the call abandoned) cancels the deletes not yet made.
   */
  static Outcome delete(KubernetesClient client, String namespace, List<String> pods,
      Duration grace) throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(
        Math.max(1, Math.min(K8sClients.PARALLEL_REQUESTS, pods.size())), runnable -> {
          Thread thread = new Thread(runnable, "k8s-kill");
          thread.setDaemon(true);
          return thread;
        });
    try {
      List<Future<Boolean>> deletes = new ArrayList<>();
      for (String pod : pods) {
        deletes.add(pool.submit(() -> !client.pods().inNamespace(namespace).withName(pod)
            .withGracePeriod(grace.toSeconds()).delete().isEmpty()));
      }
      List<String> killed = new ArrayList<>();
      Throwable failure = null;
      for (int i = 0; i < pods.size(); i++) {
        try {
          if (deletes.get(i).get()) {
            killed.add(pods.get(i));
          }
        } catch (ExecutionException e) {
          failure = failure == null ? e.getCause() : failure;
        }
      }
      return new Outcome(killed, failure);
    } finally {
      pool.shutdownNow();
    }
  }
}
