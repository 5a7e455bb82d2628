package dev.chaos.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The lab's Kubernetes API ({@code scripts/lab up}, then {@code . target/lab/lab.env}): the
 * discovery documents kubectl reads, the seeded `llm-marketplace` objects, the chaos kinds,
 * and the lab's deployment controller; skipped when {@code LAB_K8S_URL} is not set.
 */
@EnabledIfEnvironmentVariable(named = "LAB_K8S_URL", matches = ".+")
class LabKubeTest {
  private static final String NS = "llm-marketplace";
  private static final HttpClient HTTP = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(2)).build();
  private static KubernetesClient client;

  @BeforeAll
  static void connect() throws IOException {
    // through the kubeconfig `up` wrote, as a driver would
    String kubeconfig = Files.readString(Path.of(System.getenv("LAB_KUBECONFIG")));
    Config config = Config.fromKubeconfig("lab", kubeconfig, null);
    config.setRequestTimeout(5_000);
    client = new KubernetesClientBuilder().withConfig(config).build();
    assertThat(client.getMasterUrl().toString()).startsWith(System.getenv("LAB_K8S_URL"));
  }

  @AfterAll
  static void close() {
    client.close();
  }

  private static String get(String path) throws Exception {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
        URI.create(System.getenv("LAB_K8S_URL") + path)).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("GET %s", path).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/json"));
    return response.body();
  }

  @Test
  void servesTheDiscoveryDocuments() throws Exception {
    assertThat(get("/api")).contains("\"kind\":\"APIVersions\"", "\"v1\"");
    assertThat(get("/api/v1")).contains("\"groupVersion\":\"v1\"", "\"name\":\"pods\"",
        "\"name\":\"namespaces\"", "\"name\":\"events\"", "\"name\":\"pods/log\"");
    assertThat(get("/apis")).contains("\"kind\":\"APIGroupList\"", "\"name\":\"apps\"",
        "\"groupVersion\":\"autoscaling/v2\"", "\"name\":\"chaos-mesh.org\"",
        "\"name\":\"litmuschaos.io\"", "\"name\":\"argoproj.io\"");
    assertThat(get("/apis/apps/v1")).contains("\"name\":\"deployments\"",
        "\"name\":\"deployments/scale\"");
    assertThat(get("/apis/autoscaling/v2")).contains("\"name\":\"horizontalpodautoscalers\"");
    assertThat(get("/apis/chaos-mesh.org/v1alpha1")).contains("\"kind\":\"PodChaos\"",
        "\"kind\":\"NetworkChaos\"", "\"kind\":\"StressChaos\"", "\"kind\":\"IOChaos\"");
    assertThat(get("/apis/litmuschaos.io/v1alpha1")).contains("\"name\":\"chaosengines\"");
    assertThat(get("/apis/argoproj.io/v1alpha1")).contains("\"name\":\"workflows\"");
    assertThat(get("/apis/argoproj.io")).contains("\"preferredVersion\"");
  }

  @Test
  void theBackendHasFiveReadyPodsLabelledTierBackend() {
    // other tests may have just killed some: the lab's controller replaces them within seconds
    List<Pod> pods = await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250))
        .until(() -> client.pods().inNamespace(NS).withLabel("tier", "backend").list().getItems(),
            list -> list.size() == 5);

    for (Pod pod : pods) {
      assertThat(pod.getMetadata().getLabels()).containsEntry("app", "backend");
      assertThat(pod.getStatus().getPhase()).isEqualTo("Running");
      assertThat(pod.getStatus().getConditions())
          .anySatisfy(c -> assertThat(c.getType() + "=" + c.getStatus()).isEqualTo("Ready=True"));
      assertThat(pod.getStatus().getContainerStatuses()).singleElement()
          .satisfies(c -> assertThat(c.getReady()).isTrue());
    }
    Deployment backend = await().atMost(Duration.ofSeconds(5))
        .until(() -> client.apps().deployments().inNamespace(NS).withName("backend").get(),
            d -> Integer.valueOf(5).equals(d.getStatus().getReadyReplicas()));
    assertThat(backend.getSpec().getReplicas()).isEqualTo(5);
  }

  @Test
  void theGatewayAndTheAutoscalersAreSeeded() {
    await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250)).until(() ->
        client.pods().inNamespace(NS).withLabel("app", "graphql-gateway").list().getItems().size() == 3);
    HorizontalPodAutoscaler backend = client.autoscaling().v2().horizontalPodAutoscalers()
        .inNamespace(NS).withName("backend").get();
    assertThat(backend.getSpec().getMinReplicas()).isEqualTo(3);
    assertThat(backend.getSpec().getMaxReplicas()).isEqualTo(10);
    assertThat(backend.getStatus().getCurrentReplicas()).isEqualTo(5);
    assertThat(backend.getStatus().getDesiredReplicas()).isEqualTo(5);
    HorizontalPodAutoscaler gateway = client.autoscaling().v2().horizontalPodAutoscalers()
        .inNamespace(NS).withName("graphql-gateway").get();
    assertThat(gateway.getStatus().getCurrentReplicas()).isLessThan(gateway.getSpec().getMaxReplicas());
    assertThat(client.namespaces().withName("chaos-testing").get()).isNotNull();
  }

  @Test
  void chaosMeshObjectsAreStoredAndDeleted() {
    ResourceDefinitionContext podChaos = new ResourceDefinitionContext.Builder()
        .withGroup("chaos-mesh.org").withVersion("v1alpha1").withKind("PodChaos")
        .withPlural("podchaos").withNamespaced(true).build();
    GenericKubernetesResource chaos = new GenericKubernetesResourceBuilder()
        .withApiVersion("chaos-mesh.org/v1alpha1").withKind("PodChaos")
        .withNewMetadata().withName("lab-kube-test").withNamespace("chaos-testing").endMetadata()
        .withAdditionalProperties(Map.of("spec", Map.of("action", "pod-kill", "mode", "one")))
        .build();

    client.genericKubernetesResources(podChaos).inNamespace("chaos-testing").resource(chaos).create();
    assertThat(client.genericKubernetesResources(podChaos).inNamespace("chaos-testing")
        .withName("lab-kube-test").get()).isNotNull();
    client.genericKubernetesResources(podChaos).inNamespace("chaos-testing")
        .withName("lab-kube-test").delete();
    assertThat(client.genericKubernetesResources(podChaos).inNamespace("chaos-testing")
        .withName("lab-kube-test").get()).isNull();
  }

  @Test
  void aDeletedBackendPodIsReplacedByAReadyOne() {
    Pod victim = client.pods().inNamespace(NS).withLabel("tier", "backend").list().getItems().get(0);
    client.pods().inNamespace(NS).withName(victim.getMetadata().getName()).delete();

    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
      List<Pod> pods = client.pods().inNamespace(NS).withLabel("tier", "backend").list().getItems();
      assertThat(pods).hasSize(5)
          .noneSatisfy(p -> assertThat(p.getMetadata().getName()).isEqualTo(victim.getMetadata().getName()));
    });
  }
}
