package dev.chaos.drivers.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chaos.spi.CallArgs;
import dev.chaos.types.JsonTree;
import dev.chaos.types.Value;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The Redis, PostgreSQL, Prometheus, HTTP, notify, shell and Argo bindings on the default world. */
@Timeout(20)
class ServicesBindingsTest {
  private final SandboxBackend backend = new SandboxBackend(WorldLoader.defaultWorld(), Path.of(""));
  private final TestCallContext c = TestCallContext.of(backend);
  private static final String MASTER = "redis-master-0.redis.llm-marketplace.svc.cluster.local";
  private static final String REPLICA = "redis-replica-0.redis.llm-marketplace.svc.cluster.local";

  private Value master() throws Exception {
    return c.call("redis.master", "name", Value.str("mymaster"));
  }

  private static Value.Rec address(String host) {
    return Value.rec("Address", "host", Value.str(host), "port", Value.integer(6379));
  }

  @Test
  void aFailoverChangesTheMasterOnceTheFailoverTimeHasPassed() throws Exception {
    assertThat(master()).isEqualTo(address(MASTER));
    c.call("redis.failover", "name", Value.str("mymaster"));
    assertThat(c.undos()).isEmpty();
    backend.clock().sleep(Duration.ofSeconds(7));
    assertThat(master()).as("still failing over").isEqualTo(address(MASTER));
    backend.clock().sleep(Duration.ofSeconds(1)); // the default world's failover_time is 8s
    assertThat(master()).isEqualTo(address(REPLICA));
  }

  @Test
  void replicaofNoOneTakesAnAddressOrHostAndPort() throws Exception {
    c.call("redis.replicaof_no_one", "node", address(REPLICA));
    assertThat(master()).isEqualTo(address(REPLICA));
    c.call("redis.replicaof_no_one", "node", Value.str(MASTER + ":6379"));
    assertThat(master()).isEqualTo(address(MASTER));
  }

  @Test
  void setsUndoRestoresThePreviousValueOrDeletesANewKey() throws Exception {
    TestCallContext set = TestCallContext.of(backend)
        .probing(() -> backend.world().redis().get("models:catalog:version"));
    set.call("redis.set", "key", Value.str("models:catalog:version"), "value", Value.str("v2"));
    set.call("redis.set", "key", Value.str("chaos:new"), "value", Value.str("x"));
    assertThat(set.undos()).extracting(TestCallContext.Registered::description).containsExactly(
        "restore the previous value of redis key `models:catalog:version`",
        "delete redis key `chaos:new`, which did not exist");
    assertThat(set.undos().get(0).seenAtRegistration()).isEqualTo("2025-01-05");
    assertThat(c.call("redis.get", "key", Value.str("models:catalog:version")))
        .isEqualTo(Value.str("v2"));
    set.undoAll();
    assertThat(c.call("redis.get", "key", Value.str("models:catalog:version")))
        .isEqualTo(Value.str("2025-01-05"));
    assertThat(c.call("redis.exists", "key", Value.str("chaos:new"))).isEqualTo(Value.FALSE);
  }

  @Test
  void delsUndoPutsTheKeyBackAndAMissingKeyNeedsNoUndo() throws Exception {
    assertThat(c.call("redis.del", "key", Value.str("session:count"))).isEqualTo(Value.TRUE);
    assertThat(c.call("redis.del", "key", Value.str("no:such:key"))).isEqualTo(Value.FALSE);
    assertThat(c.undos()).singleElement().extracting(TestCallContext.Registered::description)
        .isEqualTo("restore redis key `session:count` with its value and expiry");
    c.undoAll();
    assertThat(c.call("redis.get", "key", Value.str("session:count")))
        .isEqualTo(Value.str("1842"));
  }

  @Test
  void redisReadsAndPing() throws Exception {
    Instant before = backend.clock().now();
    assertThat(c.call("redis.ping")).isEqualTo(Value.duration(Duration.ofMillis(1)));
    assertThat(backend.clock().now()).as("a PING takes its round trip")
        .isEqualTo(before.plusMillis(1));
    assertThat(c.call("redis.dbsize")).isEqualTo(Value.integer(2));
    assertThat(c.call("redis.info", "section", Value.str("server")))
        .isEqualTo(Value.stringMap(Map.of("redis_version", "7.2.4", "redis_mode", "standalone",
            "tcp_port", "6379")));
  }

  @Test
  void heldConnectionsCountAgainstTheLimitAndTheirUndoReleasesThem() throws Exception {
    TestCallContext hold = TestCallContext.of(backend);
    // the applications' connections come and go (docs/sandbox.md): the holder takes every
    // slot of the 100, theirs included, and the rest of its 110 are refused
    hold.call("postgres.hold_connections", "count", Value.integer(110),
        "application", Value.str("chaos"));
    backend.clock().sleep(Duration.ofSeconds(5)); // one opens every 20ms
    assertThat(c.call("postgres.connections", "application", Value.str("chaos")))
        .as("every slot of 100, the rest refused").isEqualTo(Value.integer(100));
    assertThat(c.call("postgres.connections")).isEqualTo(Value.integer(100));
    assertThat(hold.log()).containsExactly("postgres: 10 of 110 connections refused: too many"
        + " clients already (max_connections 100)");
    assertThat(hold.undos()).singleElement().extracting(TestCallContext.Registered::description)
        .isEqualTo("close the connections held by application `chaos`");
    hold.undoAll();
    assertThat(c.call("postgres.connections", "application", Value.str("chaos")))
        .isEqualTo(Value.integer(0));
    assertThat(c.call("postgres.connections")).isEqualTo(Value.integer(18));
  }

  @Test
  void postgresReads() throws Exception {
    assertThat(c.call("postgres.scalar", "sql", Value.str("SHOW max_connections")))
        .isEqualTo(JsonTree.of("100"));
    assertThat(c.call("postgres.replication_lag"))
        .isEqualTo(Value.duration(Duration.ofMillis(40)));
    assertThat(c.call("postgres.replicas")).isEqualTo(Value.integer(1));
    assertThat(c.call("postgres.terminate", "application", Value.str("backend")))
        .isEqualTo(Value.integer(6));
    assertThatThrownBy(() -> c.call("postgres.execute", "sql", Value.str("DELETE FROM users")))
        .hasMessageContaining("add it under `postgres.statements`");
  }

  @Test
  void prometheusScalarVectorAndAlerts() throws Exception {
    assertThat(c.call("prometheus.scalar", "query", Value.str("chaos:slo:error_rate:1m")))
        .isEqualTo(Value.number(0.0002));
    assertThat(c.call("prometheus.vector", "query", Value.str("chaos:slo:latency:p95:1m")))
        .isEqualTo(Value.list(Value.rec("Sample",
            "labels", Value.stringMap(Map.of("__name__", "chaos:slo:latency:p95:1m")),
            "value", Value.number(0.18))));
    assertThat(c.call("prometheus.vector", "query", Value.str("no_such_series")))
        .isEqualTo(Value.list(List.of()));
    assertThatThrownBy(() -> c.call("prometheus.scalar", "query", Value.str("no_such_series")))
        .hasMessageStartingWith("no data for `no_such_series`");
    assertThat(c.call("prometheus.alerts", "severity", Value.str("critical")))
        .isEqualTo(Value.list(List.of()));
    assertThat(c.call("prometheus.ready")).isEqualTo(Value.TRUE);

    // every gateway pod down from t+1s to t+16s: every request fails at the tick of t+15s,
    // past the 1% of the warning rule and the 5% of the critical one, both pending (for: 1m)
    backend.clock().sleep(Duration.ofSeconds(1));
    c.call("k8s.kill_pods", "selector", Value.rec("Selector", "cluster", Value.str(""),
        "namespace", Value.str("llm-marketplace"), "labels", Value.str("app=graphql-gateway")),
        "count", Value.integer(3));
    backend.clock().sleep(Duration.ofSeconds(14));
    Value pending = c.call("prometheus.alerts", "state", Value.str("pending"));
    assertThat(((Value.List) pending).items()).extracting(alert -> ((Value.Rec) alert)
        .field("name")).containsExactly(Value.str("ChaosErrorRateCritical"),
            Value.str("ChaosErrorRateHigh"));
    assertThat(c.call("prometheus.alerts", "state", Value.str("firing")))
        .isEqualTo(Value.list(List.of()));
  }

  @Test
  void theGatewayHealthAnswersAfterItsLatency() throws Exception {
    Instant before = backend.clock().now();
    Value response = c.call("http.get", "url", Value.str(BuiltinSamples.GATEWAY));
    assertThat(response).isEqualTo(Value.rec("Response", "status", Value.integer(200),
        "latency", Value.duration(Duration.ofMillis(12)), "body",
        Value.str("{\"status\":\"ok\"}")));
    assertThat(backend.clock().now()).isEqualTo(before.plusMillis(12));
    assertThatThrownBy(() -> c.call("http.get", "url", Value.str("http://nowhere:1/")))
        .hasMessageStartingWith("connection refused: nothing answers at http://nowhere:1/");
  }

  @Test
  void aSlowAnswerTimesOutWhenTheTimeoutPassesAndACallStopsAtItsDeadline() throws Exception {
    c.call("k8s.apply", "manifest", Value.str("""
        apiVersion: chaos-mesh.org/v1alpha1
        kind: NetworkChaos
        metadata: {name: slow-gateway, namespace: chaos-testing}
        spec:
          action: delay
          mode: all
          delay: {latency: 250ms}
          selector: {namespaces: [llm-marketplace], labelSelectors: {app: graphql-gateway}}
        """)); // +250ms on the gateway
    Instant before = backend.clock().now();
    assertThatThrownBy(() -> c.call("http.get", "url", Value.str(BuiltinSamples.GATEWAY),
        "timeout", Value.duration(Duration.ofMillis(100))))
        .isInstanceOf(TimeoutException.class)
        .hasMessage("GET " + BuiltinSamples.GATEWAY + " timed out after 100ms");
    assertThat(backend.clock().now()).isEqualTo(before.plusMillis(100));

    TestCallContext hurried = TestCallContext.of(backend).budget(Duration.ofMillis(50));
    Instant start = backend.clock().now();
    assertThatThrownBy(() -> hurried.call("http.get", "url", Value.str(BuiltinSamples.GATEWAY)))
        .hasMessage("GET " + BuiltinSamples.GATEWAY + ": no answer before the call's deadline");
    assertThat(backend.clock().now()).isEqualTo(start.plusMillis(50));
  }

  @Test
  void theGatewayAnswers503WhileAllItsPodsAreDown() throws Exception {
    c.call("k8s.kill_pods", "selector", Value.rec("Selector", "cluster", Value.str(""),
        "namespace", Value.str("llm-marketplace"), "labels", Value.str("app=graphql-gateway")),
        "count", Value.integer(3));
    assertThat(((Value.Rec) c.call("http.get", "url", Value.str(BuiltinSamples.GATEWAY)))
        .field("status")).isEqualTo(Value.integer(503));
  }

  @Test
  void sentNotificationsAreRecordedByTheWorldExceptInADryRun() throws Exception {
    c.call("notify.send", "text", Value.str("chaos: pod-failure aborted"));
    new TestCallContext(backend, null, true).call("notify.send", "text", Value.str("dry"));
    assertThat(backend.world().notifications().sent())
        .extracting(NotifyWorld.Message::text).containsExactly("chaos: pod-failure aborted");
  }

  @Test
  void shellRunAnswersAsTheWorldSaysAndChecksTheExitStatus() throws Exception {
    Value result = c.call("shell.run", "cmd", Value.str("./scripts/smoke-tests.sh"));
    assertThat(result).isEqualTo(Value.rec("Result", "exit", Value.integer(0),
        "stdout", Value.str("24 passed, 0 failed\n"), "stderr", Value.str("")));
    assertThatThrownBy(() -> c.call("shell.run", "cmd", Value.str("./scripts/missing.sh")))
        .hasMessageStartingWith("./scripts/missing.sh: exit status 127: sandbox:"
            + " ./scripts/missing.sh: not found");
    Value unchecked = c.call("shell.run", new CallArgs(Map.of("cmd",
        Value.str("./scripts/missing.sh"), "check", Value.FALSE), List.of()));
    assertThat(((Value.Rec) unchecked).field("exit")).isEqualTo(Value.integer(127));
  }

  @Test
  void aSubmittedWorkflowRunsAndItsUndoTerminatesIt() throws Exception {
    Value name = c.call("argo.submit", "manifest", Value.str("""
        kind: Workflow
        metadata: {generateName: dr-test-}
        spec: {entrypoint: main}
        """), "namespace", Value.str("chaos-testing"));
    assertThat(((Value.Str) name).value()).startsWith("dr-test-").hasSize(13);
    assertThat(c.undos()).singleElement().extracting(TestCallContext.Registered::description)
        .isEqualTo("terminate workflow dr-test-* (generated name) in namespace chaos-testing"
            + " if it is still running");
    Value phase = c.call("argo.phase", "name", name, "namespace", Value.str("chaos-testing"));
    assertThat(phase).isEqualTo(Value.str("Running"));
    c.undoAll();
    assertThat(c.call("argo.phase", "name", name, "namespace", Value.str("chaos-testing")))
        .isEqualTo(Value.str("Failed"));
  }

  @Test
  void submitRefusesAChaosMeshWorkflowByItsApiVersion() {
    assertThatThrownBy(() -> c.call("argo.submit", "manifest", Value.str("""
        apiVersion: chaos-mesh.org/v1alpha1
        kind: Workflow
        metadata: {name: serial-chaos}
        spec: {entry: entry, templates: []}
        """), "namespace", Value.str("chaos-testing")))
        .hasMessage("argo.submit takes an Argo Workflow (apiVersion argoproj.io/v1alpha1), not "
            + "the chaos-mesh.org/v1alpha1 Workflow `serial-chaos`: a Chaos Mesh Workflow is "
            + "applied with k8s.apply");
    assertThat(c.undos()).isEmpty();
  }
}
