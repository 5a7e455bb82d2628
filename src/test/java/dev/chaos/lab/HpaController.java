package dev.chaos.lab;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerConditionBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerStatusBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The lab's HorizontalPodAutoscaler controller, for the HPAs of the seed's namespace whose
 * target is the gateway deployment, which the demo service stands for: every
 * {@link #PERIOD} it measures the demo's real CPU (the rate of its
 * {@code process_cpu_seconds_total}, which a StressChaos burns), divides it among the
 * deployment's pods against their CPU request, and scales the deployment as the Kubernetes HPA
 * does ({@link HpaMath}: ratio to the target utilization, 10% tolerance, min and max, scale-up
 * at once, scale-down only to the highest recommendation of the stabilization window). The
 * HPA's status says what it saw (current and desired replicas, current utilization, last scale
 * time, conditions). Other HPAs are left alone: no process stands for their pods.
 */
final class HpaController implements AutoCloseable {
  static final Duration PERIOD = Duration.ofSeconds(5);

  /** The last CPU sample of the demo: process seconds at a monotonic instant. */
  private record Sample(double cpuSeconds, long atNanos) {}

  private final KubernetesClient client;
  private final URI demoMetrics;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final Map<String, Deque<HpaMath.Recommendation>> history = new HashMap<>();
  private Sample last;
  private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "lab-hpa-controller");
    thread.setDaemon(true);
    return thread;
  });

  HpaController(KubernetesClient client, URI demo) {
    this.client = client;
    this.demoMetrics = demo.resolve("/metrics");
  }

  void start() {
    loop.scheduleWithFixedDelay(this::reconcileAll, PERIOD.toMillis(), PERIOD.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  private void reconcileAll() {
    try {
      OptionalDouble cores = demoCores();
      if (cores.isEmpty()) {
        System.err.println("kube: hpa controller: no CPU rate of the demo this round");
        return; // the first sample, or the demo did not answer: nothing to decide on
      }
      for (HorizontalPodAutoscaler hpa : client.autoscaling().v2().horizontalPodAutoscalers()
          .inNamespace(LlmMarketplaceSeed.APP_NAMESPACE).list().getItems()) {
        if (ChaosController.GATEWAY_APP.equals(hpa.getSpec().getScaleTargetRef().getName())
            && "Deployment".equals(hpa.getSpec().getScaleTargetRef().getKind())) {
          reconcile(hpa, cores.getAsDouble());
        }
      }
    } catch (KubernetesClientException | IllegalStateException | ArithmeticException e) {
      // the next round tries again; a lab controller must not die on one failed call
      System.err.println("kube: hpa controller: " + e.getMessage());
    }
  }

  private void reconcile(HorizontalPodAutoscaler hpa, double demoCores) {
    String namespace = hpa.getMetadata().getNamespace();
    String target = hpa.getSpec().getScaleTargetRef().getName();
    Deployment deployment = client.apps().deployments().inNamespace(namespace).withName(target).get();
    if (deployment == null) {
      return;
    }
    int current = Objects.requireNonNullElse(deployment.getSpec().getReplicas(), 1);
    List<Pod> pods = client.pods().inNamespace(namespace)
        .withLabels(deployment.getSpec().getSelector().getMatchLabels()).list().getItems();
    long requestMillis = cpuRequestMillis(deployment);
    Integer targetUtilization = targetUtilization(hpa);
    if (requestMillis <= 0 || targetUtilization == null || pods.isEmpty()) {
      return;
    }
    // one process stands for every pod of the deployment: its CPU is shared among them
    int utilization = (int) Math.round(demoCores * 1000 / pods.size() / requestMillis * 100);
    int min = Objects.requireNonNullElse(hpa.getSpec().getMinReplicas(), 1);
    int max = hpa.getSpec().getMaxReplicas();
    long now = System.nanoTime();
    int proposed = HpaMath.desired(current, pods.size(), utilization, targetUtilization, min, max);
    Deque<HpaMath.Recommendation> recent = history.computeIfAbsent(
        namespace + "/" + hpa.getMetadata().getName(), k -> new ArrayDeque<>());
    recent.addLast(new HpaMath.Recommendation(proposed, now));
    Duration window = HpaMath.scaleDownWindow(hpa);
    int desired = HpaMath.stabilized(recent, current, proposed, now, window);

    String lastScale = hpa.getStatus() == null ? null : hpa.getStatus().getLastScaleTime();
    if (desired != current) {
      client.apps().deployments().inNamespace(namespace).withName(target)
          .edit(d -> {
            d.getSpec().setReplicas(desired);
            d.getMetadata().setGeneration(Objects.requireNonNullElse(d.getMetadata().getGeneration(), 1L) + 1);
            return d;
          });
      lastScale = Instant.now().toString();
      System.out.println("kube: hpa: " + namespace + "/" + hpa.getMetadata().getName() + ": "
          + current + " -> " + desired + " replicas (cpu " + utilization + "% of request, target "
          + targetUtilization + "%)");
    }
    String reason = desired != current ? "SucceededRescale"
        : proposed < current ? "ScaleDownStabilized" : "ReadyForNewScale";
    hpa.setStatus(new HorizontalPodAutoscalerStatusBuilder()
        .withObservedGeneration(hpa.getMetadata().getGeneration())
        .withCurrentReplicas(current)
        .withDesiredReplicas(desired)
        .withLastScaleTime(lastScale)
        .withCurrentMetrics(new MetricStatusBuilder().withType("Resource").withNewResource()
            .withName("cpu").withNewCurrent().withAverageUtilization(utilization)
            .withAverageValue(new Quantity(Math.round(demoCores * 1000 / pods.size()) + "m"))
            .endCurrent().endResource().build())
        .withConditions(
            new HorizontalPodAutoscalerConditionBuilder().withType("AbleToScale").withStatus("True")
                .withReason(reason).withLastTransitionTime(Instant.now().toString()).build(),
            new HorizontalPodAutoscalerConditionBuilder().withType("ScalingActive").withStatus("True")
                .withReason("ValidMetricFound").withMessage("the lab measures the demo service's "
                    + "process CPU (it stands for every pod of " + target + ")")
                .withLastTransitionTime(Instant.now().toString()).build())
        .build());
    client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(namespace)
        .resource(hpa).updateStatus();
  }

  private static long cpuRequestMillis(Deployment deployment) {
    var containers = deployment.getSpec().getTemplate().getSpec().getContainers();
    long total = 0;
    for (var container : containers) {
      if (container.getResources() == null || container.getResources().getRequests() == null
          || container.getResources().getRequests().get("cpu") == null) {
        return 0; // as the HPA: without a request on every container, no utilization
      }
      total += Math.round(Quantity.getAmountInBytes(container.getResources().getRequests().get("cpu"))
          .doubleValue() * 1000);
    }
    return total;
  }

  private static Integer targetUtilization(HorizontalPodAutoscaler hpa) {
    if (hpa.getSpec().getMetrics() == null) {
      return null;
    }
    return hpa.getSpec().getMetrics().stream()
        .filter(m -> "Resource".equals(m.getType()) && m.getResource() != null
            && "cpu".equals(m.getResource().getName())
            && m.getResource().getTarget().getAverageUtilization() != null)
        .map(m -> m.getResource().getTarget().getAverageUtilization())
        .findFirst().orElse(null);
  }

  /** The demo's CPU in cores since the last sample; empty on the first or a failed one. */
  private OptionalDouble demoCores() {
    double seconds;
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(demoMetrics)
          .timeout(Duration.ofSeconds(4)).build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        return OptionalDouble.empty();
      }
      seconds = r.body().lines().filter(l -> l.startsWith("process_cpu_seconds_total "))
          .mapToDouble(l -> Double.parseDouble(l.substring(l.indexOf(' ') + 1).trim()))
          .findFirst().orElse(Double.NaN);
    } catch (IOException e) {
      // a busy demo (its CPU burnt) may answer late: the last sample stays, and the next rate
      // is taken over the longer interval, which is as true
      return OptionalDouble.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return OptionalDouble.empty();
    }
    Sample now = new Sample(seconds, System.nanoTime());
    Sample before = last;
    last = now;
    if (before == null || Double.isNaN(seconds) || seconds < before.cpuSeconds()) {
      return OptionalDouble.empty(); // a restarted demo starts its counter again
    }
    return OptionalDouble.of((seconds - before.cpuSeconds()) / ((now.atNanos() - before.atNanos()) / 1e9));
  }

  @Override
  public void close() {
    loop.shutdownNow();
  }
}
