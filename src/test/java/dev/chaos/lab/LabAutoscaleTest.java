package dev.chaos.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The lab's HPA controller ({@link HpaController}) against the running lab: a StressChaos that
 * burns CPU in the demo service (which stands for the gateway's pods) makes the gateway's HPA
 * scale the deployment up, from the demo's measured process CPU; once the stress is deleted it
 * scales back to its minimum after the stabilization window (60 s in the lab's HPA).
 */
@EnabledIfEnvironmentVariable(named = "LAB_KUBECONFIG", matches = ".+")
@EnabledIfEnvironmentVariable(named = "LAB_DEMO_URL", matches = ".+")
class LabAutoscaleTest {
  private static final String NS = LlmMarketplaceSeed.APP_NAMESPACE;
  private static final ResourceDefinitionContext STRESS = new ResourceDefinitionContext.Builder()
      .withGroup("chaos-mesh.org").withVersion("v1alpha1").withKind("StressChaos")
      .withPlural("stresschaos").withNamespaced(true).build();
  private static KubernetesClient client;

  @BeforeAll
  static void connect() throws Exception {
    client = LabKube.connect();
  }

  @AfterAll
  static void close() {
    LabBaseline.awaitQuietSlos();
    client.close();
  }

  private static HorizontalPodAutoscaler hpa() {
    return client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(NS)
        .withName("graphql-gateway").get();
  }

  private static int replicas() {
    return client.apps().deployments().inNamespace(NS).withName("graphql-gateway").get()
        .getSpec().getReplicas();
  }

  private static int readyPods() {
    return (int) client.pods().inNamespace(NS).withLabel("app", "graphql-gateway").list().getItems()
        .stream().filter(p -> p.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus())))
        .count();
  }

  @Test
  @Timeout(600)
  void cpuBurntInTheDemoScalesTheGatewayUpThenDownAfterTheWindow() {
    // a quiet demo: the HPA holds the gateway at its minimum
    await("the gateway at its minimum of 3").atMost(Duration.ofMinutes(4))
        .pollInterval(Duration.ofSeconds(2)).until(() -> replicas() == 3
            && hpa().getStatus().getCurrentMetrics() != null);
    int idle = hpa().getStatus().getCurrentMetrics().get(0).getResource().getCurrent()
        .getAverageUtilization();
    assertThat(idle).as("idle utilization %").isLessThan(70);

    GenericKubernetesResource stress = Serialization.unmarshal("""
        apiVersion: chaos-mesh.org/v1alpha1
        kind: StressChaos
        metadata: {name: lab-hpa-stress, namespace: %s}
        spec: {mode: all, selector: {labelSelectors: {app: graphql-gateway}},
               stressors: {cpu: {workers: 2, load: 80}}, duration: 5m}
        """.formatted(NS), GenericKubernetesResource.class);
    client.resource(stress).create();
    try {
      await("the HPA scales the gateway up").atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofSeconds(1)).until(() -> replicas() > 3);
      HorizontalPodAutoscaler scaled = hpa();
      assertThat(scaled.getStatus().getDesiredReplicas()).isGreaterThan(3);
      assertThat(scaled.getStatus().getCurrentMetrics().get(0).getResource().getCurrent()
          .getAverageUtilization()).isGreaterThan(70);
      // the deployment controller brings up the new pods, ready
      await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
          .until(() -> readyPods() == replicas());
    } finally {
      client.genericKubernetesResources(STRESS).inNamespace(NS).withName("lab-hpa-stress").delete();
    }
    long deleted = System.nanoTime();
    // not at once: the stabilization window holds the scale for its 60 s
    int peak = replicas();
    assertThat(peak).isGreaterThan(3);
    await("the HPA scales back to 3 after its window").atMost(Duration.ofMinutes(4))
        .pollInterval(Duration.ofSeconds(2)).until(() -> replicas() == 3 && readyPods() == 3);
    // the window's 60 s counts from the last high recommendation, at most one period before
    assertThat(Duration.ofNanos(System.nanoTime() - deleted))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(LlmMarketplaceSeed.SCALE_DOWN_WINDOW_SECONDS)
            .minus(HpaController.PERIOD));
  }
}
