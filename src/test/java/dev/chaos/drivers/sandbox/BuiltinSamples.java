package dev.chaos.drivers.sandbox;

import dev.chaos.spi.CallArgs;
import dev.chaos.types.JsonTree;
import dev.chaos.types.Value;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One sample call of every builtin, valid on the {@link #world() sample world}: the default
 * world with a statement for `postgres.execute`. In the order of the driver registry they can
 * run one after the other on one world (`argo.submit` comes before `argo.phase`, `k8s.apply`
 * before `k8s.delete`).
 */
final class BuiltinSamples {
  private BuiltinSamples() {}

  static final String FILE_NAME = "manifest.yaml";
  static final String STATEMENT = "UPDATE sessions SET expired = true WHERE age > 3600";
  static final String GATEWAY = "http://graphql-gateway.llm-marketplace:4000/health";

  static final Value.Rec BACKEND = Value.rec("Selector", "cluster", Value.str(""),
      "namespace", Value.str("llm-marketplace"), "labels", Value.str("tier=backend"));

  private static final String WORKFLOW = """
      apiVersion: argoproj.io/v1alpha1
      kind: Workflow
      metadata: {name: sample-wf, namespace: chaos-testing}
      spec: {entrypoint: main}
      """;

  private static final String POD_CHAOS = """
      apiVersion: chaos-mesh.org/v1alpha1
      kind: PodChaos
      metadata: {name: sample-chaos, namespace: chaos-testing}
      spec: {action: pod-kill, mode: one, selector: {labelSelectors: {app: graphql-gateway}}}
      """;

  /** The default world, with an answer for the sample statement. */
  static WorldSpec world() {
    String yaml = defaultWorldText();
    String marker = "  queries:\n";
    if (!yaml.contains(marker)) {
      throw new AssertionError("the default world has no `postgres.queries` to add to");
    }
    return WorldLoader.parse(yaml.replace(marker,
        "  statements:\n    \"" + STATEMENT + "\": 3\n" + marker), "sample world");
  }

  static String defaultWorldText() {
    try (var in = BuiltinSamples.class.getClassLoader()
        .getResourceAsStream(WorldLoader.DEFAULT_WORLD)) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The sample arguments of every builtin, by qualified name. */
  static Map<String, CallArgs> all() {
    Map<String, CallArgs> s = new LinkedHashMap<>();
    // core
    s.put("now", args());
    s.put("env", args("name", str("CHAOS_SAMPLE_SURELY_UNSET"), "default", str("fallback")));
    s.put("secret", args("name", str("webhook-token")));
    s.put("file", args("path", str(FILE_NAME)));
    s.put("json", args("text", str("{\"replicas\": [1, 2.5], \"ok\": true}")));
    s.put("seconds", args("value", Value.number(0.25)));
    s.put("millis", args("value", Value.number(1500)));
    s.put("to_seconds", args("duration", Value.duration(Duration.ofSeconds(90))));
    s.put("to_millis", args("duration", Value.duration(Duration.ofMillis(1500))));
    s.put("percent", args("ratio", Value.number(0.004)));
    s.put("ratio", args("percent", Value.percent(0.4)));
    s.put("len", args("value", Value.list(str("a"), str("b"))));
    s.put("min", args("a", Value.integer(3), "b", Value.integer(4)));
    s.put("max", args("a", Value.integer(3), "b", Value.integer(4)));
    s.put("contains", args("items", Value.list(str("a"), str("b")), "item", str("b")));
    s.put("matches", args("text", str("pod backend-7f9"), "pattern", str("backend-\\w+")));
    s.put("string", args("value", JsonTree.of(42L)));
    s.put("int", args("value", JsonTree.of("42")));
    s.put("float", args("value", JsonTree.of(1.5)));
    s.put("bool", args("value", JsonTree.of(true)));
    // argo
    s.put("argo.submit", args("manifest", str(WORKFLOW)));
    s.put("argo.phase", args("name", str("sample-wf"), "namespace", str("chaos-testing")));
    s.put("argo.terminate", args("name", str("sample-wf"), "namespace", str("chaos-testing")));
    s.put("argo.terminate_all", args("namespace", str("chaos-testing")));
    // http
    s.put("http.get", args("url", str(GATEWAY), "timeout", Value.duration(Duration.ofSeconds(2))));
    s.put("http.post", args("url", str(GATEWAY), "body", str("{}")));
    // k8s
    s.put("k8s.selector", args("namespace", str("llm-marketplace"), "labels", str("tier=backend")));
    s.put("k8s.pods", args("selector", BACKEND));
    s.put("k8s.kill_pods", args("selector", BACKEND, "count", Value.integer(1)));
    s.put("k8s.apply", args("manifest", str(POD_CHAOS)));
    s.put("k8s.delete", args("kind", str("podchaos"), "name", str("sample-chaos"),
        "namespace", str("chaos-testing")));
    s.put("k8s.delete_all", args("kind", str("podchaos"), "namespace", str("chaos-testing")));
    s.put("k8s.get", args("kind", str("deployment"), "name", str("backend"),
        "namespace", str("llm-marketplace")));
    s.put("k8s.exists", args("kind", str("deployment"), "name", str("backend")));
    s.put("k8s.count", args("kind", str("deployment"), "namespace", str("llm-marketplace")));
    s.put("k8s.patch", args("kind", str("deployment"), "name", str("backend"),
        "patch", Value.rec("", "spec", Value.rec("", "replicas", Value.integer(6)))));
    s.put("k8s.scale", args("kind", str("deployment"), "name", str("backend"),
        "replicas", Value.integer(5)));
    s.put("k8s.rollout_restart", args("kind", str("deployment"), "name", str("graphql-gateway")));
    s.put("k8s.rollout_complete", args("kind", str("deployment"), "name", str("graphql-gateway")));
    s.put("k8s.hpa", args("name", str("graphql-gateway")));
    s.put("k8s.events", args("selector", BACKEND, "reason", str("Killing")));
    s.put("k8s.usage", args("selector", BACKEND));
    // notify
    s.put("notify.send", args("text", str("chaos: sample")));
    // postgres
    s.put("postgres.scalar", args("sql", str("SELECT 1")));
    s.put("postgres.connections", args("state", str("active")));
    s.put("postgres.replication_lag", args());
    s.put("postgres.replicas", args());
    s.put("postgres.hold_connections", args("count", Value.integer(5)));
    s.put("postgres.terminate", args("application", str("chaos")));
    s.put("postgres.execute", args("sql", str(STATEMENT)));
    // prometheus
    s.put("prometheus.scalar", args("query", str("chaos:slo:error_rate:1m")));
    s.put("prometheus.vector", args("query", str("chaos:slo:error_rate:1m")));
    s.put("prometheus.alerts", args("severity", str("critical"), "state", str("any")));
    s.put("prometheus.ready", args());
    // redis
    s.put("redis.ping", args());
    s.put("redis.get", args("key", str("models:catalog:version")));
    s.put("redis.exists", args("key", str("models:catalog:version")));
    s.put("redis.set", args("key", str("chaos:marker"), "value", str("1"),
        "ttl", Value.duration(Duration.ofMinutes(5))));
    s.put("redis.del", args("key", str("session:count")));
    s.put("redis.dbsize", args());
    s.put("redis.info", args("section", str("replication")));
    s.put("redis.master", args("name", str("mymaster")));
    s.put("redis.failover", args("name", str("mymaster")));
    s.put("redis.replicaof_no_one", args("node", Value.rec("Address",
        "host", str("redis-replica-0.redis.llm-marketplace.svc.cluster.local"),
        "port", Value.integer(6379))));
    s.put("redis.flushall", args());
    // shell
    s.put("shell.run", new CallArgs(Map.of("cmd", str("./scripts/smoke-tests.sh")),
        List.of(str("--fast"))));
    return s;
  }

  static CallArgs args(Object... namesAndValues) {
    Map<String, Value> map = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      map.put((String) namesAndValues[i], (Value) namesAndValues[i + 1]);
    }
    return new CallArgs(map, List.of());
  }

  private static Value.Str str(String s) {
    return Value.str(s);
  }
}
