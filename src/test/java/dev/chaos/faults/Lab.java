package dev.chaos.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.HostAndPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import redis.clients.jedis.Jedis;

/**
 * The lab of `scripts/lab` as the fault-injection tests see it: its addresses (from `lab.env`,
 * exported into the test's environment) and `scripts/lab stop|start SERVICE`, which stops one
 * component and brings it back (waiting, bounded, until it answers again).
 */
final class Lab {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(10)).build();

  private Lab() {}

  static String env(String name) {
    String value = System.getenv(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(name + " is not set: bring the lab up and export "
          + "target/lab/lab.env (docs/lab.md)");
    }
    return value;
  }

  static Path config() {
    return Path.of(env("LAB_CHAOS_CONFIG"));
  }

  /** `scripts/lab stop SERVICE`. */
  static void stop(String service) {
    script("stop", service);
  }

  /** `scripts/lab start SERVICE`: returns once it answers again. */
  static void start(String service) {
    script("start", service);
  }

  /** `scripts/lab pause SERVICE`: frozen, it keeps its state and answers nothing. */
  static void pause(String service) {
    script("pause", service);
  }

  /** `scripts/lab resume SERVICE`. */
  static void resume(String service) {
    script("resume", service);
  }

  private static void script(String command, String service) {
    ProcessBuilder builder = new ProcessBuilder(Path.of("scripts/lab").toAbsolutePath().toString(),
        command, service).redirectErrorStream(true);
    // lab.env names the lab's port offset; scripts/lab needs it to find the same ports
    String offset = System.getenv("LAB_PORT_OFFSET");
    if (offset != null) {
      builder.environment().put("LAB_PORT_OFFSET", offset);
    }
    // a loaded machine (the tests share two cores) starts a JVM slowly
    builder.environment().putIfAbsent("LAB_TIMEOUT", "180");
    try {
      Process p = builder.start();
      String output;
      if (!p.waitFor(5, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new AssertionError("scripts/lab " + command + " " + service + " took over 5 min");
      }
      output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.exitValue()).as("scripts/lab %s %s:%n%s", command, service, output).isZero();
    } catch (IOException e) {
      throw new AssertionError("cannot run scripts/lab: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while running scripts/lab " + command, e);
    }
  }

  /** The HTTP status of a GET on the lab's Kubernetes API: 200 when the object exists. */
  static int kubeStatus(String path) throws IOException, InterruptedException {
    HttpRequest get = HttpRequest.newBuilder(URI.create(env("LAB_K8S_URL") + path))
        .timeout(Duration.ofSeconds(30)).GET().build();
    return HTTP.send(get, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  /** The JSON of a GET on the lab's Kubernetes API (which must answer 200). */
  static JsonNode kubeJson(String path) throws IOException, InterruptedException {
    HttpRequest get = HttpRequest.newBuilder(URI.create(env("LAB_K8S_URL") + path))
        .timeout(Duration.ofSeconds(30)).GET().build();
    HttpResponse<String> reply = HTTP.send(get, HttpResponse.BodyHandlers.ofString());
    assertThat(reply.statusCode()).as("GET %s: %s", path, reply.body()).isEqualTo(200);
    return JSON.readTree(reply.body());
  }

  /** The `spec.replicas` of a deployment of `llm-marketplace`. */
  static int replicas(String deployment) throws IOException, InterruptedException {
    return kubeJson("/apis/apps/v1/namespaces/llm-marketplace/deployments/" + deployment)
        .path("spec").path("replicas").asInt(-1);
  }

  /** The pods of `llm-marketplace` with the label {@code app=NAME}. */
  static int pods(String app) throws IOException, InterruptedException {
    return kubeJson("/api/v1/namespaces/llm-marketplace/pods?labelSelector=app%3D" + app)
        .path("items").size();
  }

  static boolean podChaosExists(String name) throws IOException, InterruptedException {
    int status = kubeStatus("/apis/chaos-mesh.org/v1alpha1/namespaces/chaos-testing/podchaos/"
        + name);
    assertThat(status).as("GET podchaos/%s", name).isIn(200, 404);
    return status == 200;
  }

  static boolean leaseExists(String lock) throws IOException, InterruptedException {
    int status = kubeStatus("/apis/coordination.k8s.io/v1/namespaces/chaos-testing/leases/"
        + "chaos-lock-" + lock);
    assertThat(status).as("GET lease chaos-lock-%s", lock).isIn(200, 404);
    return status == 200;
  }

  /** The Redis master's address, as the first Sentinel that answers says. */
  static HostAndPort redisMaster() {
    RuntimeException last = null;
    for (String sentinel : env("LAB_REDIS_SENTINELS").split(",")) {
      HostAndPort at = HostAndPort.from(sentinel.strip());
      try (Jedis s = new Jedis(at.getHost(), at.getPort(), 10_000)) {
        List<String> master = s.sentinelGetMasterAddrByName(env("LAB_REDIS_MASTER"));
        return new HostAndPort(master.get(0), Integer.parseInt(master.get(1)));
      } catch (RuntimeException e) {
        last = e;
      }
    }
    throw new AssertionError("no Sentinel answers", last);
  }

  /** `scripts/lab`'s name for the Redis node at {@code port}: the names are the first roles. */
  static String redisNodeName(int port) {
    int offset = Integer.parseInt(System.getenv().getOrDefault("LAB_PORT_OFFSET", "0").strip());
    return port == 16379 + offset ? "redis-master" : "redis-replica";
  }

  /**
   * Sentinel promotes only a replica linked to the master: an earlier failover may still be
   * settling, so wait (bounded) until the master has an online replica.
   */
  static void awaitOnlineRedisReplica() {
    org.awaitility.Awaitility.await("a Redis replica online").atMost(Duration.ofMinutes(5))
        .pollInterval(Duration.ofMillis(250)).ignoreExceptions().until(() -> {
          HostAndPort master = redisMaster();
          try (Jedis m = new Jedis(master.getHost(), master.getPort(), 10_000)) {
            return m.info("replication").contains("state=online");
          }
        });
  }

  /** The other Redis node of the lab: the replica of {@code master}. */
  static HostAndPort redisOtherNode(HostAndPort master) {
    int offset = Integer.parseInt(System.getenv().getOrDefault("LAB_PORT_OFFSET", "0").strip());
    int first = 16379 + offset;
    return new HostAndPort(master.getHost(), master.getPort() == first ? first + 1 : first);
  }

  static boolean redisKeyExists(HostAndPort node, String key) {
    try (Jedis j = new Jedis(node.getHost(), node.getPort(), 10_000)) {
      return j.exists(key);
    }
  }

  /** The number of connections to the PostgreSQL primary with this `application_name`. */
  static int pgConnections(String application) throws SQLException {
    try (Connection c = DriverManager.getConnection(env("LAB_PG_JDBC_URL"), "chaos", "");
        var s = c.prepareStatement(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = ?")) {
      s.setString(1, application);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getInt(1);
      }
    }
  }
}
