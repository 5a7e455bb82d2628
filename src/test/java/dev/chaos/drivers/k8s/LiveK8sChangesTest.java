package dev.chaos.drivers.k8s;

import static dev.chaos.drivers.k8s.K8sLab.args;
import static dev.chaos.drivers.ManifestDocuments.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chaos.types.JsonTree;
import dev.chaos.types.Value;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** `patch`, `scale` and `rollout_restart`, their inverses and their dry runs. */
class LiveK8sChangesTest extends K8sLabTest {

  @BeforeEach
  void start() throws Exception {
    lab.create("deployment", LiveK8sReadsTest.deployment("backend", 5, 5, 5, 5));
    lab.create("chaosengine", Map.of("apiVersion", "litmuschaos.io/v1alpha1",
        "kind", "ChaosEngine", "metadata", Map.of("name", "engine"),
        "spec", Map.of("engineState", "active", "appinfo", Map.of("appns", "shop"))));
  }

  private Map<String, Object> get(String kind, String name) {
    return KubeObjects.get(lab.client, kind, null, lab.namespace, name);
  }

  @Test
  void scaleReturnsThePreviousReplicasAndItsInverseScalesBack() throws Exception {
    K8sLab.Ctx context = new K8sLab.Ctx();

    Value previous = impls.get("k8s.scale").call(args("kind", Value.str("deployment"), "name",
        Value.str("backend"), "replicas", Value.integer(2)), context);

    assertThat(previous).isEqualTo(Value.integer(5));
    assertThat(at(get("deployment", "backend"), "spec", "replicas")).isEqualTo(2);
    assertThat(context.undoDescriptions).containsExactly("scale deployment/backend in namespace "
        + lab.namespace + " back to 5 replicas");

    context.undoAll();

    assertThat(at(get("deployment", "backend"), "spec", "replicas")).isEqualTo(5);
  }

  @Test
  void scaleRefusesWhatHasNoReplicas() {
    assertThatThrownBy(() -> impls.get("k8s.scale").call(args("kind", Value.str("chaosengine"),
        "name", Value.str("engine"), "replicas", Value.integer(1)), new K8sLab.Ctx()))
        .hasMessage("k8s " + lab.server() + ": chaosengine/engine cannot be scaled: give a"
            + " deployment, statefulset or replicaset");
    assertThatThrownBy(() -> impls.get("k8s.scale").call(args("kind", Value.str("deployment"),
        "name", Value.str("gone"), "replicas", Value.integer(1)), new K8sLab.Ctx()))
        .hasMessage("k8s " + lab.server() + ": deployment \"gone\" not found in namespace "
            + lab.namespace);
  }

  @Test
  void patchMergesAndItsInverseRestoresTheFieldsItChanged() throws Exception {
    K8sLab.Ctx context = new K8sLab.Ctx();
    Value patch = JsonTree.of(Map.of("spec", Map.of("engineState", "stop",
        "annotationCheck", "false")));

    impls.get("k8s.patch").call(args("kind", Value.str("ChaosEngines"), "name",
        Value.str("engine"), "patch", patch), context);

    assertThat(at(get("chaosengine", "engine"), "spec", "engineState")).isEqualTo("stop");
    assertThat(at(get("chaosengine", "engine"), "spec", "annotationCheck")).isEqualTo("false");
    assertThat(context.undoDescriptions).hasSize(1);
    assertThat(context.undoDescriptions.get(0)).startsWith("restore spec.")
        .contains("spec.engineState", "spec.annotationCheck")
        .endsWith(" of chaosengine/engine in namespace " + lab.namespace);

    context.undoAll();

    Map<String, Object> restored = get("chaosengine", "engine");
    assertThat(at(restored, "spec")).isEqualTo(Map.of("engineState", "active",
        "appinfo", Map.of("appns", "shop")));
  }

  @Test
  void rolloutRestartSetsTheRestartedAtAnnotation() throws Exception {
    impls.get("k8s.rollout_restart").call(args("kind", Value.str("deploy"), "name",
        Value.str("backend")), new K8sLab.Ctx());

    assertThat(at(get("deployment", "backend"), "spec", "template", "metadata", "annotations"))
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsKey("kubectl.kubernetes.io/restartedAt");
  }

  @Test
  void dryRunsChangeNothing() throws Exception {
    K8sLab.Ctx context = new K8sLab.Ctx(Duration.ofSeconds(10), true, null);
    Map<String, Object> deploymentBefore = get("deployment", "backend");
    Map<String, Object> engineBefore = get("chaosengine", "engine");

    assertThat(impls.get("k8s.scale").call(args("kind", Value.str("deployment"), "name",
        Value.str("backend"), "replicas", Value.integer(1)), context))
        .isEqualTo(Value.integer(5));
    impls.get("k8s.patch").call(args("kind", Value.str("chaosengine"), "name",
        Value.str("engine"), "patch", JsonTree.of(Map.of("spec",
            Map.of("engineState", "stop")))), context);
    impls.get("k8s.rollout_restart").call(args("kind", Value.str("deployment"), "name",
        Value.str("backend")), context);
    assertThat(impls.get("k8s.delete").call(args("kind", Value.str("chaosengine"), "name",
        Value.str("engine")), context)).isEqualTo(Value.bool(true));
    assertThat(impls.get("k8s.delete_all").call(args("kind", Value.str("deployment")), context))
        .isEqualTo(Value.integer(1));

    String ns = lab.namespace;
    assertThat(context.log).containsExactly(
        "dry run: would scale deployment/backend in namespace " + ns + " from 5 to 1 replicas",
        "dry run: would patch spec.engineState of chaosengine/engine in namespace " + ns,
        "dry run: would restart every pod of deployment/backend in namespace " + ns,
        "dry run: would delete chaosengine/engine in namespace " + ns,
        "dry run: would delete every deployment in namespace " + ns);
    assertThat(context.undos).isEmpty();
    assertThat(context.previews).extracting(p -> String.join(", ", p.targets()) + " / "
        + p.undo()).containsExactly(
            "deployment/backend in namespace " + ns + " / scale deployment/backend in namespace "
                + ns + " back to 5 replicas",
            "chaosengine/engine in namespace " + ns + " / restore spec.engineState of"
                + " chaosengine/engine in namespace " + ns,
            "deployment/backend in namespace " + ns + " / ",
            "chaosengine/engine in namespace " + ns + " / ",
            "deployment/backend / ");
    assertThat(get("deployment", "backend")).isEqualTo(deploymentBefore);
    assertThat(get("chaosengine", "engine")).isEqualTo(engineBefore);
    assertThatThrownBy(() -> impls.get("k8s.rollout_restart").call(args("kind",
        Value.str("deployment"), "name", Value.str("gone")), context))
        .hasMessageContaining("deployment \"gone\" not found");
  }
}
