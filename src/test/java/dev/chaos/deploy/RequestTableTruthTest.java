package dev.chaos.deploy;

import static dev.chaos.drivers.k8s.K8sLab.args;
import static dev.chaos.drivers.k8s.K8sLab.labels;
import static dev.chaos.drivers.k8s.K8sLab.selector;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chaos.check.CallSites;
import dev.chaos.drivers.k8s.K8sLab;
import dev.chaos.drivers.k8s.K8sLabTest;
import dev.chaos.source.SourceFile;
import dev.chaos.source.Span;
import dev.chaos.spi.Builtin;
import dev.chaos.spi.DriverRegistry;
import dev.chaos.types.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfEnvironmentVariable;

/**
 * The request table against the live bindings: each `k8s` function is called on the mock API,
 * every request the server receives is read back as RBAC sees it (verb, group, resource,
 * namespace), and each must be in the function's row. The rows may hold more (an undo's
 * requests, a branch not taken here); never less.
 */
@DisabledIfEnvironmentVariable(named = "LAB_K8S_URL", matches = ".+") // the mock's log only
class RequestTableTruthTest extends K8sLabTest {
  private static final DriverRegistry DRIVERS = DriverRegistry.load();
  private static final SourceFile FILE = new SourceFile("t.chaos", "x");

  /** Calls {@code function} and returns what it requested, as KubeRequests. */
  private List<KubeRequest> requested(String function, Object... namesAndValues)
      throws Exception {
    lab.takeRequests();
    impls.get(function).call(args(namesAndValues), new K8sLab.Ctx());
    List<KubeRequest> out = new ArrayList<>();
    for (String line : lab.takeRequests()) {
      out.add(request(line));
    }
    assertThat(out).as(function).isNotEmpty();
    return out;
  }

  /** `DELETE /api/v1/namespaces/ns/pods/p?...` as a request of RBAC. */
  static KubeRequest request(String line) {
    String method = line.substring(0, line.indexOf(' '));
    String path = line.substring(line.indexOf(' ') + 1).replaceAll("\\?.*", "");
    String[] p = path.substring(1).split("/");
    int i = p[0].equals("api") ? 2 : 3;
    String group = p[0].equals("api") ? "" : p[1];
    String namespace = "";
    if (p.length > i + 1 && p[i].equals("namespaces")) {
      namespace = p[i + 1];
      i += 2;
    }
    String resource = p[i];
    boolean named = p.length > i + 1;
    String verb = switch (method) {
      case "GET" -> named ? "get" : "list";
      case "POST" -> "create";
      case "PUT" -> "update";
      case "PATCH" -> "patch";
      case "DELETE" -> "delete";
      default -> throw new AssertionError(line);
    };
    return new KubeRequest(verb, group, resource, namespace);
  }

  /** The row of {@code function} for these argument values. */
  private List<KubeRequest> row(String function, Map<String, List<Object>> arguments) {
    String[] parts = function.split("\\.");
    Builtin builtin = DRIVERS.driver(parts[0]).builtins().stream()
        .filter(b -> b.name().equals(parts[1])).findFirst().orElseThrow();
    return RequestTable.requests(new CallSites.Site(builtin, FILE, new Span(FILE, 0, 1),
        List.of(), arguments), lab.namespace);
  }

  private static Map<String, List<Object>> given(Object... namesAndValues) {
    Map<String, List<Object>> out = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      out.put((String) namesAndValues[i], List.of(namesAndValues[i + 1]));
    }
    return out;
  }

  private Map<String, Object> selectorValue(String labels) {
    return Map.of("namespace", lab.namespace, "labels", labels, "cluster", "");
  }

  @Test
  void whatEachFunctionRequestsIsInItsRow() throws Exception {
    lab.pods("backend", 4, 4, labels("tier", "backend"));
    lab.create("deployment", Map.of("apiVersion", "apps/v1", "kind", "Deployment",
        "metadata", Map.of("name", "api"), "spec", Map.of("replicas", 3)));
    lab.create("configmap", Map.of("apiVersion", "v1", "kind", "ConfigMap",
        "metadata", Map.of("name", "settings"), "data", Map.of("mode", "fast")));
    Value.Rec backend = selector(lab.namespace, "tier=backend");
    Map<String, Object> sel = selectorValue("tier=backend");

    assertThat(requested("k8s.pods", "selector", backend))
        .isSubsetOf(row("k8s.pods", given("selector", sel)));
    assertThat(requested("k8s.kill_pods", "selector", backend, "count", Value.integer(1)))
        .isSubsetOf(row("k8s.kill_pods", given("selector", sel)));
    assertThat(requested("k8s.events", "selector", backend))
        .isSubsetOf(row("k8s.events", given("selector", sel)));
    for (String f : List.of("k8s.get", "k8s.exists", "k8s.rollout_complete")) {
      assertThat(requested(f, "kind", Value.str("deployment"), "name", Value.str("api")))
          .isSubsetOf(row(f, given("kind", "deployment")));
    }
    assertThat(requested("k8s.count", "kind", Value.str("deployment")))
        .isSubsetOf(row("k8s.count", given("kind", "deployment")));
    assertThat(requested("k8s.scale", "kind", Value.str("deployment"), "name", Value.str("api"),
        "replicas", Value.integer(2)))
        .isSubsetOf(row("k8s.scale", given("kind", "deployment")));
    assertThat(requested("k8s.rollout_restart", "kind", Value.str("deployment"), "name",
        Value.str("api"))).isSubsetOf(row("k8s.rollout_restart", given("kind", "deployment")));
    assertThat(requested("k8s.patch", "kind", Value.str("configmap"), "name",
        Value.str("settings"), "patch", dev.chaos.types.JsonTree.of(Map.of("data",
            Map.of("mode", "slow")))))
        .isSubsetOf(row("k8s.patch", given("kind", "configmap")));
    assertThat(requested("k8s.delete", "kind", Value.str("configmap"), "name",
        Value.str("settings"))).isSubsetOf(row("k8s.delete", given("kind", "configmap")));
    assertThat(requested("k8s.delete_all", "kind", Value.str("pod"), "labels",
        Value.str("tier=backend"))).isSubsetOf(row("k8s.delete_all", given("kind", "pod")));
    String podChaos = """
        apiVersion: chaos-mesh.org/v1alpha1
        kind: PodChaos
        metadata: {name: kill-one}
        spec:
          action: pod-kill
          mode: one
          selector: {labelSelectors: {tier: backend}}
        """;
    assertThat(requested("k8s.apply", "manifest", Value.str(podChaos)))
        .isSubsetOf(row("k8s.apply", given("manifest", podChaos)));
  }
}
