package dev.chaos.drivers.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chaos.drivers.kube.KillCount;
import dev.chaos.types.Value;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The `k8s` bindings on the default world, with the interpreter's view of undo and dry runs. */
@Timeout(20)
class K8sBindingsTest {
  private final SandboxBackend backend = new SandboxBackend(WorldLoader.defaultWorld(), Path.of(""));
  private final K8sWorld k8s = backend.world().k8s("");
  private static final Value.Rec GATEWAY = Value.rec("Selector", "cluster", Value.str(""),
      "namespace", Value.str("llm-marketplace"), "labels", Value.str("app=graphql-gateway"));
  private static final String POD_CHAOS = """
      apiVersion: chaos-mesh.org/v1alpha1
      kind: PodChaos
      metadata: {name: random-pod-kill, namespace: chaos-testing}
      spec:
        action: pod-failure
        mode: one
        duration: 10m
        selector: {namespaces: [llm-marketplace], labelSelectors: {tier: backend}}
      """;

  private TestCallContext underBlastRadius(Double percent) {
    return new TestCallContext(backend, percent, false);
  }

  private int ready(Value.Rec selector) throws Exception {
    Value.Rec pods = (Value.Rec) TestCallContext.of(backend).call("k8s.pods", "selector",
        selector);
    return (int) ((Value.Int) pods.field("ready")).value();
  }

  private static List<Value> names(Value list) {
    return ((Value.List) list).items();
  }

  @Test
  void killedPodsAreRecreatedAfterTheDeploymentsRecoveryTime() throws Exception {
    TestCallContext c = underBlastRadius(null);
    Value killed = c.call("k8s.kill_pods", "selector", BuiltinSamples.BACKEND,
        "fraction", Value.percent(30));
    assertThat(names(killed)).hasSize(2); // 30% of 5, rounded up
    assertThat(ready(BuiltinSamples.BACKEND)).isEqualTo(3);
    assertThat(c.undos()).as("kill_pods has no automatic inverse").isEmpty();
    backend.clock().sleep(Duration.ofSeconds(12));
    assertThat(ready(BuiltinSamples.BACKEND)).isEqualTo(5);
  }

  @Test
  void aFractionWithinTheBlastRadiusNeverRoundsUpPastIt() throws Exception {
    TestCallContext c = underBlastRadius(30.0);
    Value killed = c.call("k8s.kill_pods", "selector", BuiltinSamples.BACKEND,
        "fraction", Value.percent(30));
    assertThat(names(killed)).hasSize(1);
    assertThat(c.log()).containsExactly("k8s.kill_pods: 30% of 5 pods rounds up to 2 (40%);"
        + " killing 1 (20%) to stay within the runbook's blast_radius 30%");
    assertThat(ready(BuiltinSamples.BACKEND)).isEqualTo(4);
  }

  @Test
  void aKillBeyondTheBlastRadiusIsRefusedWithItsNumbersAndKillsNothing() throws Exception {
    TestCallContext c = underBlastRadius(30.0);
    assertThatThrownBy(() -> c.call("k8s.kill_pods", "selector", BuiltinSamples.BACKEND,
        "count", Value.integer(2)))
        .isInstanceOf(KillCount.Refused.class)
        .hasMessage("killing 2 of the 5 pods labelled `tier=backend` in namespace"
            + " llm-marketplace (40%) is more than the runbook's blast_radius 30%");
    assertThatThrownBy(() -> c.call("k8s.kill_pods", "selector", BuiltinSamples.BACKEND,
        "fraction", Value.percent(50)))
        .hasMessage("fraction: 50% is more than the runbook's blast_radius 30%");
    // the gateway has 3 pods: one of them is already 33%
    assertThatThrownBy(() -> c.call("k8s.kill_pods", "selector", GATEWAY,
        "fraction", Value.percent(30)))
        .hasMessage("30% of the 3 pods labelled `app=graphql-gateway` in namespace"
            + " llm-marketplace is at least 1 pod (33.333333%), more than the runbook's"
            + " blast_radius 30%");
    assertThat(ready(BuiltinSamples.BACKEND)).isEqualTo(5);
    assertThat(ready(GATEWAY)).isEqualTo(3);
    assertThat(backend.world().chaosStartedAt()).isEmpty();
  }

  @Test
  void aCountWithinTheBlastRadiusKillsThatMany() throws Exception {
    Value killed = underBlastRadius(40.0).call("k8s.kill_pods", "selector", BuiltinSamples.BACKEND,
        "count", Value.integer(2), "grace", Value.duration(Duration.ofSeconds(5)));
    assertThat(names(killed)).hasSize(2);
    assertThat(ready(BuiltinSamples.BACKEND)).as("the grace period runs first").isEqualTo(5);
    backend.clock().sleep(Duration.ofSeconds(5));
    assertThat(ready(BuiltinSamples.BACKEND)).isEqualTo(3);
  }

  @Test
  void applyRegistersItsUndoBeforeCreatingAndTheUndoDeletesWhatItCreated() throws Exception {
    TestCallContext c = TestCallContext.of(backend)
        .probing(() -> k8s.exists("podchaos", "random-pod-kill", "chaos-testing"));
    Value applied = c.call("k8s.apply", "manifest", Value.str(POD_CHAOS));
    assertThat(applied).isEqualTo(Value.strings(List.of("podchaos/random-pod-kill")));
    assertThat(k8s.exists("podchaos", "random-pod-kill", "chaos-testing")).isTrue();
    assertThat(ready(BuiltinSamples.BACKEND)).isEqualTo(4); // one backend pod failed for 10m
    assertThat(c.undos()).singleElement().satisfies(u -> {
      assertThat(u.description())
          .isEqualTo("delete podchaos/random-pod-kill in namespace chaos-testing");
      assertThat(u.seenAtRegistration()).as("registered before the object existed")
          .isEqualTo(false);
    });

    c.undoAll();
    assertThat(k8s.exists("podchaos", "random-pod-kill", "chaos-testing")).isFalse();
    c.undoAll(); // an undo retried after it worked changes nothing
    assertThat(k8s.exists("podchaos", "random-pod-kill", "chaos-testing")).isFalse();
  }

  @Test
  void undoingAnApplyOfAnExistingObjectRestoresItsPreviousVersion() throws Exception {
    String v1 = "kind: ConfigMap\nmetadata: {name: flags, namespace: chaos-testing}\n"
        + "data: {mode: normal}\n";
    TestCallContext.of(backend).call("k8s.apply", "manifest", Value.str(v1));
    TestCallContext c = TestCallContext.of(backend);
    c.call("k8s.apply", "manifest", Value.str(v1.replace("normal", "chaos")));
    assertThat(c.undos()).singleElement().extracting(TestCallContext.Registered::description)
        .isEqualTo("restore the previous configmap/flags in namespace chaos-testing");
    assertThat(k8s.get("configmap", "flags", "chaos-testing"))
        .extractingByKey("data").isEqualTo(Map.of("mode", "chaos"));
    c.undoAll();
    assertThat(k8s.get("configmap", "flags", "chaos-testing"))
        .extractingByKey("data").isEqualTo(Map.of("mode", "normal"));
  }

  @Test
  void aFailedApplyLeavesNothingToUndo() throws Exception {
    TestCallContext c = TestCallContext.of(backend);
    String twoDocs = POD_CHAOS + "---\nkind: Deployment\nmetadata: {name: extra}\n";
    assertThatThrownBy(() -> c.call("k8s.apply", "manifest", Value.str(twoDocs)))
        .hasMessageContaining("does not apply deployments");
    assertThat(k8s.exists("podchaos", "random-pod-kill", "chaos-testing")).isFalse();
    c.undoAll();
  }

  @Test
  void scalesUndoRestoresThePreviousReplicas() throws Exception {
    TestCallContext c = TestCallContext.of(backend);
    Value previous = c.call("k8s.scale", "kind", Value.str("deployment"),
        "name", Value.str("backend"), "replicas", Value.integer(8),
        "namespace", Value.str("llm-marketplace"));
    assertThat(previous).isEqualTo(Value.integer(5));
    assertThat(c.undos()).singleElement().extracting(TestCallContext.Registered::description)
        .isEqualTo("scale deployment/backend in namespace llm-marketplace back to 5 replicas");
    assertThat(replicas()).isEqualTo(8L);
    c.undoAll();
    assertThat(replicas()).isEqualTo(5L);
  }

  @Test
  void patchsUndoRestoresTheFieldsItChanged() throws Exception {
    TestCallContext.of(backend).call("k8s.apply", "manifest", Value.str("""
        kind: ChaosEngine
        metadata: {name: engine, namespace: chaos-testing}
        spec: {engineState: active, appinfo: {appns: llm-marketplace}}
        """));
    TestCallContext c = TestCallContext.of(backend);
    c.call("k8s.patch", "kind", Value.str("chaosengine"), "name", Value.str("engine"),
        "namespace", Value.str("chaos-testing"),
        "patch", Value.rec("", "spec", Value.rec("", "engineState", Value.str("stop"))));
    assertThat(engineState()).isEqualTo("stop");
    assertThat(c.undos()).singleElement().extracting(TestCallContext.Registered::description)
        .isEqualTo("restore spec.engineState of chaosengine/engine in namespace chaos-testing");
    c.undoAll();
    assertThat(engineState()).isEqualTo("active");
  }

  @Test
  void readsAnswerAsTheWorldStands() throws Exception {
    TestCallContext c = TestCallContext.of(backend);
    assertThat(c.call("k8s.selector", "namespace", Value.str("llm-marketplace"),
        "labels", Value.str("tier=backend"))).isEqualTo(BuiltinSamples.BACKEND);
    assertThat(c.call("k8s.get", "kind", Value.str("deployments"), "name", Value.str("backend")))
        .isInstanceOf(Value.Json.class);
    assertThat(c.call("k8s.count", "kind", Value.str("pod"),
        "namespace", Value.str("llm-marketplace"), "labels", Value.str("tier=backend")))
        .isEqualTo(Value.integer(5));
    assertThat(c.call("k8s.hpa", "name", Value.str("graphql-gateway")))
        .isEqualTo(Value.rec("Hpa", "current", Value.integer(3), "desired", Value.integer(3),
            "min", Value.integer(3), "max", Value.integer(10)));
    assertThatThrownBy(() -> c.call("k8s.get", "kind", Value.str("deployment"),
        "name", Value.str("frontend")))
        .hasMessage("deployment \"frontend\" not found in namespace llm-marketplace");
    // `cluster:` moves a selector to another cluster: the backup region, a pilot light, has 1
    assertThat(ready(BuiltinSamples.BACKEND)).isEqualTo(5);
    Value.Rec backup = (Value.Rec) c.call("k8s.pods", "selector", BuiltinSamples.BACKEND,
        "cluster", Value.str("backup-region"));
    assertThat(backup.field("total")).isEqualTo(Value.integer(1));
  }

  @Test
  void eventsSinceADurationCountOnlyThatRecentPast() throws Exception {
    TestCallContext c = TestCallContext.of(backend);
    c.call("k8s.kill_pods", "selector", BuiltinSamples.BACKEND, "count", Value.integer(1));
    backend.clock().sleep(Duration.ofMinutes(2));
    assertThat(c.call("k8s.events", "selector", BuiltinSamples.BACKEND, "reason", Value.str("Killing")))
        .isEqualTo(Value.integer(1));
    assertThat(c.call("k8s.events", "selector", BuiltinSamples.BACKEND, "reason", Value.str("Killing"),
        "since", Value.duration(Duration.ofMinutes(1)))).isEqualTo(Value.integer(0));
  }

  private long replicas() {
    return (Long) ((Map<?, ?>) k8s.get("deployment", "backend", "llm-marketplace").get("spec"))
        .get("replicas");
  }

  private String engineState() {
    return (String) ((Map<?, ?>) k8s.get("chaosengine", "engine", "chaos-testing").get("spec"))
        .get("engineState");
  }
}
