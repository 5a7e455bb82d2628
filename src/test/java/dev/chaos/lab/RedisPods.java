package dev.chaos.lab;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The seed's Redis pods, `redis-master-0` and `redis-replica-0` in `llm-marketplace` (one
 * StatefulSet each, labels `app=redis` and `role`), backed by the lab's two real Redis
 * processes: a pod is Ready while its process answers, and its `role` label follows the
 * process's role (`master` or `replica`), so that `role=master` selects the master now. Deleting a pod (`k8s.kill_pods`,
 * a PodChaos `pod-kill`, `kubectl delete pod`) kills its process (`scripts/lab stop`), as the
 * kubelet kills a deleted pod's containers; after {@link #RESTART_AFTER}, as the StatefulSet
 * recreates the pod and Redis starts again, the process is started (`scripts/lab start`, which
 * follows Sentinel's current roles: a killed master comes back as the new master's replica)
 * and the new pod is Ready once it answers. A PodChaos `pod-failure` on one (the annotation
 * {@link ChaosController#POD_FAILURE}) stops its process until the failure ends, then starts
 * it again. So a runbook can take the real master away.
 */
final class RedisPods implements AutoCloseable {
  /** Longer than Sentinel's `down-after-milliseconds` (1 s) and a failover: a real restart. */
  static final Duration RESTART_AFTER = Duration.ofSeconds(8);

  /** One Redis pod and the lab component behind it. */
  record Node(String pod, String statefulSet, String service, String role, int port) {}

  private final KubernetesClient client;
  private final Path labScript;
  private final int offset;
  private final List<Node> nodes;
  private final Set<String> restarting = ConcurrentHashMap.newKeySet();
  /** Pods whose process a pod-failure has stopped. */
  private final Set<String> failed = ConcurrentHashMap.newKeySet();
  private final ExecutorService restarts = Executors.newCachedThreadPool(r -> {
    Thread thread = new Thread(r, "lab-redis-pod-restart");
    thread.setDaemon(true);
    return thread;
  });
  private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "lab-redis-pods");
    thread.setDaemon(true);
    return thread;
  });

  RedisPods(KubernetesClient client, Path labScript, int offset) {
    this.client = client;
    this.labScript = labScript;
    this.offset = offset;
    this.nodes = List.of(
        new Node("redis-master-0", "redis-master", "redis-master", "master", 16379 + offset),
        new Node("redis-replica-0", "redis-replica", "redis-replica", "replica", 16380 + offset));
  }

  /** The StatefulSets and their pods, as the processes are now. */
  void seed() {
    for (Node node : nodes) {
      client.apps().statefulSets().inNamespace(LlmMarketplaceSeed.APP_NAMESPACE)
          .resource(statefulSet(node)).create();
      client.pods().inNamespace(LlmMarketplaceSeed.APP_NAMESPACE).resource(pod(node, ping(node)))
          .create();
    }
  }

  void start() {
    loop.scheduleWithFixedDelay(this::reconcile, 1, 1, TimeUnit.SECONDS);
  }

  private void reconcile() {
    for (Node node : nodes) {
      if (restarting.contains(node.pod())) {
        continue;
      }
      try {
        Pod pod = client.pods().inNamespace(LlmMarketplaceSeed.APP_NAMESPACE).withName(node.pod()).get();
        if (pod == null) {
          restarting.add(node.pod());
          restarts.submit(() -> restart(node));
          continue;
        }
        boolean failed = pod.getMetadata().getAnnotations() != null
            && pod.getMetadata().getAnnotations().containsKey(ChaosController.POD_FAILURE);
        if (failed != this.failed.contains(node.pod())) {
          // a pod-failure: the container stops for its duration, then starts again
          restarting.add(node.pod());
          restarts.submit(() -> podFailure(node, failed));
          continue;
        }
        if (failed) {
          continue;
        }
        String role = role(node);
        boolean alive = role != null;
        if (alive != ready(pod)) {
          setReady(pod, alive);
        }
        if (alive && !role.equals(pod.getMetadata().getLabels().get("role"))) {
          // the label follows the process's role, so `role=master` selects the master now
          client.pods().inNamespace(LlmMarketplaceSeed.APP_NAMESPACE).withName(node.pod())
              .edit(p -> {
                p.getMetadata().getLabels().put("role", role);
                return p;
              });
        }
        syncStatefulSet(node, alive);
      } catch (KubernetesClientException e) {
        System.err.println("kube: redis pods: " + e.getMessage());
      }
    }
  }

  /** A pod-failure began (the process stops, the pod stays) or ended (it starts again). */
  private void podFailure(Node node, boolean begins) {
    try {
      System.out.println("kube: redis pods: " + node.pod() + " pod-failure "
          + (begins ? "began: stopping " : "ended: starting ") + node.service());
      lab(begins ? "stop" : "start", node.service());
      if (begins) {
        failed.add(node.pod());
      } else {
        failed.remove(node.pod());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException | IOException e) {
      System.err.println("kube: redis pods: pod-failure of " + node.pod() + ": " + e);
    } finally {
      restarting.remove(node.pod());
    }
  }

  /** The pod was deleted: its process dies, and comes back with the recreated pod. */
  private void restart(Node node) {
    try {
      System.out.println("kube: redis pods: " + node.pod() + " deleted: stopping " + node.service());
      lab("stop", node.service());
      syncStatefulSet(node, false);
      Thread.sleep(RESTART_AFTER.toMillis());
      client.pods().inNamespace(LlmMarketplaceSeed.APP_NAMESPACE).resource(pod(node, false)).create();
      System.out.println("kube: redis pods: " + node.pod() + " recreated: starting " + node.service());
      lab("start", node.service());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException | IOException e) {
      System.err.println("kube: redis pods: restart of " + node.pod() + " failed: " + e);
    } finally {
      restarting.remove(node.pod());
    }
  }

  private void lab(String command, String service) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(labScript.toString(), command, service)
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.INHERIT);
    builder.environment().put("LAB_PORT_OFFSET", Integer.toString(offset));
    builder.environment().putIfAbsent("LAB_TIMEOUT", "120");
    Process process = builder.start();
    if (!process.waitFor(150, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException("scripts/lab " + command + " " + service + " did not end within 150 s");
    }
    if (process.exitValue() != 0) {
      throw new IOException("scripts/lab " + command + " " + service + " exited " + process.exitValue());
    }
  }

  private boolean ping(Node node) {
    return role(node) != null;
  }

  /** `master` or `replica` as the process says (INFO replication); null when it does not answer. */
  private static String role(Node node) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", node.port()), 500);
      socket.setSoTimeout(500);
      OutputStream out = socket.getOutputStream();
      out.write("INFO replication\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      java.io.BufferedReader reader = new java.io.BufferedReader(
          new java.io.InputStreamReader(in, StandardCharsets.US_ASCII));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line.startsWith("role:")) {
          return line.substring(5).strip().equals("master") ? "master" : "replica";
        }
        if (line.startsWith("-")) {
          return null; // an error: loading, or not ready to answer
        }
      }
      return null;
    } catch (IOException e) {
      return null;
    }
  }

  private static boolean ready(Pod pod) {
    return pod.getStatus() != null && pod.getStatus().getConditions().stream()
        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private void setReady(Pod pod, boolean ready) {
    String flag = ready ? "True" : "False";
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    pod.getStatus().getConditions().stream()
        .filter(c -> c.getType().equals("Ready") || c.getType().equals("ContainersReady"))
        .forEach(c -> {
          c.setStatus(flag);
          c.setLastTransitionTime(now);
        });
    pod.getStatus().getContainerStatuses().forEach(c -> c.setReady(ready));
    client.pods().inNamespace(LlmMarketplaceSeed.APP_NAMESPACE).resource(pod).updateStatus();
  }

  private void syncStatefulSet(Node node, boolean ready) {
    StatefulSet set = client.apps().statefulSets().inNamespace(LlmMarketplaceSeed.APP_NAMESPACE)
        .withName(node.statefulSet()).get();
    if (set == null || set.getStatus() == null) {
      return;
    }
    int readyReplicas = ready ? 1 : 0;
    if (set.getStatus().getReadyReplicas() != null && set.getStatus().getReadyReplicas() == readyReplicas) {
      return;
    }
    set.getStatus().setReadyReplicas(readyReplicas);
    set.getStatus().setAvailableReplicas(readyReplicas);
    client.apps().statefulSets().inNamespace(LlmMarketplaceSeed.APP_NAMESPACE).resource(set)
        .updateStatus();
  }

  /** The StatefulSet's selector and template labels: `role` is the pods' alone (it changes). */
  private static Map<String, String> labels(Node node) {
    return Map.of("app", "redis", "statefulset", node.statefulSet());
  }

  private StatefulSet statefulSet(Node node) {
    return new StatefulSetBuilder()
        .withNewMetadata().withName(node.statefulSet()).withNamespace(LlmMarketplaceSeed.APP_NAMESPACE)
        .withLabels(labels(node)).withGeneration(1L).endMetadata()
        .withNewSpec().withReplicas(1).withServiceName("redis")
        .withNewSelector().withMatchLabels(labels(node)).endSelector()
        .withNewTemplate().withNewMetadata().withLabels(labels(node)).endMetadata()
        .withNewSpec().addNewContainer().withName("redis").withImage("redis:7")
        .addNewPort().withContainerPort(6379).endPort().endContainer().endSpec()
        .endTemplate().endSpec()
        .withNewStatus().withObservedGeneration(1L).withReplicas(1).withReadyReplicas(1)
        .withAvailableReplicas(1).withCurrentReplicas(1).withUpdatedReplicas(1).endStatus()
        .build();
  }

  private Pod pod(Node node, boolean ready) {
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    String flag = ready ? "True" : "False";
    Map<String, String> labels = new java.util.LinkedHashMap<>(labels(node));
    labels.put("statefulset.kubernetes.io/pod-name", node.pod());
    String current = role(node);
    labels.put("role", current == null ? node.role() : current);
    return new PodBuilder()
        .withNewMetadata().withName(node.pod()).withNamespace(LlmMarketplaceSeed.APP_NAMESPACE)
        .withLabels(labels)
        .addNewOwnerReference().withApiVersion("apps/v1").withKind("StatefulSet")
        .withName(node.statefulSet()).withController(true).withUid("lab-" + node.statefulSet())
        .endOwnerReference().endMetadata()
        .withNewSpec().addNewContainer().withName("redis").withImage("redis:7")
        .addNewPort().withContainerPort(6379).endPort().endContainer()
        .withNodeName("lab-node-" + (node.role().equals("master") ? 1 : 2)).endSpec()
        .withNewStatus().withPhase("Running").withStartTime(now)
        .withPodIP("127.0.0.1").withHostIP("127.0.0.1")
        .withConditions(
            new PodConditionBuilder().withType("PodScheduled").withStatus("True").withLastTransitionTime(now).build(),
            new PodConditionBuilder().withType("Initialized").withStatus("True").withLastTransitionTime(now).build(),
            new PodConditionBuilder().withType("ContainersReady").withStatus(flag).withLastTransitionTime(now).build(),
            new PodConditionBuilder().withType("Ready").withStatus(flag).withLastTransitionTime(now).build())
        .withContainerStatuses(new ContainerStatusBuilder().withName("redis").withImage("redis:7")
            .withReady(ready).withStarted(true).withRestartCount(0)
            .withNewState().withNewRunning().withStartedAt(now).endRunning().endState().build())
        .endStatus()
        .build();
  }

  @Override
  public void close() {
    loop.shutdownNow();
    restarts.shutdownNow();
  }
}
