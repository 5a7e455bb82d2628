package dev.chaos.drivers.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class WorldFileTest {
  private static final Offset<Double> EXACT = Offset.offset(1e-9);

  @Test
  void theDefaultWorldLoads() {
    WorldSpec spec = WorldLoader.loadDefault();
    assertThat(spec.start()).isEqualTo(Instant.parse("2025-01-06T03:00:00Z"));
    assertThat(spec.clusters()).containsOnlyKeys("default", "backup-region");
    // PodChaos, NetworkChaos and StressChaos act by their manifests, not by the world's deltas
    assertThat(spec.chaos()).containsOnlyKeys("iochaos", "chaosengine", "workflow");
    World world = WorldLoader.create(spec);
    assertThat(world.clock().now()).isEqualTo(spec.start());
    assertThat(world.prometheus().scalar("chaos:slo:error_rate:1m")).isCloseTo(0.0002, EXACT);
    assertThat(world.prometheus().scalar("chaos:slo:latency:p95:1m")).isCloseTo(0.18, EXACT);
    assertThat(world.prometheus().alerts("critical", "firing")).isEmpty();
    assertThat(world.prometheus().ready()).isTrue();
    assertThat(world.http().get("http://graphql-gateway.llm-marketplace:4000/health",
        Duration.ofSeconds(2)).status()).isEqualTo(200);
  }

  @Test
  void aTimedFaultRaisesTheErrorRateFromItsTime() throws InterruptedException {
    World world = WorldLoader.create(WorldLoader.parse("""
        series:
          chaos:slo:error_rate:1m: {before: 0.02%}
        faults:
          - {series: "chaos:slo:error_rate:1m", value: 3%, from: t+20s, until: 1m}
        """, "timed.yaml"));
    assertThat(errorRate(world)).isCloseTo(0.0002, EXACT);
    world.clock().sleep(Duration.ofSeconds(19));
    assertThat(errorRate(world)).isCloseTo(0.0002, EXACT);
    world.clock().sleep(Duration.ofSeconds(1));
    assertThat(errorRate(world)).isCloseTo(0.03, EXACT);
    world.clock().sleep(Duration.ofSeconds(40));
    assertThat(errorRate(world)).isCloseTo(0.0002, EXACT);
  }

  @Test
  void aFaultAfterChaosWaitsForTheFirstDisruption() throws InterruptedException {
    World world = WorldLoader.create(WorldLoader.parse("""
        clusters:
          default:
            deployments: [{name: api, replicas: 2, recovery: 5s}]
        series:
          chaos:slo:error_rate:1m: {before: 0.1%, during: 0.5%, after: 0.2%}
        faults:
          - {series: "chaos:slo:error_rate:1m", add: +1%, from: chaos+10s, until: chaos+20s}
        """, "phases.yaml"));
    world.clock().sleep(Duration.ofSeconds(30));
    assertThat(errorRate(world)).isCloseTo(0.001, EXACT);
    K8sWorld k8s = world.k8s("");
    k8s.killPods(k8s.selector("default", "app=api"), 1, Duration.ZERO);
    assertThat(errorRate(world)).isCloseTo(0.005, EXACT); // during: the pod is starting
    world.clock().sleep(Duration.ofSeconds(5));
    assertThat(errorRate(world)).isCloseTo(0.002, EXACT); // after
    world.clock().sleep(Duration.ofSeconds(5));
    assertThat(errorRate(world)).isCloseTo(0.012, EXACT); // after, plus the fault
    world.clock().sleep(Duration.ofSeconds(10));
    assertThat(errorRate(world)).isCloseTo(0.002, EXACT);
  }

  @Test
  void alertsArePendingThenFiringAfterTheirFor() throws InterruptedException {
    World world = WorldLoader.create(WorldLoader.parse("""
        tick: 15s
        alerts:
          - {name: ErrorBudgetBurn, severity: critical, series: "chaos:slo:error_rate:1m",
             above: 5%, for: 1m}
        faults:
          - {series: "chaos:slo:error_rate:1m", value: 6%, from: 30s}
        """, "alerts.yaml"));
    PromWorld prometheus = world.prometheus();
    world.clock().sleep(Duration.ofSeconds(30));
    assertThat(prometheus.alerts("critical", "any")).extracting(Results.Alert::state)
        .containsExactly("pending");
    assertThat(prometheus.alerts("critical", "firing")).isEmpty();
    world.clock().sleep(Duration.ofSeconds(60));
    assertThat(prometheus.alerts("critical", "firing")).singleElement()
        .satisfies(a -> assertThat(a.labels()).containsEntry("alertname", "ErrorBudgetBurn"));
    assertThat(prometheus.alerts("warning", "any")).isEmpty();
  }

  @Test
  void prometheusDownIsAnErrorForQueriesAndFalseForReady() throws InterruptedException {
    World world = WorldLoader.create(WorldLoader.parse("""
        faults:
          - {down: prometheus, from: 1m, until: 2m}
          - {down: redis, from: 1m}
        """, "down.yaml"));
    world.clock().sleep(Duration.ofMinutes(1));
    assertThat(world.prometheus().ready()).isFalse();
    assertThatThrownBy(() -> errorRate(world)).isInstanceOf(SandboxException.class)
        .hasMessageStartingWith("prometheus is not answering");
    assertThatThrownBy(() -> world.redis().ping())
        .hasMessageStartingWith("redis is not answering");
    world.clock().sleep(Duration.ofMinutes(1));
    assertThat(world.prometheus().ready()).isTrue();
    assertThat(world.prometheus().vector("nothing")).isEmpty();
  }

  @Test
  void mistakesInAWorldFileSayWhereTheyAre() {
    assertThatThrownBy(() -> WorldLoader.parse("""
        clusters:
          default:
            deployments:
              - {name: api, replicsa: 3}
        """, "w.yaml"))
        .isInstanceOf(WorldFileException.class)
        .hasMessage("w.yaml:4:21: unknown key `clusters.default.deployments[0].replicsa`; did"
            + " you mean `replicas`?");
    assertThatThrownBy(() -> WorldLoader.parse("redis: {zzz: 1}", "w.yaml"))
        .hasMessageStartingWith("w.yaml:1:9: unknown key `redis.zzz` (expected "
            + "`failover_error_rate`, `failover_time`,");
    assertThatThrownBy(() -> WorldLoader.parse("redis: {failover_time: 8 seconds}", "w.yaml"))
        .hasMessage("w.yaml:1:24: `redis.failover_time`: `8 seconds` is not a duration: write a"
            + " number and a unit (ms, s, m, h or d), largest unit first, e.g. `500ms` or `1m30s`;"
            + " did you mean `8s`?");
    assertThatThrownBy(() -> WorldLoader.parse("""
        faults:
          - {series: "chaos:slo:error_rate:1m", value: 3%, add: 1%}
        """, "w.yaml"))
        .hasMessage("w.yaml:2:5: `faults[0]`: give exactly one of `value:` and `add:`");
    assertThatThrownBy(() -> WorldLoader.parse("chaos: {podchaos: {metrics: {latency: 1s}}}",
        "w.yaml"))
        .hasMessageStartingWith("w.yaml:1:39: `chaos.podchaos.metrics.latency`: no series "
            + "`latency`");
    assertThatThrownBy(() -> WorldLoader.parse("clusters: [a, b]", "w.yaml"))
        .hasMessage("w.yaml:1:11: `clusters`: expected a mapping");
    assertThatThrownBy(() -> WorldLoader.parse("seed: 1\nseed: 2\n", "w.yaml"))
        .hasMessage("w.yaml:2:1: duplicate key `seed` (first written at line 1)");
  }

  /** Pod labels follow the rules the selectors that match them follow, live and here. */
  @Test
  void podLabelsAreRefusedAsTheApiServerRefusesThem() {
    assertThatThrownBy(() -> WorldLoader.parse("""
        clusters:
          default:
            deployments:
              - {name: api, labels: {app: api, "tier/": web}}
        """, "w.yaml"))
        .hasMessage("w.yaml:4:49: `clusters.default.deployments[0].labels.tier/`: not a Kubernetes"
            + " label: the name of the key is empty");
    assertThatThrownBy(() -> WorldLoader.parse("""
        clusters:
          default:
            deployments:
              - {name: api, labels: {app: "-api"}}
        """, "w.yaml"))
        .hasMessageEndingWith("`clusters.default.deployments[0].labels.app`: not a Kubernetes"
            + " label: the value `-api` must be letters, digits, `-`, `_` and `.`, starting and"
            + " ending with a letter or digit");
  }

  private static double errorRate(World world) {
    return world.prometheus().scalar("chaos:slo:error_rate:1m");
  }
}
