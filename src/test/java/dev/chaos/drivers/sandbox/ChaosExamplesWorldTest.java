package dev.chaos.drivers.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The 38 example manifests of Chaos Mesh applied to a world whose deployments carry the labels
 * they select (src/test/resources/sandbox/injection-world.yaml): each kind the sandbox models
 * changes exactly the deployments whose pods it matches; the others change no pod (an IOChaos
 * moves the series the world file gives its kind, once it has chosen pods); what the sandbox
 * cannot run is refused, naming why.
 */
@Timeout(60)
class ChaosExamplesWorldTest {
  /** After how long, which deployments changed; or the refusal. */
  private record Expect(Duration after, Set<String> changed, String refused, double errorRate) {
    static Expect changes(Duration after, String... deployments) {
      return new Expect(after, Set.of(deployments), null, 0.001);
    }

    static Expect nothing() {
      return new Expect(Duration.ofSeconds(1), Set.of(), null, 0.001);
    }

    static Expect errors(Duration after, double rate) {
      return new Expect(after, Set.of(), null, rate);
    }

    static Expect refused(String message) {
      return new Expect(Duration.ZERO, Set.of(), message, 0);
    }
  }

  private static final String TIKV = "default/shop/tikv";
  private static final String HELLO = "default/shop/hello";
  private static final String WEB_SHOW = "default/default/web-show";
  private static final Duration SOON = Duration.ofSeconds(1);

  private static final Map<String, Expect> EXPECTED = new LinkedHashMap<>();

  static {
    EXPECTED.put("blockchaos-blockchaos-delay-example.yaml", Expect.nothing());
    EXPECTED.put("burn-cpu.yaml", Expect.changes(SOON, TIKV));
    EXPECTED.put("cause-pod-oom.yaml", Expect.changes(SOON, TIKV));
    EXPECTED.put("container-kill-example.yaml", Expect.changes(SOON, "default/shop/monitor"));
    EXPECTED.put("dns-chaos-example.yaml", Expect.nothing());
    // a Schedule `@every 10m` of an IOChaos: the world's iochaos delta from its first run
    EXPECTED.put("etcd-etcd-iochaos.yaml", Expect.errors(Duration.ofMinutes(10), 0.011));
    EXPECTED.put("io-attr-example.yaml", Expect.errors(SOON, 0.011));
    EXPECTED.put("io-delay-example.yaml", Expect.errors(SOON, 0.011));
    EXPECTED.put("io-errno-example.yaml", Expect.errors(SOON, 0.011));
    EXPECTED.put("jvm-jvm-exception-example.yaml", Expect.nothing());
    EXPECTED.put("jvm-jvm-return-example.yaml", Expect.nothing());
    EXPECTED.put("jvm-jvm-rule-data-example.yaml", Expect.nothing());
    EXPECTED.put("network-bandwidth-example.yaml", Expect.changes(SOON, TIKV));
    EXPECTED.put("network-corrupt-example.yaml", Expect.changes(SOON, TIKV));
    EXPECTED.put("network-delay-example.yaml", Expect.changes(SOON, TIKV));
    // only traffic to addresses outside the world: no pod's callers see it
    EXPECTED.put("network-delay-with-external-target-example.yaml", Expect.nothing());
    // only between the selected pods and the target's: see peersSeeWhatIsBetweenThem
    EXPECTED.put("network-delay-with-target-example.yaml", Expect.nothing());
    // TCP discards duplicates: nothing a caller sees
    EXPECTED.put("network-duplicate-example.yaml", Expect.nothing());
    EXPECTED.put("network-loss-example.yaml", Expect.changes(SOON, TIKV));
    EXPECTED.put("network-netem-example.yaml", Expect.changes(SOON, TIKV));
    EXPECTED.put("network-netem-with-target-example.yaml", Expect.nothing());
    EXPECTED.put("network-partition-example.yaml", Expect.nothing());
    EXPECTED.put("network-partition-with-external-targets-example.yaml", Expect.nothing());
    EXPECTED.put("nginx-http-patch-response.yaml", Expect.nothing());
    EXPECTED.put("physicalmachinechaos-network-delay-physicalmachinechaos-example.yaml",
        Expect.nothing());
    EXPECTED.put(
        "physicalmachinechaos-network-delay-physicalmachinechaos-labelselectors-example.yaml",
        Expect.nothing());
    EXPECTED.put("pod-failure-example.yaml", Expect.changes(SOON, TIKV));
    EXPECTED.put("pod-kill-example.yaml", Expect.changes(SOON, TIKV));
    EXPECTED.put("remote-cluster-remote-podchaos.yaml", Expect.refused("PodChaos"
        + " `pod-failure-example` `remoteCluster`: no cluster `cluster-xxxxxxx` in the sandbox"
        + " world"));
    EXPECTED.put("schedule-podchaos.yaml", Expect.changes(Duration.ofSeconds(5), TIKV));
    EXPECTED.put("time-chaos-example.yaml", Expect.nothing());
    EXPECTED.put("web-show-network-delay.yaml", Expect.changes(Duration.ofSeconds(60),
        WEB_SHOW));
    EXPECTED.put("web-show-pod-failure.yaml", Expect.changes(Duration.ofMinutes(2), WEB_SHOW));
    EXPECTED.put("web-show-pod-kill.yaml", Expect.changes(Duration.ofMinutes(1), WEB_SHOW));
    EXPECTED.put("workflow-custom-task.yaml", Expect.refused("Workflow"
        + " `try-workflow-custom-task`, template `the-entry` is a Task"));
    EXPECTED.put("workflow-parallel.yaml", Expect.changes(SOON, HELLO));
    EXPECTED.put("workflow-serial.yaml", Expect.changes(SOON, HELLO));
    EXPECTED.put("workflow-status-check.yaml", Expect.changes(SOON, HELLO));
  }

  static String example(String name) {
    try (InputStream in = ChaosExamplesWorldTest.class.getResourceAsStream(
        "/chaos-mesh/examples/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void everyExampleChangesOnlyThePodsItMatches() throws InterruptedException {
    assertThat(EXPECTED).hasSize(38);
    for (Map.Entry<String, Expect> e : EXPECTED.entrySet()) {
      String name = e.getKey();
      Expect expect = e.getValue();
      InjectionWorld w = new InjectionWorld();
      Map<String, String> before = w.fingerprints();
      if (expect.refused() != null) {
        assertThatThrownBy(() -> w.k8s().apply(example(name), "shop")).as(name)
            .isInstanceOf(SandboxException.class).hasMessageStartingWith(expect.refused());
        assertThat(w.fingerprints()).as(name).isEqualTo(before);
        continue;
      }
      w.k8s().apply(example(name), "shop");
      w.advance(expect.after());
      Map<String, String> after = w.fingerprints();
      Set<String> changed = new TreeSet<>();
      after.forEach((k, v) -> {
        if (!v.equals(before.get(k))) {
          changed.add(k);
        }
      });
      assertThat(changed).as(name).isEqualTo(new TreeSet<>(expect.changed()));
      assertThat(w.world.prometheus().scalar("chaos:slo:error_rate:1m")).as(name)
          .isCloseTo(expect.errorRate(), within(1e-9));
    }
  }

  @Test
  void peersSeeWhatIsBetweenThem() {
    InjectionWorld w = new InjectionWorld();
    w.k8s().apply(example("network-delay-with-target-example.yaml"), "shop");
    // mode one on both sides: one of the two web-app pods, seen from the one pool pod chosen
    assertThat(w.health("web-app", "pool").addedLatency()).isEqualTo(Duration.ofNanos(22_500_000));
    assertThat(w.health("web-app").addedLatency()).isZero();
    InjectionWorld p = new InjectionWorld();
    p.k8s().apply(example("network-partition-example.yaml"), "shop");
    // one tikv pod cut from another: a third of the callers lose a third of the pods
    assertThat(p.health("tikv", "tikv").lossShare()).isCloseTo(2.0 / 9, within(1e-9));
  }
}
