package dev.chaos.drivers.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.chaos.drivers.ManifestDocuments;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What each kind of chaos does to the pods it chooses, with its sizes from the manifest, and to
 * no other pod (docs/sandbox.md#chaos-objects).
 */
@Timeout(30)
class PodInjectionTest {
  private final InjectionWorld w = new InjectionWorld();

  private void apply(String spec) {
    apply("c", spec);
  }

  /** An object of the kind on the first line of {@code spec}, with the rest as its spec. */
  private void apply(String name, String spec) {
    w.k8s().apply("""
        apiVersion: chaos-mesh.org/v1alpha1
        kind: %s
        metadata: {name: %s, namespace: shop}
        spec:
        %s""".formatted(spec.lines().findFirst().orElseThrow(), name,
        spec.lines().skip(1).map(l -> "  " + l + "\n").reduce("", String::concat)), "");
  }

  @Test
  void aDelayAddsTheManifestsLatencyToTheMatchedPodsOnly() throws InterruptedException {
    Map<String, String> before = w.fingerprints();
    apply("""
        NetworkChaos
        action: delay
        mode: all
        selector: {labelSelectors: {app: api}}
        delay: {latency: 10s}
        duration: 1m""");
    assertThat(w.health("api").addedLatency()).isEqualTo(Duration.ofSeconds(10));
    assertThat(w.health("api").servingShare()).isEqualTo(1.0);
    Map<String, String> after = w.fingerprints();
    after.keySet().stream().filter(k -> !k.endsWith("/api")).forEach(k ->
        assertThat(after.get(k)).as(k).isEqualTo(before.get(k)));
    // the p95 series: the 100ms of the world plus the 10s of every api pod
    assertThat(w.world.prometheus().scalar("chaos:slo:latency:p95:1m")).isCloseTo(10.1,
        within(1e-9));
    w.advance(Duration.ofMinutes(1));
    assertThat(w.health("api")).isEqualTo(PodHealth.FULL);
  }

  @Test
  void twoHundredMillisecondsIsTwoHundredMillisecondsAndModeOneDelaysOnePod() {
    apply("""
        NetworkChaos
        action: delay
        mode: one
        selector: {labelSelectors: {app: api}}
        delay: {latency: 200ms, jitter: 50ms}""");
    // one pod of four: the mean over serving pods is a quarter, the p95 the whole delay
    assertThat(w.health("api").addedLatency()).isEqualTo(Duration.ofMillis(50));
    assertThat(w.world.prometheus().scalar("chaos:slo:latency:p95:1m")).isCloseTo(0.1 + 0.245,
        within(1e-9));
  }

  @Test
  void aSelectorMatchingNoPodDoesNothing() {
    Map<String, String> before = w.fingerprints();
    double errors = w.world.prometheus().scalar("chaos:slo:error_rate:1m");
    apply("""
        NetworkChaos
        action: loss
        mode: all
        selector: {labelSelectors: {app: nothing}}
        loss: {loss: "100"}""");
    // no `namespaces`: the object's own (chaos-testing), where no pod runs
    w.k8s().apply("""
        apiVersion: chaos-mesh.org/v1alpha1
        kind: PodChaos
        metadata: {name: elsewhere, namespace: chaos-testing}
        spec: {action: pod-kill, mode: all, selector: {labelSelectors: {app: api}}}
        """, "");
    w.k8s().apply("""
        apiVersion: chaos-mesh.org/v1alpha1
        kind: IOChaos
        metadata: {name: io, namespace: shop}
        spec: {action: latency, mode: all, delay: 1s, volumePath: /data,
               selector: {labelSelectors: {app: nothing}}}
        """, "");
    assertThat(w.fingerprints()).isEqualTo(before);
    // the world's iochaos delta applies only to an object that chose pods
    assertThat(w.world.prometheus().scalar("chaos:slo:error_rate:1m")).isEqualTo(errors);
  }

  @Test
  void lossAndCorruptLoseTheirShareOfRequests() {
    apply("""
        NetworkChaos
        action: netem
        mode: all
        selector: {labelSelectors: {app: api}}
        loss: {loss: "25"}
        corrupt: {corrupt: "5"}""");
    assertThat(w.health("api").lossShare()).isCloseTo(0.30, within(1e-9));
    assertThat(w.health("web").lossShare()).isZero();
  }

  @Test
  void aPartitionCutsTheSelectedPodsFromTheirTargetOnly() {
    apply("""
        NetworkChaos
        action: partition
        mode: all
        selector: {labelSelectors: {app: api}}
        direction: to
        target: {mode: all, selector: {labelSelectors: {app: web}}}""");
    assertThat(w.health("api", "web").lossShare()).isEqualTo(1.0);
    assertThat(w.health("web", "api").lossShare()).isEqualTo(1.0); // a TCP exchange needs both ways
    assertThat(w.health("api").lossShare()).isZero(); // another caller still gets through
    assertThat(w.health("api", "tikv").lossShare()).isZero();
  }

  @Test
  void aPartitionWithoutTargetCutsThePodsFromEveryone() {
    apply("""
        NetworkChaos
        action: partition
        mode: fixed
        value: "2"
        selector: {labelSelectors: {app: api}}""");
    assertThat(w.health("api").lossShare()).isCloseTo(0.5, within(1e-9));
  }

  @Test
  void bandwidthIsTheTransferTimeOfATypicalAnswer() {
    apply("""
        NetworkChaos
        action: bandwidth
        mode: all
        selector: {labelSelectors: {app: api}}
        bandwidth: {rate: 100kbps, limit: 100, buffer: 10000}""");
    // 16Ki bytes at 100 kilobytes a second
    assertThat(w.health("api").addedLatency()).isEqualTo(Duration.ofNanos(163_840_000));
  }

  @Test
  void podFailureTakesPodsAwayForItsDurationWithoutReplacingThem() throws InterruptedException {
    List<String> pods = w.pods("api");
    apply("""
        PodChaos
        action: pod-failure
        mode: fixed
        value: "2"
        duration: 30s
        selector: {labelSelectors: {app: api}}""");
    assertThat(w.health("api").servingShare()).isEqualTo(0.5);
    assertThat(w.k8s().pods(w.k8s().selector("shop", "app=api")).ready()).isEqualTo(2);
    w.advance(Duration.ofSeconds(30));
    assertThat(w.health("api").servingShare()).isEqualTo(0.5); // restarting its own image
    w.advance(Duration.ofSeconds(10));
    assertThat(w.health("api")).isEqualTo(PodHealth.FULL);
    assertThat(w.pods("api")).isEqualTo(pods);
    assertThat(w.restarts("api")).isEqualTo(4); // to the pause image and back, on two pods
  }

  @Test
  void podKillReplacesThePodsReadyAfterRecovery() throws InterruptedException {
    List<String> pods = w.pods("api");
    apply("""
        PodChaos
        action: pod-kill
        mode: one
        selector: {labelSelectors: {app: api}}""");
    assertThat(w.pods("api")).hasSize(4).containsAnyElementsOf(pods)
        .doesNotContainSequence(pods);
    assertThat(w.health("api").servingShare()).isEqualTo(0.75);
    assertThat(w.events("api", "Killing")).isEqualTo(1);
    w.advance(Duration.ofSeconds(10));
    assertThat(w.health("api")).isEqualTo(PodHealth.FULL);
    assertThat(w.restarts("api")).isZero();
  }

  @Test
  void containerKillRestartsTheNamedContainer() throws InterruptedException {
    apply("""
        PodChaos
        action: container-kill
        mode: all
        containerNames: [prometheus]
        selector: {labelSelectors: {app.kubernetes.io/component: monitor}}""");
    apply("d", """
        PodChaos
        action: container-kill
        mode: all
        containerNames: [sidecar]
        selector: {labelSelectors: {app: api}}""");
    assertThat(w.restarts("monitor")).isEqualTo(1);
    assertThat(w.health("monitor").servingShare()).isZero();
    assertThat(w.restarts("api")).isZero(); // no container of that name
    w.advance(Duration.ofSeconds(10));
    assertThat(w.health("monitor")).isEqualTo(PodHealth.FULL);
  }

  @Test
  void cpuStressPastTheLimitThrottlesAndSlowsThePods() throws InterruptedException {
    apply("""
        StressChaos
        mode: all
        selector: {labelSelectors: {app: api}}
        stressors: {cpu: {workers: 2, load: 50}}
        duration: 1m""");
    // 0.25 cores of load plus 1 of stress against a 1-core limit
    assertThat(w.health("api").slowdown()).isCloseTo(1.25, within(1e-9));
    assertThat(w.k8s().usage(w.k8s().selector("shop", "app=api")).cpuCores())
        .isCloseTo(4.0, within(1e-9));
    assertThat(w.health("web").slowdown()).isEqualTo(1.0);
    w.advance(Duration.ofMinutes(1));
    assertThat(w.health("api").slowdown()).isEqualTo(1.0);
  }

  @Test
  void memoryPastTheLimitIsOomKilledRestartedAndCrashLoops() throws InterruptedException {
    apply("""
        StressChaos
        mode: one
        selector: {labelSelectors: {app: api}}
        stressors: {memory: {workers: 1, size: 1GB}}
        duration: 2m""");
    // 200Mi at rest plus 1GB is past the 512Mi limit: killed at once, restarted at once
    assertThat(w.events("api", "OOMKilled")).isEqualTo(2);
    assertThat(w.restarts("api")).isEqualTo(1); // the second start waits out its back-off
    assertThat(w.health("api").servingShare()).isEqualTo(0.75);
    w.advance(Duration.ofSeconds(35)); // back-offs of 10s, 20s
    assertThat(w.events("api", "OOMKilled")).isEqualTo(4);
    assertThat(w.events("api", "BackOff")).isEqualTo(3);
    String victim = w.world.read(now -> w.deployment("api").podsAt(now).stream()
        .filter(p -> !p.readyAt(now)).findFirst().orElseThrow().name);
    assertThat(ManifestDocuments.at(w.k8s().get("pod", victim, "shop"), "status",
        "containerStatuses")).asString().contains("CrashLoopBackOff", "restartCount=3");
    w.advance(Duration.ofMinutes(3));
    // the chaos ended during a back-off: the next start runs, ready after recovery
    assertThat(w.health("api")).isEqualTo(PodHealth.FULL);
    int restarts = w.restarts("api");
    w.advance(Duration.ofMinutes(5));
    assertThat(w.restarts("api")).isEqualTo(restarts);
  }

  @Test
  void memoryUnderTheLimitKillsNothing() {
    apply("""
        StressChaos
        mode: all
        selector: {labelSelectors: {app: api}}
        stressors: {memory: {workers: 2, size: 100MB}}""");
    assertThat(w.events("api", "OOMKilled")).isZero();
    assertThat(w.k8s().usage(w.k8s().selector("shop", "app=api")).memoryBytes())
        .isEqualTo(4 * ((200L << 20) + 200_000_000L));
  }

  @Test
  void nodePressureEvictsAndThePodIsRescheduledElsewhere() throws InterruptedException {
    String node = w.world.read(now -> w.deployment("cache").podsAt(now).get(0).node);
    List<String> before = w.pods("cache");
    apply("""
        StressChaos
        mode: one
        selector: {labelSelectors: {app: cache}, nodes: [%s]}
        stressors: {memory: {workers: 1, size: 4GB}}""".formatted(node));
    assertThat(w.events("cache", "Evicted")).isZero(); // the kubelet acts on its next sync
    w.advance(Duration.ofSeconds(5));
    assertThat(w.events("cache", "Evicted")).isEqualTo(1);
    assertThat(w.pods("cache")).hasSize(2).isNotEqualTo(before);
    String replacement = w.pods("cache").stream().filter(p -> !before.contains(p)).findFirst()
        .orElseThrow();
    // node-a is under pressure: tainted, so the replacement goes to the other node
    String placed = (String) ManifestDocuments.at(w.k8s().get("pod", replacement, "shop"),
        "spec", "nodeName");
    assertThat(placed).isNotEqualTo(node);
    w.advance(Duration.ofSeconds(10));
    assertThat(w.health("cache")).isEqualTo(PodHealth.FULL);
    assertThat(w.events("cache", "OOMKilled")).isZero();
  }

  @Test
  void goDurationsEndTheChaos() throws InterruptedException {
    apply("""
        NetworkChaos
        action: delay
        mode: all
        selector: {labelSelectors: {app: api}}
        delay: {latency: 1ms}
        duration: 1500000us""");
    w.advance(Duration.ofMillis(1499));
    assertThat(w.health("api").addedLatency()).isEqualTo(Duration.ofMillis(1));
    w.advance(Duration.ofMillis(1));
    assertThat(w.health("api").addedLatency()).isZero();
  }

  @Test
  void deletingTheObjectEndsWhatItDoes() {
    apply("""
        PodChaos
        action: pod-failure
        mode: all
        selector: {labelSelectors: {app: web}}""");
    assertThat(w.health("web").servingShare()).isZero();
    w.k8s().delete("podchaos", "c", "shop");
    assertThat(w.health("web").servingShare()).isZero(); // restarting its own image
  }

  @Test
  void aScheduleRunsItsChaosAtItsTimesUntilDeleted() throws InterruptedException {
    w.k8s().apply("""
        apiVersion: chaos-mesh.org/v1alpha1
        kind: Schedule
        metadata: {name: s, namespace: shop}
        spec:
          schedule: "@every 30s"
          type: PodChaos
          concurrencyPolicy: Forbid
          podChaos: {action: pod-kill, mode: one, selector: {labelSelectors: {app: api}}}
        """, "");
    assertThat(w.events("api", "Killing")).isZero();
    w.advance(Duration.ofSeconds(95));
    assertThat(w.events("api", "Killing")).isEqualTo(3);
    w.k8s().delete("schedule", "s", "shop");
    w.advance(Duration.ofMinutes(5));
    assertThat(w.events("api", "Killing")).isEqualTo(3);
  }

  @Test
  void aWorkflowRunsEachStepAtItsOffset() throws InterruptedException {
    w.k8s().apply("""
        apiVersion: chaos-mesh.org/v1alpha1
        kind: Workflow
        metadata: {name: wf, namespace: shop}
        spec:
          entry: main
          templates:
            - {name: main, templateType: Serial, children: [slow, pause, lossy]}
            - name: slow
              templateType: NetworkChaos
              deadline: 20s
              networkChaos: {action: delay, mode: all, delay: {latency: 300ms},
                             selector: {labelSelectors: {app: api}}}
            - {name: pause, templateType: Suspend, deadline: 10s}
            - name: lossy
              templateType: NetworkChaos
              deadline: 20s
              networkChaos: {action: loss, mode: all, loss: {loss: "50"},
                             selector: {labelSelectors: {app: web}}}
        """, "");
    assertThat(w.health("api").addedLatency()).isEqualTo(Duration.ofMillis(300));
    assertThat(w.health("web").lossShare()).isZero();
    w.advance(Duration.ofSeconds(30));
    assertThat(w.health("api").addedLatency()).isZero();
    assertThat(w.health("web").lossShare()).isEqualTo(0.5);
    w.advance(Duration.ofSeconds(20));
    assertThat(w.health("web").lossShare()).isZero();
  }

  @Test
  void aScheduleTemplateRunsUntilItsDeadline() throws InterruptedException {
    w.k8s().apply("""
        apiVersion: chaos-mesh.org/v1alpha1
        kind: Workflow
        metadata: {name: wf, namespace: shop}
        spec:
          entry: kills
          templates:
            - name: kills
              templateType: Schedule
              deadline: 35s
              schedule:
                schedule: "@every 10s"
                type: PodChaos
                podChaos: {action: pod-kill, mode: one, selector: {labelSelectors: {app: api}}}
        """, "");
    w.advance(Duration.ofMinutes(2));
    assertThat(w.events("api", "Killing")).isEqualTo(3); // at 10s, 20s and 30s
  }

  @Test
  void aRemoteClusterIsTheWorldsClusterOfThatName() {
    List<String> local = w.pods("api");
    apply("""
        PodChaos
        action: pod-kill
        mode: one
        remoteCluster: remote
        selector: {labelSelectors: {app: api}}""");
    assertThat(w.pods("api")).isEqualTo(local);
    assertThat(w.world.read(now -> w.deployment("remote", "api").healthAt(now)).servingShare())
        .isCloseTo(2.0 / 3, within(1e-9));
    assertThatThrownBy(() -> apply("e", """
        PodChaos
        action: pod-kill
        mode: one
        remoteCluster: cluster-xxxxxxx
        selector: {labelSelectors: {app: api}}"""))
        .isInstanceOf(SandboxException.class)
        .hasMessageStartingWith("PodChaos `e` `remoteCluster`: no cluster `cluster-xxxxxxx` in"
            + " the sandbox world");
  }

  @Test
  void whatChaosMeshRefusesIsRefusedBeforeAnythingIsStored() {
    assertThatThrownBy(() -> apply("""
        NetworkChaos
        action: delay
        mode: all
        selector: {labelSelectors: {app: api}}
        delay: {latency: 10 seconds}"""))
        .isInstanceOf(SandboxException.class)
        .hasMessageContaining("`delay.latency` `10 seconds` is not a Go duration");
    assertThat(w.k8s().exists("networkchaos", "c", "shop")).isFalse();
  }
}
