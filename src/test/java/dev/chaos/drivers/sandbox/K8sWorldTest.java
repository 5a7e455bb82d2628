package dev.chaos.drivers.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chaos.drivers.ManifestDocuments;
import dev.chaos.drivers.sandbox.Results.Selector;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class K8sWorldTest {
  private final World world = WorldLoader.defaultWorld();
  private final K8sWorld k8s = world.k8s("");
  private final Selector backend = k8s.selector("llm-marketplace", "tier=backend");
  private final Selector gateway = k8s.selector("llm-marketplace", "app=graphql-gateway");

  private void advance(Duration d) throws InterruptedException {
    world.clock().sleep(d);
  }

  private double errorRate() {
    return world.prometheus().scalar("chaos:slo:error_rate:1m");
  }

  @Test
  void killedPodsComeBackAfterTheRecoveryTime() throws InterruptedException {
    List<String> before = k8s.pods(backend).names();
    assertThat(k8s.pods(backend).ready()).isEqualTo(5);

    List<String> killed = k8s.killPods(backend, k8s.countForFraction(backend, 30), Duration.ZERO);

    assertThat(killed).hasSize(2).isSubsetOf(before); // 30% of 5, rounded up
    Results.PodSet now = k8s.pods(backend);
    assertThat(now.total()).isEqualTo(5);
    assertThat(now.ready()).isEqualTo(3);
    assertThat(now.names()).doesNotContainAnyElementsOf(killed);
    advance(Duration.ofSeconds(11));
    assertThat(k8s.pods(backend).ready()).isEqualTo(3);
    advance(Duration.ofSeconds(1)); // the backend's recovery is 12s
    assertThat(k8s.pods(backend).ready()).isEqualTo(5);
    assertThat(k8s.events(backend, "Killing", null)).isEqualTo(2);
    assertThat(k8s.events(backend, "Evicted", null)).isZero();
  }

  @Test
  void aGracePeriodDelaysTheKill() throws InterruptedException {
    k8s.killPods(backend, 1, Duration.ofSeconds(30));
    assertThat(k8s.pods(backend).ready()).isEqualTo(5);
    advance(Duration.ofSeconds(30));
    assertThat(k8s.pods(backend).ready()).isEqualTo(4);
    advance(Duration.ofSeconds(12));
    assertThat(k8s.pods(backend).ready()).isEqualTo(5);
  }

  @Test
  void podChaosKillingOneOfFiveBackendPodsSlowsTheRestWithoutErrors()
      throws InterruptedException {
    double p95 = world.prometheus().scalar("chaos:slo:latency:p95:1m");
    assertThat(errorRate()).isCloseTo(0.0002, within());
    List<K8sWorld.Applied> applied = k8s.apply("""
        apiVersion: chaos-mesh.org/v1alpha1
        kind: PodChaos
        metadata:
          name: random-pod-kill
          namespace: chaos-testing
        spec:
          action: pod-kill
          mode: one
          selector:
            namespaces: [llm-marketplace]
            labelSelectors: {tier: backend}
        """, "");
    assertThat(applied).extracting(K8sWorld.Applied::ref).containsExactly("podchaos/random-pod-kill");
    assertThat(k8s.count("podchaos", "chaos-testing", "")).isEqualTo(1);
    assertThat(k8s.pods(backend).ready()).isEqualTo(4);
    // one of five backend pods down: the Service sends the traffic to the four ready ones,
    // busier (62.5% of their capacity instead of 50%), so requests wait longer but none fails
    assertThat(errorRate()).isCloseTo(0.0002, within());
    assertThat(world.prometheus().scalar("chaos:slo:latency:p95:1m")).isGreaterThan(p95);
    advance(Duration.ofSeconds(12));
    assertThat(k8s.pods(backend).ready()).isEqualTo(5);
    assertThat(k8s.delete("podchaos", "random-pod-kill", "chaos-testing")).isTrue();
    assertThat(k8s.delete("podchaos", "random-pod-kill", "chaos-testing")).isFalse();
    assertThat(errorRate()).isCloseTo(0.0003, within()); // the world's level after chaos
  }

  @Test
  void networkChaosRaisesLatencyForItsDuration() throws InterruptedException {
    String health = "http://graphql-gateway.llm-marketplace:4000/health";
    assertThat(world.http().get(health, Duration.ofSeconds(2)).latency())
        .isEqualTo(Duration.ofMillis(12));
    k8s.apply("""
        apiVersion: chaos-mesh.org/v1alpha1
        kind: NetworkChaos
        metadata: {name: graphql-network-latency, namespace: chaos-testing}
        spec:
          action: delay
          mode: all
          selector: {namespaces: [llm-marketplace], labelSelectors: {app: graphql-gateway}}
          delay: {latency: 200ms}
          duration: 5m
        """, "");
    // the manifest's 200ms on every gateway pod: 180ms + 200ms at the p95
    double p95 = world.prometheus().scalar("chaos:slo:latency:p95:1m");
    assertThat(p95).isCloseTo(0.38, within());
    assertThat(world.http().get(health, Duration.ofSeconds(2)).latency())
        .isEqualTo(Duration.ofMillis(212));
    assertThatThrownBy(() -> world.http().get(health, Duration.ofMillis(100)))
        .hasMessageContaining("timed out after 100ms");
    advance(Duration.ofMinutes(5));
    assertThat(world.prometheus().scalar("chaos:slo:latency:p95:1m")).isCloseTo(0.19, within());
    assertThat(k8s.exists("networkchaos", "graphql-network-latency", "chaos-testing")).isTrue();
  }

  @Test
  void stressMakesTheHpaScaleUpThenDownAfterItsWindow() throws InterruptedException {
    Results.Hpa before = k8s.hpa("graphql-gateway", "llm-marketplace");
    assertThat(before).isEqualTo(new Results.Hpa(3, 3, 3, 10));
    double idleCpu = k8s.usage(gateway).cpuCores();
    List<K8sWorld.Applied> applied = k8s.apply("""
        apiVersion: chaos-mesh.org/v1alpha1
        kind: StressChaos
        metadata: {name: cpu-stress, namespace: chaos-testing}
        spec:
          mode: all
          selector: {namespaces: [llm-marketplace], labelSelectors: {app: graphql-gateway}}
          stressors: {cpu: {workers: 2, load: 80}}
        """, "");
    assertThat(k8s.usage(gateway).cpuCores()).isGreaterThan(idleCpu);
    advance(Duration.ofSeconds(15));
    assertThat(k8s.hpa("graphql-gateway", "llm-marketplace").current()).isGreaterThan(3);
    advance(Duration.ofMinutes(2));
    // the stress stays on the three pods chosen when it was applied, as Chaos Mesh's does: each
    // is throttled at its 1-core limit, and nine pods bring the mean back near the target
    Results.Hpa scaled = k8s.hpa("graphql-gateway", "llm-marketplace");
    assertThat(scaled.current()).isEqualTo(9);
    assertThat(k8s.pods(gateway).ready()).isEqualTo(9);

    k8s.revert(applied.get(0)); // the automatic inverse of apply: delete what it created
    assertThat(k8s.count("stresschaos", "chaos-testing", "")).isZero();
    advance(Duration.ofMinutes(4));
    assertThat(k8s.hpa("graphql-gateway", "llm-marketplace").current()).isEqualTo(9);
    advance(Duration.ofMinutes(1).plusSeconds(15));
    assertThat(k8s.hpa("graphql-gateway", "llm-marketplace").current()).isEqualTo(3);
  }

  @Test
  void aRolloutReplacesEveryPodWithoutLosingCapacity() throws InterruptedException {
    List<String> before = k8s.pods(gateway).names();
    k8s.rolloutRestart("deployment", "graphql-gateway", "llm-marketplace");
    assertThat(k8s.rolloutComplete("deployment", "graphql-gateway", "")).isFalse();
    for (int i = 0; i < 9; i++) {
      assertThat(k8s.pods(gateway).ready()).isGreaterThanOrEqualTo(3);
      advance(Duration.ofSeconds(5));
    }
    assertThat(k8s.rolloutComplete("deployment", "graphql-gateway", "")).isTrue();
    assertThat(k8s.pods(gateway).names()).hasSize(3).doesNotContainAnyElementsOf(before);
    assertThat(errorRate()).isLessThan(0.001);
  }

  @Test
  void scalePatchAndGetWorkOnDeploymentsAndStoredObjects() {
    assertThat(k8s.scale("deployment", "backend", 7, "")).isEqualTo(5);
    assertThat(k8s.get("deployment", "backend", "")).extractingByKey("spec")
        .isEqualTo(Map.of("replicas", 7L, "selector",
            Map.of("matchLabels", Map.of("tier", "backend", "app", "backend"))));
    k8s.apply("""
        apiVersion: litmuschaos.io/v1alpha1
        kind: ChaosEngine
        metadata: {name: region-failure, namespace: chaos-testing}
        spec: {engineState: active}
        """, "");
    Map<String, Object> previous = k8s.patch("chaosengine", "region-failure",
        Map.of("spec", Map.of("engineState", "stop")), "chaos-testing");
    assertThat(ManifestDocuments.at(k8s.get("chaosengine", "region-failure", "chaos-testing"), "spec",
        "engineState")).isEqualTo("stop");
    k8s.restore("chaosengine", "region-failure", previous, "chaos-testing");
    assertThat(ManifestDocuments.at(k8s.get("chaosengines", "region-failure", "chaos-testing"), "spec",
        "engineState")).isEqualTo("active");
    assertThat(k8s.deleteAll("ChaosEngine", "chaos-testing", "")).isEqualTo(1);
    assertThatThrownBy(() -> k8s.get("podchaos", "nothing", "chaos-testing"))
        .isInstanceOf(SandboxException.class)
        .hasMessage("podchaos \"nothing\" not found in namespace chaos-testing");
  }

  @Test
  void theBackupRegionIsAnotherCluster() {
    Selector backup = world.k8s("backup-region").selector("llm-marketplace", "");
    // a pilot light: one pod of each until a DR script scales it up
    assertThat(world.k8s("backup-region").pods(backup).total()).isEqualTo(2);
    assertThatThrownBy(() -> world.k8s("nowhere"))
        .hasMessage("no cluster `nowhere` in the sandbox world; it has default, backup-region");
  }

  @Test
  void twoWorldsFromOneFileAreTheSame() {
    World other = WorldLoader.defaultWorld();
    K8sWorld otherK8s = other.k8s("");
    assertThat(otherK8s.pods(backend).names()).isEqualTo(k8s.pods(backend).names());
    assertThat(otherK8s.killPods(backend, 2, Duration.ZERO))
        .isEqualTo(k8s.killPods(backend, 2, Duration.ZERO));
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-9);
  }
}
