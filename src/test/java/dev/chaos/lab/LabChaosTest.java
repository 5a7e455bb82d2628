package dev.chaos.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The lab's chaos controller ({@link ChaosController}) against the running lab: Chaos Mesh
 * objects applied to the lab's API have their effects on the pods they select and on the demo
 * service, and end when the object goes or its duration passes; skipped without the lab.
 */
@EnabledIfEnvironmentVariable(named = "LAB_KUBECONFIG", matches = ".+")
@EnabledIfEnvironmentVariable(named = "LAB_DEMO_URL", matches = ".+")
@EnabledIfEnvironmentVariable(named = "LAB_PROM_URL", matches = ".+")
class LabChaosTest {
  private static final String NS = LlmMarketplaceSeed.APP_NAMESPACE;
  private static final HttpClient HTTP = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(2)).build();
  private static KubernetesClient client;
  private static String demo;

  @BeforeAll
  static void connect() throws IOException {
    client = LabKube.connect();
    demo = System.getenv("LAB_DEMO_URL");
  }

  @AfterAll
  static void close() {
    LabBaseline.awaitQuietSlos();
    client.close();
  }

  @Test
  void aNetworkDelayOnTheGatewaySlowsTheDemoAndItsP95UntilDeleted() throws Exception {
    String name = "lab-delay";
    apply("""
        apiVersion: chaos-mesh.org/v1alpha1
        kind: NetworkChaos
        metadata: {name: %s, namespace: %s}
        spec: {action: delay, mode: all, selector: {labelSelectors: {app: graphql-gateway}},
               delay: {latency: 300ms}, duration: 5m}
        """.formatted(name, NS));
    try {
      // every answer is at least the manifest's latency late
      await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500))
          .until(() -> fastestOf(3) >= 300);
      assertThat(fastestOf(3)).isGreaterThanOrEqualTo(300);
      // and the SLO series the runbooks guard on follows (1 s scrape and evaluation)
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
          .until(() -> prometheus("chaos:slo:latency:p95:1m") >= 0.3);
      assertThat(reasons(name)).contains("Applied");
    } finally {
      delete("NetworkChaos", "networkchaos", name);
    }
    // deleting it ends it at once, as Chaos Mesh recovers
    await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500))
        .until(() -> fastestOf(5) < 200);
    await().atMost(Duration.ofSeconds(10)).until(() -> reasons(name).contains("Recovered"));
  }

  @Test
  void aNetworkLossDropsThatShareOfTheDemosAnswers() throws Exception {
    String name = "lab-loss";
    apply("""
        apiVersion: chaos-mesh.org/v1alpha1
        kind: NetworkChaos
        metadata: {name: %s, namespace: %s}
        spec: {action: loss, mode: all, selector: {labelSelectors: {app: graphql-gateway}},
               loss: {loss: "100"}, duration: 5m}
        """.formatted(name, NS));
    try {
      await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500))
          .until(() -> status("/items/1") == 503);
    } finally {
      delete("NetworkChaos", "networkchaos", name);
    }
    await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500))
        .until(() -> status("/items/1") == 200);
  }

  @Test
  void podFailureMakesTheSelectedPodNotReadyForItsDurationThenReady() {
    String pod = podsOf("backend").get(0);
    String name = "lab-failure";
    apply("""
        apiVersion: chaos-mesh.org/v1alpha1
        kind: PodChaos
        metadata: {name: %s, namespace: %s}
        spec: {action: pod-failure, mode: one, selector: {pods: {%s: [%s]}}, duration: 4s}
        """.formatted(name, NS, NS, pod));
    try {
      await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
          .until(() -> "False".equals(ready(pod)));
      Pod failed = client.pods().inNamespace(NS).withName(pod).get();
      assertThat(failed.getStatus().getContainerStatuses()).allMatch(c -> !c.getReady());
      // the deployment counts it as unavailable, as a real one does
      await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
          .until(() -> readyReplicas("backend") == podsOf("backend").size() - 1);
      // not killed: the same pod comes back ready once the duration has passed
      await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
          .until(() -> "True".equals(ready(pod)));
      // the controller marks the pod ready before it records the recovery
      await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
          .until(() -> reasons(name).containsAll(List.of("Applied", "Recovered")));
      await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
          .until(() -> readyReplicas("backend") == podsOf("backend").size());
    } finally {
      delete("PodChaos", "podchaos", name);
    }
  }

  @Test
  void podKillDeletesTheSelectedPodAndTheDeploymentReplacesIt() {
    List<String> before = podsOf("backend");
    String victim = before.get(0);
    String name = "lab-kill";
    apply("""
        apiVersion: chaos-mesh.org/v1alpha1
        kind: PodChaos
        metadata: {name: %s, namespace: %s}
        spec: {action: pod-kill, mode: one, selector: {pods: {%s: [%s]}}}
        """.formatted(name, NS, NS, victim));
    try {
      await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
          .until(() -> !podsOf("backend").contains(victim) && podsOf("backend").size() == before.size());
      assertThat(reasons(name)).contains("Applied");
    } finally {
      delete("PodChaos", "podchaos", name);
    }
  }

  @Test
  void aSelectorMatchingNothingDoesNothing() {
    Set<String> before = Set.copyOf(client.pods().inNamespace(NS).list().getItems().stream()
        .map(p -> p.getMetadata().getName()).toList());
    String name = "lab-nothing";
    apply("""
        apiVersion: chaos-mesh.org/v1alpha1
        kind: PodChaos
        metadata: {name: %s, namespace: %s}
        spec: {action: pod-kill, mode: all, selector: {labelSelectors: {app: no-such-app}}}
        """.formatted(name, NS));
    try {
      // the controller has seen it (it says why nothing happened), and every pod is still there
      await().atMost(Duration.ofSeconds(10)).until(() -> reasons(name).contains("Failed"));
      assertThat(reasons(name)).doesNotContain("Applied");
      Set<String> after = Set.copyOf(client.pods().inNamespace(NS).list().getItems().stream()
          .map(p -> p.getMetadata().getName()).toList());
      assertThat(after).isEqualTo(before);
    } finally {
      delete("PodChaos", "podchaos", name);
    }
  }

  @Test
  void cpuStressRaisesThePodsUsageAndBurnsCpuInTheDemo() throws Exception {
    String name = "lab-stress";
    List<String> gateways = podsOf("graphql-gateway");
    apply("""
        apiVersion: chaos-mesh.org/v1alpha1
        kind: StressChaos
        metadata: {name: %s, namespace: %s}
        spec: {mode: all, selector: {labelSelectors: {app: graphql-gateway}},
               stressors: {cpu: {workers: 1, load: 60}}, duration: 5m}
        """.formatted(name, NS));
    try {
      // the metrics API (k8s.usage, kubectl top) shows the selected pods busy
      await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
          .until(() -> gateways.stream().allMatch(p -> "600m".equals(cpuUsage(p))));
      // and the demo really burns it: its process CPU grows by at least 0.3 s per second
      AtomicReference<double[]> last = new AtomicReference<>(new double[] {cpuSeconds(), System.nanoTime()});
      await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(() -> {
        double[] now = {cpuSeconds(), System.nanoTime()};
        double[] then = last.getAndSet(now);
        return (now[0] - then[0]) / ((now[1] - then[1]) / 1e9) >= 0.3;
      });
    } finally {
      delete("StressChaos", "stresschaos", name);
    }
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
        .until(() -> gateways.stream().allMatch(p -> cpuUsage(p) == null));
    await().atMost(Duration.ofSeconds(10)).until(() -> faults().equals("{}"));
    // the burnt CPU may have made the gateway's HPA scale up (HpaController): the lab is left
    // whole for the next test once it is back to its 3 replicas, after its 60 s window
    await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
        .until(() -> client.apps().deployments().inNamespace(NS).withName("graphql-gateway").get()
            .getSpec().getReplicas() == 3 && podsOf("graphql-gateway").size() == 3);
  }

  // ------------------------------------------------------------------------------------------

  private static void apply(String yaml) {
    GenericKubernetesResource object = Serialization.unmarshal(yaml, GenericKubernetesResource.class);
    client.resource(object).create();
  }

  private static void delete(String kind, String plural, String name) {
    client.genericKubernetesResources(new io.fabric8.kubernetes.client.dsl.base
        .ResourceDefinitionContext.Builder().withGroup("chaos-mesh.org").withVersion("v1alpha1")
        .withKind(kind).withPlural(plural).withNamespaced(true).build())
        .inNamespace(NS).withName(name).delete();
  }

  private static List<String> podsOf(String app) {
    return client.pods().inNamespace(NS).withLabel("app", app).list().getItems().stream()
        .map(p -> p.getMetadata().getName()).sorted().toList();
  }

  private static int readyReplicas(String deployment) {
    Integer ready = client.apps().deployments().inNamespace(NS).withName(deployment).get()
        .getStatus().getReadyReplicas();
    return ready == null ? 0 : ready;
  }

  private static String ready(String pod) {
    Pod p = client.pods().inNamespace(NS).withName(pod).get();
    return p == null ? null : p.getStatus().getConditions().stream()
        .filter(c -> c.getType().equals("Ready")).map(c -> c.getStatus()).findFirst().orElse(null);
  }

  private static List<String> reasons(String object) {
    List<String> out = new ArrayList<>();
    for (Event e : client.v1().events().inNamespace(NS).list().getItems()) {
      if (object.equals(e.getInvolvedObject().getName())) {
        out.add(e.getReason());
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static String cpuUsage(String pod) {
    GenericKubernetesResource m = client.genericKubernetesResources(new io.fabric8.kubernetes
        .client.dsl.base.ResourceDefinitionContext.Builder().withGroup("metrics.k8s.io")
        .withVersion("v1beta1").withKind("PodMetrics").withPlural("pods").withNamespaced(true)
        .build()).inNamespace(NS).withName(pod).get();
    if (m == null) {
      return null;
    }
    List<Map<String, Object>> containers = (List<Map<String, Object>>) m.getAdditionalProperties().get("containers");
    return String.valueOf(((Map<String, Object>) containers.get(0).get("usage")).get("cpu"));
  }

  /** The fastest of N reads, in milliseconds. */
  private static long fastestOf(int n) throws Exception {
    long best = Long.MAX_VALUE;
    for (int i = 0; i < n; i++) {
      long t0 = System.nanoTime();
      status("/items/" + i);
      best = Math.min(best, (System.nanoTime() - t0) / 1_000_000);
    }
    return best;
  }

  private static int status(String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(demo + path)).timeout(Duration.ofSeconds(10))
        .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private static String faults() throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(demo + DemoFaults.PATH))
        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  private static double cpuSeconds() throws Exception {
    String text = HTTP.send(HttpRequest.newBuilder(URI.create(demo + "/metrics"))
        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
    Matcher m = Pattern.compile("(?m)^process_cpu_seconds_total (\\S+)$").matcher(text);
    assertThat(m.find()).as("process_cpu_seconds_total in /metrics").isTrue();
    return Double.parseDouble(m.group(1));
  }

  private static double prometheus(String query) throws Exception {
    String body = HTTP.send(HttpRequest.newBuilder(URI.create(System.getenv("LAB_PROM_URL")
        + "/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)))
        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
    Matcher m = Pattern.compile("\"value\":\\[[^,]+,\"([^\"]+)\"\\]").matcher(body);
    return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
  }
}
