package dev.chaos.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * A real cache outage in the lab ({@link RedisPods}): deleting the pod of the Redis master kills
 * the master process; Sentinel promotes the replica within 30 s, the demo falls back to
 * PostgreSQL meanwhile with no 5xx, and the pod comes back (its process restarted as the new
 * master's replica). Then the seed's cache recovery: `POST /admin/cache/rebuild` fills the cache
 * from PostgreSQL and `GET /admin/cache` counts it.
 */
@EnabledIfEnvironmentVariable(named = "LAB_KUBECONFIG", matches = ".+")
@EnabledIfEnvironmentVariable(named = "LAB_DEMO_URL", matches = ".+")
@EnabledIfEnvironmentVariable(named = "LAB_REDIS_SENTINELS", matches = ".+")
class LabRedisOutageTest {
  private static final String NS = LlmMarketplaceSeed.APP_NAMESPACE;
  private static final HttpClient HTTP = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(2)).build();
  private static KubernetesClient client;
  private static String demo;

  @BeforeAll
  static void connect() throws Exception {
    client = LabKube.connect();
    demo = System.getenv("LAB_DEMO_URL");
  }

  @AfterAll
  static void close() {
    client.close();
  }

  private static String masterPort() {
    HostAndPort sentinel = HostAndPort.from(System.getenv("LAB_REDIS_SENTINELS").split(",")[0].strip());
    try (Jedis s = new Jedis(sentinel.getHost(), sentinel.getPort(), 2000)) {
      return s.sentinelGetMasterAddrByName(System.getenv("LAB_REDIS_MASTER")).get(1);
    }
  }

  private static boolean ready(String pod) {
    Pod p = client.pods().inNamespace(NS).withName(pod).get();
    return p != null && p.getStatus().getConditions().stream()
        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private static boolean replicaOnline(String port) {
    try (Jedis j = new Jedis("127.0.0.1", Integer.parseInt(port), 2000)) {
      return j.info("replication").contains("master_link_status:up");
    }
  }

  @Test
  @Timeout(300)
  void deletingTheMastersPodKillsItAndSentinelPromotesWithoutUserErrors() throws Exception {
    int offset = Integer.parseInt(System.getenv().getOrDefault("LAB_PORT_OFFSET", "0"));
    await("both Redis pods ready, a replica online").atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
        .until(() -> ready("redis-master-0") && ready("redis-replica-0")
            && replicaOnline(masterPort().equals(Integer.toString(16379 + offset))
                ? Integer.toString(16380 + offset) : Integer.toString(16379 + offset)));
    String before = masterPort();
    String pod = before.equals(Integer.toString(16379 + offset)) ? "redis-master-0" : "redis-replica-0";
    String other = pod.equals("redis-master-0") ? "redis-replica-0" : "redis-master-0";
    double errorsBefore = served5xx();

    client.pods().inNamespace(NS).withName(pod).delete();
    long killed = System.nanoTime();
    // the process is gone, not switched over gracefully
    await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).until(() -> {
      try (Jedis j = new Jedis("127.0.0.1", Integer.parseInt(before), 500)) {
        j.ping();
        return false;
      } catch (RuntimeException refused) {
        return true;
      }
    });
    await("Sentinel promotes the replica").atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(500)).ignoreExceptions()
        .until(() -> !masterPort().equals(before));
    assertThat(Duration.ofNanos(System.nanoTime() - killed)).isLessThan(Duration.ofSeconds(30));
    assertThat(ready(other)).isTrue();
    // the pod comes back and its process follows the new master
    await("the killed pod recreated, ready, its process a replica").atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
        .until(() -> ready(pod) && replicaOnline(before));
    // the demo read from PostgreSQL meanwhile: no 5xx
    assertThat(served5xx()).isEqualTo(errorsBefore);
    assertThat(metric("demo_backend_errors_total\\{backend=\"redis\"\\}")).isGreaterThan(0);
  }

  @Test
  @Timeout(300)
  void aPodFailureOnTheMastersPodStopsItForItsDurationAndSentinelPromotes() throws Exception {
    int offset = Integer.parseInt(System.getenv().getOrDefault("LAB_PORT_OFFSET", "0"));
    await("both Redis pods ready, the role labels current").atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
        .until(() -> ready("redis-master-0") && ready("redis-replica-0")
            && client.pods().inNamespace(NS).withLabels(java.util.Map.of("app", "redis", "role", "master"))
                .list().getItems().size() == 1
            && portOf(client.pods().inNamespace(NS).withLabels(java.util.Map.of("app", "redis",
                "role", "master")).list().getItems().get(0).getMetadata().getName(), offset)
                .equals(masterPort()));
    String before = masterPort();
    client.resource(io.fabric8.kubernetes.client.utils.Serialization.unmarshal("""
        apiVersion: chaos-mesh.org/v1alpha1
        kind: PodChaos
        metadata: {name: lab-redis-failure, namespace: %s}
        spec: {action: pod-failure, mode: all, selector: {labelSelectors: {app: redis, role: master}},
               duration: 15s}
        """.formatted(NS), io.fabric8.kubernetes.api.model.GenericKubernetesResource.class)).create();
    try {
      await("Sentinel promotes the replica").atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(500)).ignoreExceptions()
          .until(() -> !masterPort().equals(before));
      // after its 15 s the old master runs again, as a replica of the new one
      await("the failed process back as a replica").atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
          .until(() -> replicaOnline(before));
    } finally {
      client.genericKubernetesResources(new io.fabric8.kubernetes.client.dsl.base
          .ResourceDefinitionContext.Builder().withGroup("chaos-mesh.org").withVersion("v1alpha1")
          .withKind("PodChaos").withPlural("podchaos").withNamespaced(true).build())
          .inNamespace(NS).withName("lab-redis-failure").delete();
    }
    await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1))
        .until(() -> ready("redis-master-0") && ready("redis-replica-0"));
  }

  private static String portOf(String pod, int offset) {
    return Integer.toString(pod.equals("redis-master-0") ? 16379 + offset : 16380 + offset);
  }

  @Test
  void theCacheIsRebuiltFromTheDatabaseThroughTheAdminEndpoint() throws Exception {
    HttpResponse<String> rebuilt = HTTP.send(HttpRequest.newBuilder(URI.create(demo
        + "/admin/cache/rebuild")).POST(HttpRequest.BodyPublishers.noBody())
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(rebuilt.statusCode()).isEqualTo(200);
    assertThat(rebuilt.body()).contains("\"rebuilt\":100");
    HttpResponse<String> size = HTTP.send(HttpRequest.newBuilder(URI.create(demo + "/admin/cache"))
        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    Matcher keys = Pattern.compile("\"keys\":(\\d+)").matcher(size.body());
    assertThat(keys.find()).isTrue();
    assertThat(Integer.parseInt(keys.group(1))).isGreaterThanOrEqualTo(100);
    // the demo's cache database, which the driver's redis.dbsize() (database 0) does not count
    try (Jedis master = new Jedis("127.0.0.1", Integer.parseInt(masterPort()), 2000)) {
      master.select(ItemReads.CACHE_DATABASE);
      assertThat(master.ttl("demo:item:42")).isGreaterThan(5);
    }
  }

  private static double served5xx() throws Exception {
    return metric("http_requests_total\\{path=\"/items\",status=\"500\"\\}")
        + metric("http_requests_total\\{path=\"/items\",status=\"503\"\\}");
  }

  private static double metric(String series) throws Exception {
    String text = HTTP.send(HttpRequest.newBuilder(URI.create(demo + "/metrics"))
        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
    Matcher m = Pattern.compile("(?m)^" + series + " (\\S+)$").matcher(text);
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }
}
