package dev.chaos.drivers.k8s;

import static dev.chaos.drivers.k8s.K8sLab.args;
import static dev.chaos.drivers.k8s.K8sLab.labels;
import static dev.chaos.drivers.k8s.K8sLab.selector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chaos.drivers.ManifestDocuments;
import dev.chaos.types.Value;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The reading `k8s` functions against a real API (the mock in CRUD mode, or the lab's). */
class LiveK8sReadsTest extends K8sLabTest {

  private Value call(String name, Object... args) throws Exception {
    return impls.get(name).call(args(args), new K8sLab.Ctx());
  }

  @Test
  void aSelectorIsARecordAndLooksNothingUp() throws Exception {
    assertThat(call("k8s.selector", "namespace", Value.str("shop"), "labels",
        Value.str("tier=backend")))
        .isEqualTo(Value.rec("Selector", "cluster", Value.str(""), "namespace",
            Value.str("shop"), "labels", Value.str("tier=backend")));
  }

  @Test
  void podsCountsReadinessAndRestarts() throws Exception {
    lab.pods("backend", 5, 3, labels("tier", "backend"));
    lab.pods("db", 2, 2, labels("tier", "db"));

    Value.Rec set = (Value.Rec) call("k8s.pods", "selector",
        selector(lab.namespace, "tier=backend"));

    assertThat(set.field("total")).isEqualTo(Value.integer(5));
    assertThat(set.field("ready")).isEqualTo(Value.integer(3));
    // restart counts 0,1,2,0,1
    assertThat(set.field("restarts")).isEqualTo(Value.integer(4));
    assertThat(set.field("names")).isEqualTo(Value.strings(List.of("backend-0", "backend-1",
        "backend-2", "backend-3", "backend-4")));
  }

  @Test
  void setBasedAndNegatedSelectorsAreHonouredEvenWhereTheServerIgnoresThem() throws Exception {
    lab.pods("backend", 2, 2, labels("tier", "backend"));
    lab.pods("db", 1, 1, labels("tier", "db"));
    lab.pods("web", 1, 1, labels("tier", "web", "canary", "yes"));

    assertThat(total("tier!=db")).isEqualTo(3);
    assertThat(total("tier in (db, web)")).isEqualTo(2);
    assertThat(total("tier notin (db),!canary")).isEqualTo(2);
    assertThat(total("canary")).isEqualTo(1);
    assertThat(total("")).isEqualTo(4);
  }

  private long total(String labels) throws Exception {
    Value.Rec set = (Value.Rec) call("k8s.pods", "selector", selector(lab.namespace, labels));
    return ((Value.Int) set.field("total")).value();
  }

  @Test
  void getExistsAndCountReadBuiltInAndChaosKinds() throws Exception {
    lab.create("configmap", Map.of("apiVersion", "v1", "kind", "ConfigMap",
        "metadata", Map.of("name", "settings", "labels", Map.of("app", "shop")),
        "data", Map.of("mode", "fast")));
    for (String name : List.of("kill-one", "kill-two")) {
      lab.create("podchaos", podChaos(name));
    }

    Value cm = call("k8s.get", "kind", Value.str("ConfigMaps"), "name", Value.str("settings"));
    assertThat(dev.chaos.types.Values.toJsonTree(cm)).extracting(t -> ((Map<?, ?>) t)
        .get("data")).isEqualTo(Map.of("mode", "fast"));
    assertThat(call("k8s.exists", "kind", Value.str("cm"), "name", Value.str("settings")))
        .isEqualTo(Value.bool(true));
    assertThat(call("k8s.exists", "kind", Value.str("PodChaos"), "name", Value.str("nope")))
        .isEqualTo(Value.bool(false));
    assertThat(call("k8s.count", "kind", Value.str("podchaos"))).isEqualTo(Value.integer(2));
    assertThat(call("k8s.count", "kind", Value.str("configmap"), "labels",
        Value.str("app=other"))).isEqualTo(Value.integer(0));
    assertThatThrownBy(() -> call("k8s.get", "kind", Value.str("podchaos"), "name",
        Value.str("nope")))
        .isInstanceOf(K8sException.class)
        .hasMessage("k8s " + lab.server() + ": podchaos \"nope\" not found in namespace "
            + lab.namespace);
  }

  static Map<String, Object> podChaos(String name) {
    return Map.of("apiVersion", "chaos-mesh.org/v1alpha1", "kind", "PodChaos",
        "metadata", Map.of("name", name, "labels", Map.of("experiment", "kill")),
        "spec", Map.of("action", "pod-kill", "mode", "one",
            "selector", Map.of("labelSelectors", Map.of("tier", "backend"))));
  }

  @Test
  void deleteAndDeleteAllWorkOnChaosKinds() throws Exception {
    for (String name : List.of("a", "b", "c")) {
      lab.create("podchaos", podChaos(name));
    }
    lab.create("chaosengine", Map.of("apiVersion", "litmuschaos.io/v1alpha1",
        "kind", "ChaosEngine", "metadata", Map.of("name", "engine"),
        "spec", Map.of("engineState", "active")));

    assertThat(call("k8s.delete", "kind", Value.str("podchaos"), "name", Value.str("a")))
        .isEqualTo(Value.bool(true));
    assertThat(call("k8s.delete", "kind", Value.str("podchaos"), "name", Value.str("a")))
        .isEqualTo(Value.bool(false));
    assertThat(call("k8s.delete_all", "kind", Value.str("PodChaos"), "labels",
        Value.str("experiment=kill"))).isEqualTo(Value.integer(2));
    assertThat(call("k8s.delete_all", "kind", Value.str("chaosengines")))
        .isEqualTo(Value.integer(1));
    assertThat(call("k8s.count", "kind", Value.str("podchaos"))).isEqualTo(Value.integer(0));
    assertThat(call("k8s.count", "kind", Value.str("chaosengine"))).isEqualTo(Value.integer(0));
  }

  @Test
  void hpaReadsCurrentDesiredAndBounds() throws Exception {
    lab.create("hpa", Map.of("apiVersion", "autoscaling/v2", "kind", "HorizontalPodAutoscaler",
        "metadata", Map.of("name", "backend"),
        "spec", Map.of("minReplicas", 2, "maxReplicas", 10, "scaleTargetRef",
            Map.of("apiVersion", "apps/v1", "kind", "Deployment", "name", "backend")),
        "status", Map.of("currentReplicas", 3, "desiredReplicas", 5)));

    assertThat(call("k8s.hpa", "name", Value.str("backend"))).isEqualTo(Value.rec("Hpa",
        "current", Value.integer(3), "desired", Value.integer(5), "min", Value.integer(2),
        "max", Value.integer(10)));
  }

  @Test
  void eventsCountByReasonAndIncludeKilledPodsOfTheSameReplicaSet() throws Exception {
    lab.pods("other", 1, 1, labels("tier", "db"));
    Map<String, Object> owner = Map.of("apiVersion", "apps/v1", "kind", "ReplicaSet",
        "name", "backend-7d9f", "uid", "u-1", "controller", true);
    lab.create("pod", Map.of("apiVersion", "v1", "kind", "Pod", "metadata",
        Map.of("name", "backend-7d9f-aaaaa", "labels", Map.of("tier", "backend"),
            "ownerReferences", List.of(owner)),
        "spec", Map.of("containers", List.of(Map.of("name", "app", "image", "app:1")))));
    Instant now = Instant.now();
    event("e1", "backend-7d9f-aaaaa", "BackOff", 3, now);
    event("e2", "backend-7d9f-zzzzz", "Killing", 1, now); // a pod already killed
    event("e3", "other-0", "Killing", 1, now);
    event("e4", "backend-7d9f-aaaaa", "Killing", 1, now.minus(Duration.ofHours(2)));

    Value.Rec backend = selector(lab.namespace, "tier=backend");
    // by default, since the run started (the clients were made): e4 is older
    assertThat(call("k8s.events", "selector", backend)).isEqualTo(Value.integer(4));
    assertThat(call("k8s.events", "selector", backend, "reason", Value.str("Killing")))
        .isEqualTo(Value.integer(1));
    assertThat(call("k8s.events", "selector", backend, "reason", Value.str("Killing"),
        "since", Value.duration(Duration.ofHours(3)))).isEqualTo(Value.integer(2));
    assertThat(call("k8s.events", "selector", selector(lab.namespace, ""), "reason",
        Value.str("Killing"))).isEqualTo(Value.integer(2));
  }

  private void event(String name, String pod, String reason, int count, Instant at) {
    lab.create("event", Map.of("apiVersion", "v1", "kind", "Event",
        "metadata", Map.of("name", name),
        "involvedObject", Map.of("kind", "Pod", "name", pod, "namespace", lab.namespace),
        "reason", reason, "count", count, "lastTimestamp", at.toString(),
        "type", "Warning", "message", reason));
  }

  @Test
  void usageSumsTheContainersOfTheSelectedPods() throws Exception {
    lab.pods("backend", 2, 2, labels("tier", "backend"));
    lab.pods("db", 1, 1, labels("tier", "db"));
    metrics("backend-0", "250m", "100Mi");
    metrics("backend-1", "1", "50Mi");
    metrics("db-0", "2", "1Gi");

    assertThat(call("k8s.usage", "selector", selector(lab.namespace, "tier=backend")))
        .isEqualTo(Value.rec("Usage", "cpu_cores", Value.number(1.25), "memory_bytes",
            Value.integer(150L * 1024 * 1024)));
  }

  private void metrics(String pod, String cpu, String memory) {
    Map<String, Object> tree = Map.of("apiVersion", "metrics.k8s.io/v1beta1",
        "kind", "PodMetrics", "metadata", Map.of("name", pod),
        "containers", List.of(Map.of("name", "app", "usage",
            Map.of("cpu", cpu, "memory", memory))));
    lab.client.genericKubernetesResources(PodReads.POD_METRICS).inNamespace(lab.namespace)
        .resource(KubeObjects.resource(lab.client, tree)).create();
  }

  @Test
  void rolloutCompleteFollowsKubectlRolloutStatus() throws Exception {
    lab.create("deployment", deployment("done", 3, 3, 3, 3));
    lab.create("deployment", deployment("rolling", 3, 2, 4, 2));

    assertThat(call("k8s.rollout_complete", "kind", Value.str("deploy"), "name",
        Value.str("done"))).isEqualTo(Value.bool(true));
    Object done = dev.chaos.types.Values.toJsonTree(call("k8s.get", "kind",
        Value.str("deployments"), "name", Value.str("done")));
    assertThat(ManifestDocuments.at(ManifestDocuments.map(done), "spec", "replicas")).isEqualTo(3L);
    assertThat(call("k8s.rollout_complete", "kind", Value.str("deployment"), "name",
        Value.str("rolling"))).isEqualTo(Value.bool(false));
    assertThatThrownBy(() -> call("k8s.rollout_complete", "kind", Value.str("configmap"),
        "name", Value.str("x"))).hasMessageContaining("configmap/x has no rollout");
  }

  static Map<String, Object> deployment(String name, int replicas, int updated, int total,
      int available) {
    return Map.of("apiVersion", "apps/v1", "kind", "Deployment",
        "metadata", Map.of("name", name),
        "spec", Map.of("replicas", replicas,
            "selector", Map.of("matchLabels", Map.of("app", name)),
            "template", Map.of("metadata", Map.of("labels", Map.of("app", name)),
                "spec", Map.of("containers", List.of(Map.of("name", "app", "image", "a:1"))))),
        "status", Map.of("observedGeneration", 1, "replicas", total,
            "updatedReplicas", updated, "availableReplicas", available,
            "readyReplicas", available));
  }
}
