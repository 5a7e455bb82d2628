package dev.chaos.lab;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The region failure of the seed's disaster-recovery workflow, in the primary region's API:
 *
 * <ul>
 *   <li>a small Argo: an Argo `Workflow` is run once, its entrypoint's `steps` in order, each
 *       step's `resource` template with `action: create` creating its `manifest` (in the
 *       workflow's namespace unless it names one); `spec.shutdown` ends it (phase `Failed`);
 *   <li>a small Litmus: an active `ChaosEngine` whose `node-drain` experiment names
 *       `NODE_LABEL=topology.kubernetes.io/region=primary` drains the whole primary region (every
 *       node of this API is in it): every pod of the deployments of `llm-marketplace` is not
 *       ready (drained, nowhere to go) and the demo service, the region's gateway, answers
 *       nothing (100% loss: `/items` 503, `/health` 503), for `TOTAL_CHAOS_DURATION` seconds or
 *       until the engine is deleted or set to `engineState: stop`; then everything is ready
 *       again and `status.engineStatus` is `completed`.
 * </ul>
 */
final class RegionDrain implements AutoCloseable {
  static final String PRIMARY = "topology.kubernetes.io/region=primary";
  private static final ResourceDefinitionContext ARGO = context("argoproj.io", "Workflow", "workflows");
  private static final ResourceDefinitionContext ENGINE = context("litmuschaos.io", "ChaosEngine",
      "chaosengines");

  /** A drain in effect: the engine's key and when it ends. */
  private record Drain(String key, long endsAtNanos) {}

  private final KubernetesClient client;
  private final URI demo;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final Set<String> workflowsRun = new HashSet<>();
  private final Map<String, Drain> drains = new HashMap<>();
  private final Set<String> drainsOver = new HashSet<>();
  private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "lab-region-drain");
    thread.setDaemon(true);
    return thread;
  });

  RegionDrain(KubernetesClient client, URI demo) {
    this.client = client;
    this.demo = demo;
  }

  void start() {
    loop.scheduleWithFixedDelay(this::reconcile, 1, 1, TimeUnit.SECONDS);
  }

  private void reconcile() {
    try {
      for (GenericKubernetesResource workflow : client.genericKubernetesResources(ARGO)
          .inAnyNamespace().list().getItems()) {
        runWorkflow(workflow);
      }
      Map<String, GenericKubernetesResource> engines = new HashMap<>();
      for (GenericKubernetesResource engine : client.genericKubernetesResources(ENGINE)
          .inAnyNamespace().list().getItems()) {
        engines.put(engine.getMetadata().getUid(), engine);
      }
      long now = System.nanoTime();
      for (var entry : new HashMap<>(drains).entrySet()) {
        GenericKubernetesResource engine = engines.get(entry.getKey());
        boolean stopped = engine == null || !"active".equals(at(engine, "spec", "engineState"));
        if (stopped || now - entry.getValue().endsAtNanos() >= 0) {
          undrain(entry.getValue().key());
          drains.remove(entry.getKey());
          drainsOver.add(entry.getKey());
          if (engine != null) {
            status(engine, "completed");
          }
        }
      }
      drainsOver.retainAll(engines.keySet());
      for (var entry : engines.entrySet()) {
        GenericKubernetesResource engine = entry.getValue();
        if (!drains.containsKey(entry.getKey()) && !drainsOver.contains(entry.getKey())
            && "active".equals(at(engine, "spec", "engineState")) && drainsPrimary(engine)) {
          long seconds = totalChaosSeconds(engine);
          String key = engine.getMetadata().getNamespace() + "/" + engine.getMetadata().getName();
          drain(key, seconds);
          drains.put(entry.getKey(), new Drain(key, now + seconds * 1_000_000_000L));
          status(engine, "initialized");
        }
      }
      // a drained region stays drained: pods the deployment controller adds are not ready either
      if (!drains.isEmpty()) {
        setAppPodsReady(false);
      }
    } catch (KubernetesClientException | IllegalStateException | ClassCastException e) {
      System.err.println("kube: region drain: " + e.getMessage());
    }
  }

  @SuppressWarnings("unchecked")
  private void runWorkflow(GenericKubernetesResource workflow) {
    String uid = workflow.getMetadata().getUid();
    String namespace = workflow.getMetadata().getNamespace();
    if (at(workflow, "spec", "shutdown") != null) {
      if (!"Failed".equals(at(workflow, "status", "phase"))) {
        phase(workflow, "Failed", "Stopped with strategy 'Terminate'");
      }
      return;
    }
    // a workflow with a phase already ran (or finished) elsewhere: Argo never runs it again
    if (!workflowsRun.add(uid) || at(workflow, "status", "phase") != null) {
      return;
    }
    Map<String, Object> spec = (Map<String, Object>) workflow.getAdditionalProperties().get("spec");
    List<Map<String, Object>> templates = (List<Map<String, Object>>) spec.getOrDefault("templates", List.of());
    Map<String, Map<String, Object>> byName = new HashMap<>();
    templates.forEach(t -> byName.put(String.valueOf(t.get("name")), t));
    Map<String, Object> entry = byName.get(String.valueOf(spec.get("entrypoint")));
    List<Map<String, Object>> toRun = new java.util.ArrayList<>();
    if (entry != null && entry.get("steps") instanceof List<?> groups) {
      for (Object group : groups) {
        for (Object step : (List<Object>) group) {
          Map<String, Object> t = byName.get(String.valueOf(((Map<String, Object>) step).get("template")));
          if (t != null) {
            toRun.add(t);
          }
        }
      }
    } else if (entry != null) {
      toRun.add(entry);
    }
    for (Map<String, Object> t : toRun) {
      if (t.get("resource") instanceof Map<?, ?> resource && "create".equals(resource.get("action"))
          && resource.get("manifest") instanceof String manifest) {
        GenericKubernetesResource object = Serialization.unmarshal(manifest, GenericKubernetesResource.class);
        if (object.getMetadata().getNamespace() == null) {
          object.getMetadata().setNamespace(namespace);
        }
        client.resource(object).create();
        System.out.println("kube: argo: " + namespace + "/" + workflow.getMetadata().getName()
            + ": created " + object.getKind() + " " + object.getMetadata().getNamespace() + "/"
            + object.getMetadata().getName());
      }
    }
    phase(workflow, "Running", "the lab's Argo created the workflow's resources");
  }

  @SuppressWarnings("unchecked")
  private static boolean drainsPrimary(GenericKubernetesResource engine) {
    Object experiments = at(engine, "spec", "experiments");
    if (!(experiments instanceof List<?> list)) {
      return false;
    }
    for (Object e : list) {
      Map<String, Object> experiment = (Map<String, Object>) e;
      if ("node-drain".equals(experiment.get("name")) && env(experiment, "NODE_LABEL")
          .map(PRIMARY::equals).orElse(false)) {
        return true;
      }
    }
    return false;
  }

  @SuppressWarnings("unchecked")
  private static long totalChaosSeconds(GenericKubernetesResource engine) {
    for (Object e : (List<Object>) at(engine, "spec", "experiments")) {
      var value = env((Map<String, Object>) e, "TOTAL_CHAOS_DURATION");
      if (value.isPresent()) {
        try {
          return Math.max(1, Math.min(900, Long.parseLong(value.get().strip())));
        } catch (NumberFormatException ignored) {
          // Litmus's default below
        }
      }
    }
    return 60;
  }

  @SuppressWarnings("unchecked")
  private static java.util.Optional<String> env(Map<String, Object> experiment, String name) {
    Object spec = experiment.get("spec");
    Object components = spec instanceof Map<?, ?> m ? m.get("components") : null;
    Object env = components instanceof Map<?, ?> c ? c.get("env") : null;
    if (env instanceof List<?> vars) {
      for (Object v : vars) {
        Map<String, Object> var = (Map<String, Object>) v;
        if (name.equals(var.get("name"))) {
          return java.util.Optional.of(String.valueOf(var.get("value")));
        }
      }
    }
    return java.util.Optional.empty();
  }

  private void drain(String key, long seconds) {
    System.out.println("kube: litmus: " + key + ": node-drain of " + PRIMARY + " for " + seconds
        + " s: the primary region is down");
    setAppPodsReady(false);
    demoRequest(HttpRequest.newBuilder(demo.resolve(DemoFaults.PATH + "/region/" + key))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"lossPercent\":100,\"ttlMs\":"
            + seconds * 1000 + "}")));
  }

  private void undrain(String key) {
    System.out.println("kube: litmus: " + key + ": drain over: the primary region is back");
    demoRequest(HttpRequest.newBuilder(demo.resolve(DemoFaults.PATH + "/region/" + key)).DELETE());
    setAppPodsReady(true);
  }

  /** Every pod of a deployment of the seed's namespace ready or not (Redis pods are not drained). */
  private void setAppPodsReady(boolean ready) {
    String flag = ready ? "True" : "False";
    for (Deployment d : client.apps().deployments().inNamespace(LlmMarketplaceSeed.APP_NAMESPACE)
        .list().getItems()) {
      for (Pod pod : client.pods().inNamespace(LlmMarketplaceSeed.APP_NAMESPACE)
          .withLabels(d.getSpec().getSelector().getMatchLabels()).list().getItems()) {
        boolean changed = false;
        for (PodCondition c : pod.getStatus().getConditions()) {
          if ((c.getType().equals("Ready") || c.getType().equals("ContainersReady"))
              && !flag.equals(c.getStatus())) {
            c.setStatus(flag);
            c.setReason(ready ? null : "NodeDrained");
            c.setLastTransitionTime(Instant.now().toString());
            changed = true;
          }
        }
        if (changed) {
          pod.getStatus().getContainerStatuses().forEach(s -> s.setReady(ready));
          client.pods().inNamespace(LlmMarketplaceSeed.APP_NAMESPACE).resource(pod).updateStatus();
        }
      }
    }
  }

  private void status(GenericKubernetesResource engine, String engineStatus) {
    engine.getAdditionalProperties().put("status", Map.of("engineStatus", engineStatus));
    try {
      client.genericKubernetesResources(ENGINE).inNamespace(engine.getMetadata().getNamespace())
          .resource(engine).update();
    } catch (KubernetesClientException e) {
      System.err.println("kube: litmus: status not written: " + e.getMessage());
    }
  }

  private void phase(GenericKubernetesResource workflow, String phase, String message) {
    workflow.getAdditionalProperties().put("status", Map.of("phase", phase, "message", message));
    try {
      client.genericKubernetesResources(ARGO).inNamespace(workflow.getMetadata().getNamespace())
          .resource(workflow).update();
    } catch (KubernetesClientException e) {
      System.err.println("kube: argo: status not written: " + e.getMessage());
    }
  }

  @SuppressWarnings("unchecked")
  private static Object at(GenericKubernetesResource o, String... path) {
    Object node = o.getAdditionalProperties();
    for (String key : path) {
      if (!(node instanceof Map<?, ?> m)) {
        return null;
      }
      node = ((Map<String, Object>) m).get(key);
    }
    return node;
  }

  private void demoRequest(HttpRequest.Builder request) {
    try {
      HttpResponse<Void> response = http.send(request.timeout(Duration.ofSeconds(3)).build(),
          HttpResponse.BodyHandlers.discarding());
      if (response.statusCode() >= 400 && response.statusCode() != 404) {
        System.err.println("kube: region drain: demo answered " + response.statusCode());
      }
    } catch (java.io.IOException e) {
      System.err.println("kube: region drain: the demo service is unreachable: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static ResourceDefinitionContext context(String group, String kind, String plural) {
    return new ResourceDefinitionContext.Builder().withGroup(group).withVersion("v1alpha1")
        .withKind(kind).withPlural(plural).withNamespaced(true).build();
  }

  @Override
  public void close() {
    loop.shutdownNow();
  }
}
