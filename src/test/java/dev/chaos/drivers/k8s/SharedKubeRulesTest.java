package dev.chaos.drivers.k8s;

import static dev.chaos.drivers.k8s.K8sLab.args;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chaos.drivers.sandbox.SandboxBackend;
import dev.chaos.drivers.sandbox.WorldLoader;
import dev.chaos.spi.BuiltinImpl;
import dev.chaos.types.Value;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The same label selectors and kinds give the same answer, or the same refusal word for word,
 * in the sandbox and through the live driver (on the fabric8 mock server in CRUD mode, which
 * ignores set-based selectors, so the live driver's own matching is what is compared).
 */
class SharedKubeRulesTest {
  private static final String NS = "chaos-test";
  /** name → labels and replicas, in both worlds. */
  private static final Map<String, Map<String, String>> LABELS = new LinkedHashMap<>();
  private static final Map<String, Integer> REPLICAS = Map.of("api", 2, "worker", 3, "db", 1);

  static {
    LABELS.put("api", Map.of("app", "api", "tier", "frontend", "env", "prod", "shard", "3"));
    LABELS.put("worker", Map.of("app", "worker", "tier", "backend", "env", "staging"));
    LABELS.put("db", Map.of("app", "db", "tier", "backend", "example.com/critical", "true"));
  }

  private K8sLab lab;
  private K8sClients clients;
  private Map<String, BuiltinImpl> live;
  private SandboxBackend sandbox;

  @BeforeEach
  void bothWorlds() throws Exception {
    lab = K8sLab.startMock();
    clients = K8sClients.of(lab.client, Map.of());
    live = K8sLab.bindings(clients);
    StringBuilder world = new StringBuilder("clusters:\n  default:\n    namespace: " + NS
        + "\n    deployments:\n");
    for (var d : LABELS.entrySet()) {
      int replicas = REPLICAS.get(d.getKey());
      Map<String, Object> labels = new LinkedHashMap<>(d.getValue());
      lab.create("deployment", Map.of("apiVersion", "apps/v1", "kind", "Deployment",
          "metadata", Map.of("name", d.getKey(), "labels", labels),
          "spec", Map.of("replicas", replicas)));
      lab.pods(d.getKey(), replicas, replicas, d.getValue());
      StringBuilder yamlLabels = new StringBuilder();
      d.getValue().forEach((k, v) -> yamlLabels.append(yamlLabels.isEmpty() ? "" : ", ")
          .append(k).append(": \"").append(v).append('"'));
      world.append("      - {name: ").append(d.getKey()).append(", namespace: ").append(NS)
          .append(", replicas: ").append(replicas).append(", recovery: 5s, labels: {")
          .append(yamlLabels).append("}}\n");
    }
    sandbox = new SandboxBackend(WorldLoader.create(WorldLoader.parse(world.toString(),
        "shared.yaml")), Path.of("."));
  }

  @AfterEach
  void close() throws Exception {
    clients.close();
    lab.close();
  }

  @Test
  void everySelectorMatchesTheSameObjectsOrIsRefusedTheSameWay() throws Exception {
    List<String> selectors = List.of("", "tier=backend", "tier==backend", "tier!=backend",
        "env in (prod,staging)", "env notin (prod)", "env", "!env", "example.com/critical",
        "tier in (backend),!env", "shard>2", "shard<3", "app in ()", " tier = backend , env ",
        "app in (api, db), tier notin (frontend)",
        "env in (a,b", "tier=backend,", "!tier=backend", "a b", "x/y/z", "tier=-x", "in",
        "app=api)", "env in prod");
    for (String selector : selectors) {
      assertThat(answer(sandbox::impl, selector)).as(selector)
          .isEqualTo(answer(live::get, selector));
    }
    // and the answers are the right ones, not merely equal
    assertThat(answer(live::get, "env in (prod,staging)")).isEqualTo("2 deployments, 5 pods");
    assertThat(answer(live::get, "app in (api, db), tier notin (frontend)"))
        .isEqualTo("1 deployments, 1 pods");
    assertThat(answer(sandbox::impl, "env in (a,b")).isEqualTo("refused: label selector"
        + " `env in (a,b`, column 12: expected a value, `,` or `)`, found the end of the"
        + " selector");
  }

  @Test
  void everyKindSpellingMeansTheSameKindOrIsRefusedTheSameWay() throws Exception {
    for (String kind : List.of("deployment", "Deployments", "deploy", "DEPLOY",
        "deployments.apps", "pods", "po", "deploymnet", "sts.apps", "foo", "podchaos.example.org")) {
      assertThat(count(sandbox::impl, kind)).as(kind).isEqualTo(count(live::get, kind));
    }
    assertThat(count(live::get, "deployments.apps")).isEqualTo("3");
    assertThat(count(sandbox::impl, "deploymnet"))
        .isEqualTo("refused: unknown kind `deploymnet`: did you mean `deployment`?");
  }

  @Test
  void aMissingObjectOfAnUnknownKindIsRefusedForItsKindInBoth() throws Exception {
    Map<String, Value> get = Map.of("kind", Value.str("Deploymnts"), "name", Value.str("x"),
        "namespace", Value.str(NS));
    assertThat(outcome(sandbox.impl("k8s.get"), get))
        .isEqualTo(outcome(live.get("k8s.get"), get))
        .isEqualTo("refused: unknown kind `Deploymnts`: did you mean `deployment`?");
  }

  private interface Impls {
    BuiltinImpl get(String name);
  }

  /** "N deployments, M pods", or "refused: …" with the message. */
  private String answer(Impls impls, String labels) {
    try {
      Value selector = impls.get("k8s.selector").call(args("namespace", Value.str(NS),
          "labels", Value.str(labels)), new K8sLab.Ctx());
      Value count = impls.get("k8s.count").call(args("kind", Value.str("deployment"),
          "namespace", Value.str(NS), "labels", Value.str(labels)), new K8sLab.Ctx());
      Value pods = impls.get("k8s.pods").call(args("selector", selector), new K8sLab.Ctx());
      return count.display() + " deployments, " + ((Value.Rec) pods).field("total").display()
          + " pods";
    } catch (Exception e) {
      return "refused: " + e.getMessage();
    }
  }

  private String count(Impls impls, String kind) {
    return outcome(impls.get("k8s.count"), Map.of("kind", Value.str(kind), "namespace",
        Value.str(NS)));
  }

  private static String outcome(BuiltinImpl impl, Map<String, Value> arguments) {
    try {
      return impl.call(new dev.chaos.spi.CallArgs(arguments, List.of()), new K8sLab.Ctx())
          .display();
    } catch (Exception e) {
      return "refused: " + e.getMessage();
    }
  }
}
