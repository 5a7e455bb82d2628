package dev.chaos.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaos.drivers.kube.PodFacts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The lab chaos controller's decisions, without any server. */
class ChaosPlanTest {
  private static final ObjectMapper YAML = new YAMLMapper();

  private static final List<PodFacts> PODS = pods();

  private static List<PodFacts> pods() {
    List<PodFacts> pods = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      pods.add(new PodFacts("llm-marketplace", "backend-" + i,
          Map.of("app", "backend", "tier", "backend"), Map.of(), "Running", "node-1"));
    }
    for (int i = 0; i < 3; i++) {
      pods.add(new PodFacts("llm-marketplace", "graphql-gateway-" + i,
          Map.of("app", "graphql-gateway"), Map.of(), "Running", "node-1"));
    }
    pods.add(new PodFacts("other", "backend-x", Map.of("app", "backend"), Map.of(), "Running", ""));
    return pods;
  }

  @SuppressWarnings("unchecked")
  private static ChaosPlan plan(String yaml) {
    return ChaosPlan.decide(YAML.readValue(yaml, Map.class), PODS);
  }

  @Test
  void networkDelayOnTheGatewayTakesItsSizeFromTheManifest() {
    ChaosPlan plan = plan("""
        apiVersion: chaos-mesh.org/v1alpha1
        kind: NetworkChaos
        metadata: {name: slow, namespace: llm-marketplace, uid: u1}
        spec:
          action: delay
          mode: all
          selector: {labelSelectors: {app: graphql-gateway}}
          delay: {latency: 1500000us, jitter: 20ms}
          duration: 60s
        """);
    assertThat(plan.action()).isEqualTo("delay");
    assertThat(plan.delayMs()).isEqualTo(1500);
    assertThat(plan.jitterMs()).isEqualTo(20);
    assertThat(plan.duration()).isEqualTo(Duration.ofSeconds(60));
    assertThat(plan.targets()).hasSize(3).allMatch(ChaosController::isGateway);
  }

  @Test
  void theSelectorDefaultsToTheObjectsNamespaceAndTheModeCounts() {
    ChaosPlan plan = plan("""
        apiVersion: chaos-mesh.org/v1alpha1
        kind: PodChaos
        metadata: {name: kill, namespace: llm-marketplace, uid: u2}
        spec: {action: pod-kill, mode: fixed-percent, value: "40", selector: {labelSelectors: {app: backend}}}
        """);
    assertThat(plan.action()).isEqualTo("pod-kill");
    assertThat(plan.targets()).hasSize(2)
        .allMatch(p -> p.namespace().equals("llm-marketplace") && p.name().startsWith("backend-"));
  }

  @Test
  void aSelectorMatchingNothingSelectsNothing() {
    ChaosPlan plan = plan("""
        apiVersion: chaos-mesh.org/v1alpha1
        kind: PodChaos
        metadata: {name: none, namespace: llm-marketplace, uid: u3}
        spec: {action: pod-failure, mode: all, duration: 30s, selector: {labelSelectors: {app: nothing}}}
        """);
    assertThat(plan.action()).isEqualTo("pod-failure");
    assertThat(plan.targets()).isEmpty();
  }

  @Test
  void cpuStressReadsWorkersAndLoad() {
    ChaosPlan plan = plan("""
        apiVersion: chaos-mesh.org/v1alpha1
        kind: StressChaos
        metadata: {name: burn, namespace: llm-marketplace, uid: u4}
        spec: {mode: one, selector: {labelSelectors: {app: graphql-gateway}},
               stressors: {cpu: {workers: 2, load: 80}}, duration: 5m}
        """);
    assertThat(plan.action()).isEqualTo("stress");
    assertThat(plan.cpuWorkers()).isEqualTo(2);
    assertThat(plan.cpuLoad()).isEqualTo(80);
    assertThat(plan.targets()).hasSize(1);
    assertThat(plan.duration()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void whatTheLabCannotDoIsSaidNotFaked() {
    assertThat(plan("""
        apiVersion: chaos-mesh.org/v1alpha1
        kind: StressChaos
        metadata: {name: mem, namespace: llm-marketplace, uid: u5}
        spec: {mode: all, selector: {labelSelectors: {app: backend}}, stressors: {memory: {size: 1GB}}}
        """).action()).isEqualTo("unsupported");
    ChaosPlan bad = plan("""
        apiVersion: chaos-mesh.org/v1alpha1
        kind: NetworkChaos
        metadata: {name: bad, namespace: llm-marketplace, uid: u6}
        spec: {action: delay, mode: all, selector: {}, delay: {latency: 5}}
        """);
    assertThat(bad.action()).isEqualTo("unsupported");
    assertThat(bad.reason()).contains("Go duration");
  }

  @Test
  void lossTakesItsShare() {
    ChaosPlan plan = plan("""
        apiVersion: chaos-mesh.org/v1alpha1
        kind: NetworkChaos
        metadata: {name: lossy, namespace: llm-marketplace, uid: u7}
        spec: {action: loss, mode: all, selector: {labelSelectors: {app: graphql-gateway}}, loss: {loss: "25"}}
        """);
    assertThat(plan.action()).isEqualTo("loss");
    assertThat(plan.lossPercent()).isEqualTo(25);
    assertThat(plan.duration()).isNull();
  }
}
