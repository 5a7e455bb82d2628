package dev.chaos.lab;

import dev.chaos.drivers.kube.PodFacts;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The lab's Chaos Mesh: twice a second it reads the PodChaos, NetworkChaos and StressChaos
 * objects of the API and acts on the pods each selects ({@link ChaosPlan}), once per object:
 *
 * <ul>
 *   <li>`pod-kill`: deletes them (the {@link DeploymentController} replaces them);
 *   <li>`pod-failure`: makes them not ready (Ready=False, containers not ready) until the
 *       `duration` passes or the object is deleted, then ready again;
 *   <li>NetworkChaos `delay`/`loss` and StressChaos `cpu` on a pod of the gateway's deployment,
 *       which the demo service stands for: the demo's answers are delayed or dropped, or it burns
 *       CPU, through its {@code /admin/faults} endpoint ({@link DemoFaults}); a StressChaos also
 *       raises the selected pods' usage in the metrics API (`k8s.usage`, `kubectl top`).
 * </ul>
 *
 * Each effect and each recovery is an Event in the object's namespace (`Applied`,
 * `Recovered`; `Failed` when it selects nothing or the lab cannot do it), as Chaos Mesh
 * records them.
 */
final class ChaosController implements AutoCloseable {
  static final String GATEWAY_NAMESPACE = LlmMarketplaceSeed.APP_NAMESPACE;
  static final String GATEWAY_APP = "graphql-gateway";
  /** Set on a pod while a `pod-failure` holds it: its containers do not run. */
  static final String POD_FAILURE = "chaos.lab/pod-failure";
  private static final List<ResourceDefinitionContext> KINDS = List.of(
      context("PodChaos", "podchaos"), context("NetworkChaos", "networkchaos"),
      context("StressChaos", "stresschaos"));
  private static final ResourceDefinitionContext POD_METRICS = new ResourceDefinitionContext
      .Builder().withGroup("metrics.k8s.io").withVersion("v1beta1").withPlural("pods")
      .withKind("PodMetrics").withNamespaced(true).build();

  /** One object acted on: what was done, until when, and what to undo. */
  private record Active(GenericKubernetesResource object, String key, ChaosPlan plan,
      long endsAtNanos, boolean demo, Map<String, GenericKubernetesResource> metricsBefore) {}

  private final KubernetesClient client;
  private final URI demo;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  /** By uid: every object seen (so it is acted on once); value null once it is over. */
  private final Map<String, Active> seen = new HashMap<>();
  private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "lab-chaos-controller");
    thread.setDaemon(true);
    return thread;
  });

  ChaosController(KubernetesClient client, URI demo) {
    this.client = client;
    this.demo = demo;
  }

  void start() {
    loop.scheduleWithFixedDelay(this::reconcileAll, 500, 500, TimeUnit.MILLISECONDS);
  }

  private void reconcileAll() {
    try {
      Map<String, GenericKubernetesResource> objects = new LinkedHashMap<>();
      for (ResourceDefinitionContext kind : KINDS) {
        for (GenericKubernetesResource o : client.genericKubernetesResources(kind).inAnyNamespace()
            .list().getItems()) {
          objects.put(o.getMetadata().getUid(), o);
        }
      }
      long now = System.nanoTime();
      for (var entry : new ArrayList<>(seen.entrySet())) {
        Active active = entry.getValue();
        boolean gone = !objects.containsKey(entry.getKey());
        if (active != null && (gone || now - active.endsAtNanos() >= 0)) {
          recover(active, gone);
          seen.put(entry.getKey(), null);
        }
        if (gone) {
          seen.remove(entry.getKey());
        }
      }
      for (var entry : objects.entrySet()) {
        if (!seen.containsKey(entry.getKey())) {
          seen.put(entry.getKey(), apply(entry.getValue()));
        }
      }
    } catch (KubernetesClientException | IllegalStateException e) {
      // the next round tries again; a lab controller must not die on one failed call
      System.err.println("kube: chaos controller: " + e.getMessage());
    }
  }

  /** Acts on a new object; the {@link Active} to end later, or null when nothing lasts. */
  private Active apply(GenericKubernetesResource object) {
    @SuppressWarnings("unchecked")
    Map<String, Object> tree = Serialization.unmarshal(Serialization.asJson(object), Map.class);
    ChaosPlan plan = ChaosPlan.decide(tree, pods());
    String key = object.getMetadata().getNamespace() + "/" + object.getMetadata().getName();
    if (plan.action().equals("unsupported")) {
      event(object, "Warning", "Failed", plan.reason());
      return null;
    }
    if (plan.targets().isEmpty()) {
      event(object, "Warning", "Failed", "no pod is selected: nothing injected");
      return null;
    }
    String names = String.join(", ", plan.targets().stream()
        .map(p -> p.namespace() + "/" + p.name()).toList());
    long ends = plan.duration() == null ? System.nanoTime() + DemoFaults.MAX_TTL_MS * 1_000_000
        : System.nanoTime() + plan.duration().toNanos();
    boolean demoHit = plan.targets().stream().anyMatch(ChaosController::isGateway);
    Map<String, GenericKubernetesResource> metricsBefore = new LinkedHashMap<>();
    switch (plan.action()) {
      case "pod-kill" -> {
        for (PodFacts p : plan.targets()) {
          client.pods().inNamespace(p.namespace()).withName(p.name()).delete();
        }
        event(object, "Normal", "Applied", "pod-kill: deleted " + names);
        return null;
      }
      case "pod-failure" -> {
        for (PodFacts p : plan.targets()) {
          setReady(p, false);
        }
        event(object, "Normal", "Applied", "pod-failure: not ready " + names
            + (plan.duration() == null ? "" : " for " + plan.duration()));
      }
      default -> {
        if (plan.action().equals("stress")) {
          long millicores = 10L * plan.cpuWorkers() * plan.cpuLoad();
          for (PodFacts p : plan.targets()) {
            metricsBefore.put(p.namespace() + "/" + p.name(), stress(p, millicores));
          }
        }
        if (demoHit) {
          demoFault(key, plan, Math.max(1, (ends - System.nanoTime()) / 1_000_000));
        }
        event(object, "Normal", "Applied", describe(plan) + " on " + names
            + (demoHit ? " (the demo service)" : " (no demo pod: only recorded)"));
      }
    }
    return new Active(object, key, plan, ends, demoHit, metricsBefore);
  }

  private void recover(Active active, boolean objectGone) {
    ChaosPlan plan = active.plan();
    if (plan.action().equals("pod-failure")) {
      for (PodFacts p : plan.targets()) {
        setReady(p, true);
      }
    }
    if (active.demo()) {
      demoRequest(HttpRequest.newBuilder(demo.resolve(DemoFaults.PATH + "/" + active.key())).DELETE());
    }
    active.metricsBefore().forEach((podKey, before) -> restoreMetrics(podKey, before));
    event(active.object(), "Normal", "Recovered", plan.action() + " recovered"
        + (objectGone ? ": the object was deleted" : ": its duration passed"));
  }

  private List<PodFacts> pods() {
    List<PodFacts> out = new ArrayList<>();
    for (Pod p : client.pods().inAnyNamespace().list().getItems()) {
      var m = p.getMetadata();
      out.add(new PodFacts(m.getNamespace(), m.getName(),
          Objects.requireNonNullElse(m.getLabels(), Map.of()),
          Objects.requireNonNullElse(m.getAnnotations(), Map.of()),
          p.getStatus() == null ? "" : p.getStatus().getPhase(),
          p.getSpec() == null ? "" : p.getSpec().getNodeName()));
    }
    return out;
  }

  static boolean isGateway(PodFacts pod) {
    return pod.namespace().equals(GATEWAY_NAMESPACE) && GATEWAY_APP.equals(pod.labels().get("app"));
  }

  private void setReady(PodFacts target, boolean ready) {
    Pod pod = client.pods().inNamespace(target.namespace()).withName(target.name()).get();
    if (pod == null || pod.getStatus() == null) {
      return; // replaced meanwhile: the new pod is ready
    }
    String flag = ready ? "True" : "False";
    String now = Instant.now().toString();
    for (PodCondition c : pod.getStatus().getConditions()) {
      if (c.getType().equals("Ready") || c.getType().equals("ContainersReady")) {
        c.setStatus(flag);
        c.setLastTransitionTime(now);
        c.setReason(ready ? null : "ContainersNotReady");
      }
    }
    for (ContainerStatus c : pod.getStatus().getContainerStatuses()) {
      c.setReady(ready);
    }
    client.pods().inNamespace(target.namespace()).resource(pod).updateStatus();
    // pods backed by a real process (RedisPods) stop it while the annotation is there
    client.pods().inNamespace(target.namespace()).withName(target.name()).edit(p -> {
      if (p.getMetadata().getAnnotations() == null) {
        p.getMetadata().setAnnotations(new HashMap<>());
      }
      if (ready) {
        p.getMetadata().getAnnotations().remove(POD_FAILURE);
      } else {
        p.getMetadata().getAnnotations().put(POD_FAILURE, "true");
      }
      return p;
    });
  }

  /** Raises the pod's CPU usage in the metrics API; what was there before, or null. */
  private GenericKubernetesResource stress(PodFacts p, long millicores) {
    var metrics = client.genericKubernetesResources(POD_METRICS).inNamespace(p.namespace());
    GenericKubernetesResource before = metrics.withName(p.name()).get();
    Pod pod = client.pods().inNamespace(p.namespace()).withName(p.name()).get();
    String container = pod == null || pod.getSpec().getContainers().isEmpty() ? "main"
        : pod.getSpec().getContainers().get(0).getName();
    Map<String, Object> usage = new LinkedHashMap<>();
    usage.put("cpu", millicores + "m");
    usage.put("memory", "64Mi");
    GenericKubernetesResource stressed = new GenericKubernetesResource();
    stressed.setApiVersion("metrics.k8s.io/v1beta1");
    stressed.setKind("PodMetrics");
    stressed.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
        .withName(p.name()).withNamespace(p.namespace()).build());
    stressed.setAdditionalProperty("timestamp", Instant.now().toString());
    stressed.setAdditionalProperty("window", "15s");
    stressed.setAdditionalProperty("containers", List.of(Map.of("name", container, "usage", usage)));
    if (before != null) {
      metrics.withName(p.name()).delete();
    }
    metrics.resource(stressed).create();
    return before;
  }

  private void restoreMetrics(String podKey, GenericKubernetesResource before) {
    String namespace = podKey.substring(0, podKey.indexOf('/'));
    String name = podKey.substring(podKey.indexOf('/') + 1);
    var metrics = client.genericKubernetesResources(POD_METRICS).inNamespace(namespace);
    metrics.withName(name).delete();
    if (before != null) {
      before.getMetadata().setResourceVersion(null);
      metrics.resource(before).create();
    }
  }

  private void demoFault(String key, ChaosPlan plan, long ttlMs) {
    String body = "{\"delayMs\":" + plan.delayMs() + ",\"jitterMs\":" + plan.jitterMs()
        + ",\"lossPercent\":" + plan.lossPercent() + ",\"cpuWorkers\":" + plan.cpuWorkers()
        + ",\"cpuLoad\":" + plan.cpuLoad() + ",\"ttlMs\":" + ttlMs + "}";
    demoRequest(HttpRequest.newBuilder(demo.resolve(DemoFaults.PATH + "/" + key))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  private void demoRequest(HttpRequest.Builder request) {
    try {
      HttpResponse<Void> response = http.send(request.timeout(Duration.ofSeconds(3)).build(),
          HttpResponse.BodyHandlers.discarding());
      if (response.statusCode() >= 400 && response.statusCode() != 404) {
        System.err.println("kube: chaos controller: demo answered " + response.statusCode());
      }
    } catch (java.io.IOException e) {
      System.err.println("kube: chaos controller: the demo service is unreachable: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String describe(ChaosPlan plan) {
    return switch (plan.action()) {
      case "delay" -> "delay " + plan.delayMs() + "ms (jitter " + plan.jitterMs() + "ms)";
      case "loss" -> "loss " + plan.lossPercent() + "%";
      case "stress" -> "cpu stress: " + plan.cpuWorkers() + " workers at " + plan.cpuLoad() + "%";
      default -> plan.action();
    };
  }

  private void event(GenericKubernetesResource object, String type, String reason, String message) {
    var m = object.getMetadata();
    String now = Instant.now().toString();
    try {
      client.v1().events().inNamespace(m.getNamespace()).resource(new EventBuilder()
          .withNewMetadata().withNamespace(m.getNamespace())
          .withName(m.getName() + "." + UUID.randomUUID().toString().substring(0, 8)).endMetadata()
          .withNewInvolvedObject().withApiVersion(object.getApiVersion()).withKind(object.getKind())
          .withName(m.getName()).withNamespace(m.getNamespace()).withUid(m.getUid()).endInvolvedObject()
          .withType(type).withReason(reason).withMessage(message)
          .withNewSource().withComponent("chaos-controller-manager (lab)").endSource()
          .withFirstTimestamp(now).withLastTimestamp(now).withCount(1)
          .build()).create();
    } catch (KubernetesClientException e) {
      System.err.println("kube: chaos controller: event not recorded: " + e.getMessage());
    }
    System.out.println("kube: chaos: " + object.getKind() + " " + m.getNamespace() + "/"
        + m.getName() + ": " + reason + ": " + message);
  }

  private static ResourceDefinitionContext context(String kind, String plural) {
    return new ResourceDefinitionContext.Builder().withGroup("chaos-mesh.org")
        .withVersion("v1alpha1").withPlural(plural).withKind(kind).withNamespaced(true).build();
  }

  @Override
  public void close() {
    loop.shutdownNow();
  }
}
