package dev.chaos.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The backup region and the seed's DR workflow against the running lab: the backup region's
 * own API and HTTPS demo (reading the replica); the seed's Argo workflow, submitted to the
 * primary's API, creates its Litmus node drain, which takes the primary region down (gateway
 * answers nothing, app pods not ready) while the backup region serves, until the engine is
 * deleted; the DR scripts of scripts/lab-dr snapshot, check, promote and rebuild for real; the
 * global load balancer forwards users to the region its DNS record points at, and
 * failover-to-backup.sh and failback-to-primary.sh move the record, the database and the backup
 * region's size there and back.
 */
@EnabledIfEnvironmentVariable(named = "LAB_K8S_BACKUP_URL", matches = ".+")
class LabRegionTest {
  private static final String NS = LlmMarketplaceSeed.APP_NAMESPACE;
  private static final ResourceDefinitionContext ENGINE = new ResourceDefinitionContext.Builder()
      .withGroup("litmuschaos.io").withVersion("v1alpha1").withKind("ChaosEngine")
      .withPlural("chaosengines").withNamespaced(true).build();
  private static final ResourceDefinitionContext WORKFLOW = new ResourceDefinitionContext.Builder()
      .withGroup("argoproj.io").withVersion("v1alpha1").withKind("Workflow")
      .withPlural("workflows").withNamespaced(true).build();
  private static final HttpClient PLAIN = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(2)).build();
  private static KubernetesClient primary;
  private static KubernetesClient backup;
  private static HttpClient trusting;

  @BeforeAll
  static void connect() throws Exception {
    String kubeconfig = Files.readString(Path.of(System.getenv("LAB_KUBECONFIG")));
    primary = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig("lab", kubeconfig, null)).build();
    backup = new KubernetesClientBuilder()
        .withConfig(Config.fromKubeconfig("backup-region", kubeconfig, null)).build();
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(Path.of(System.getenv("LAB_TRUSTSTORE")))) {
      store.load(in, "changeit".toCharArray());
    }
    TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(store);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, trust.getTrustManagers(), null);
    // generous: on a loaded shared machine a TLS handshake alone can take seconds
    trusting = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(15)).build();
  }

  @AfterAll
  static void close() {
    LabBaseline.awaitQuietSlos();
    primary.close();
    backup.close();
  }

  private static int status(HttpClient client, String url) {
    try {
      return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(15)).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (Exception e) {
      return -1;
    }
  }

  private static long readyPods(KubernetesClient client, String app) {
    return client.pods().inNamespace(NS).withLabel("app", app).list().getItems().stream()
        .filter(p -> p.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus())))
        .count();
  }

  @Test
  void theBackupRegionIsAnApiOfItsOwnWithAnHttpsDemoOnTheReplica() {
    assertThat(backup.getMasterUrl().toString()).contains(System.getenv("LAB_K8S_BACKUP_URL"));
    // a pilot light: one pod of each deployment until a failover scales it up
    assertThat(readyPods(backup, "graphql-gateway")).isEqualTo(LlmMarketplaceSeed.PILOT_LIGHT);
    assertThat(readyPods(backup, "backend")).isEqualTo(LlmMarketplaceSeed.PILOT_LIGHT);
    // the backup region has no Redis pods: they are the primary's
    assertThat(backup.pods().inNamespace(NS).withLabel("app", "redis").list().getItems()).isEmpty();
    String demo = System.getenv("LAB_DEMO_BACKUP_URL");
    assertThat(demo).startsWith("https://");
    assertThat(status(trusting, demo + "/health")).isEqualTo(200);
    assertThat(status(trusting, demo + "/items/7")).isEqualTo(200);
    // untrusted, the lab's certificate is refused
    assertThat(status(PLAIN, demo + "/health")).isEqualTo(-1);
  }

  @Test
  @Timeout(180)
  void theSeedsWorkflowDrainsThePrimaryRegionUntilItsEngineIsDeleted() {
    String demo = System.getenv("LAB_DEMO_URL");
    GenericKubernetesResource workflow = Serialization.unmarshal("""
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {name: lab-dr-workflow, namespace: chaos-testing}
        spec:
          entrypoint: region-failure
          templates:
            - name: region-failure
              steps:
                - - name: drain-primary-region
                    template: drain-primary-region
            - name: drain-primary-region
              resource:
                action: create
                manifest: |
                  apiVersion: litmuschaos.io/v1alpha1
                  kind: ChaosEngine
                  metadata: {name: lab-region-failure, namespace: chaos-testing}
                  spec:
                    engineState: active
                    experiments:
                      - name: node-drain
                        spec:
                          components:
                            env:
                              - {name: NODE_LABEL, value: "topology.kubernetes.io/region=primary"}
                              - {name: TOTAL_CHAOS_DURATION, value: "120"}
        """, GenericKubernetesResource.class);
    primary.resource(workflow).create();
    try {
      await("the engine created by the workflow").atMost(Duration.ofSeconds(15))
          .until(() -> primary.genericKubernetesResources(ENGINE).inNamespace("chaos-testing")
              .withName("lab-region-failure").get() != null);
      await("the primary region down").atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500))
          .until(() -> status(PLAIN, demo + "/health") == 503 && status(PLAIN, demo + "/items/1") == 503
              && readyPods(primary, "graphql-gateway") == 0 && readyPods(primary, "backend") == 0);
      // the backup region is not drained
      assertThat(status(trusting, System.getenv("LAB_DEMO_BACKUP_URL") + "/health")).isEqualTo(200);
      assertThat(readyPods(backup, "graphql-gateway")).isEqualTo(LlmMarketplaceSeed.PILOT_LIGHT);
    } finally {
      primary.genericKubernetesResources(ENGINE).inNamespace("chaos-testing")
          .withName("lab-region-failure").delete();
      primary.genericKubernetesResources(WORKFLOW).inNamespace("chaos-testing")
          .withName("lab-dr-workflow").delete();
    }
    await("the primary region back").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500))
        .until(() -> status(PLAIN, demo + "/health") == 200 && status(PLAIN, demo + "/items/1") == 200
            && readyPods(primary, "graphql-gateway") == 3 && readyPods(primary, "backend") == 5);
  }

  @Test
  @Timeout(300)
  void theDrScriptsSnapshotCheckPromoteAndRebuildForReal() throws Exception {
    Script backupAll = script("backup-all-services.sh");
    assertThat(backupAll.exit()).as(backupAll.output()).isZero();
    assertThat(backupAll.output()).contains("demo_items 100 ", "2 deployments");
    assertThat(Path.of("target/lab/backups/latest/postgres.sql")).isNotEmptyFile();

    Script consistent = script("verify-data-consistency.sh");
    assertThat(consistent.exit()).as(consistent.output()).isZero();

    // a row on the primary only, while the replica is promoted: the two diverge, and it says so
    Script promote = script("promote-replica.sh");
    try {
      assertThat(promote.exit()).as(promote.output()).isZero();
      assertThat(sql(System.getenv("LAB_PG_REPLICA_JDBC_URL"), "SELECT pg_is_in_recovery()")).isEqualTo("f");
      sql(System.getenv("LAB_PG_JDBC_URL"), "UPDATE demo_items SET name = 'diverged' WHERE id = 0 RETURNING id");
      Script diverged = script("verify-data-consistency.sh");
      assertThat(diverged.exit()).isEqualTo(1);
      assertThat(diverged.output()).contains("inconsistent");
      // the snapshot puts the primary back
      Script restore = script("restore-from-backup.sh", "--snapshot=latest");
      assertThat(restore.exit()).as(restore.output()).isZero();
      assertThat(sql(System.getenv("LAB_PG_JDBC_URL"), "SELECT name FROM demo_items WHERE id = 0"))
          .isEqualTo("item-0");
    } finally {
      Script rebuild = script("rebuild-replica.sh");
      assertThat(rebuild.exit()).as(rebuild.output()).isZero();
    }
    assertThat(sql(System.getenv("LAB_PG_REPLICA_JDBC_URL"), "SELECT pg_is_in_recovery()")).isEqualTo("t");
    Script again = script("verify-data-consistency.sh");
    assertThat(again.exit()).as(again.output()).isZero();
    Script smoke = script("smoke-tests.sh", "--environment=backup-region");
    assertThat(smoke.exit()).as(smoke.output()).isZero();
  }

  @Test
  @Timeout(300)
  void theBalancerFollowsItsRecordAndTheDrScriptsFailOverAndBack() throws Exception {
    String lb = System.getenv("LAB_LB_URL");
    long ttlMillis = Long.parseLong(System.getenv("LAB_LB_TTL")) * 1000;
    // users reach the primary region (awaited: a loaded machine can make its health flap)
    await("users served by the primary region").atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1)).until(() -> "primary".equals(servedBy(lb)));
    // the record takes only the lab's two regions
    assertThat(trusting.send(HttpRequest.newBuilder(URI.create(lb + "/admin/record"))
        .PUT(HttpRequest.BodyPublishers.ofString("{\"region\":\"mars\"}")).build(),
        HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(400);
    // users are not moved to a backup region whose gateway does not answer
    lab("stop", "demo-backup");
    try {
      Script refused = script("failover-to-backup.sh");
      assertThat(refused.exit()).as(refused.output()).isEqualTo(1);
      assertThat(refused.output()).contains("step 3", "the record stays at primary");
      assertThat(servedBy(lb)).isEqualTo("primary");
    } finally {
      lab("start", "demo-backup");
    }
    try {
      Script failover = script("failover-to-backup.sh");
      assertThat(failover.exit()).as(failover.output()).isZero();
      assertThat(failover.output()).contains("backup region: already at full size",
          "DNS: llm-marketplace.example -> backup region");
      assertThat(sql(System.getenv("LAB_PG_REPLICA_JDBC_URL"), "SELECT pg_is_in_recovery()")).isEqualTo("f");
      assertThat(readyPods(backup, "graphql-gateway")).isEqualTo(3);
      assertThat(readyPods(backup, "backend")).isEqualTo(5);
      assertThat(backup.autoscaling().v2().horizontalPodAutoscalers().inNamespace(NS)
          .withName("graphql-gateway").get().getSpec().getMinReplicas()).isEqualTo(3);
      // clients follow within the TTL: once it has passed (by the balancer's clock, so a slow
      // machine does not make this flaky), every answer comes from the backup region
      awaitSettled(lb, ttlMillis);
      for (int i = 0; i < 10; i++) {
        assertThat(servedBy(lb)).isEqualTo("backup");
      }
      assertThat(status(trusting, lb + "/items/4")).isEqualTo(200);
      // a second failover changes nothing
      Script again = script("failover-to-backup.sh");
      assertThat(again.exit()).as(again.output()).isZero();
      assertThat(again.output()).contains("already a primary", "already at full size");
    } finally {
      Script failback = script("failback-to-primary.sh");
      assertThat(failback.exit()).as(failback.output()).isZero();
    }
    assertThat(sql(System.getenv("LAB_PG_REPLICA_JDBC_URL"), "SELECT pg_is_in_recovery()")).isEqualTo("t");
    assertThat(readyPods(backup, "graphql-gateway")).isEqualTo(LlmMarketplaceSeed.PILOT_LIGHT);
    assertThat(readyPods(backup, "backend")).isEqualTo(LlmMarketplaceSeed.PILOT_LIGHT);
    assertThat(backup.autoscaling().v2().horizontalPodAutoscalers().inNamespace(NS)
        .withName("graphql-gateway").get().getSpec().getMinReplicas()).isEqualTo(LlmMarketplaceSeed.PILOT_LIGHT);
    awaitSettled(lb, ttlMillis);
    for (int i = 0; i < 10; i++) {
      assertThat(servedBy(lb)).isEqualTo("primary");
    }
    Script nothingToDo = script("failback-to-primary.sh");
    assertThat(nothingToDo.exit()).as(nothingToDo.output()).isZero();
    assertThat(nothingToDo.output()).contains("already points at the primary", "replica streams",
        "already at its pilot light");
    Script consistent = script("verify-data-consistency.sh");
    assertThat(consistent.exit()).as(consistent.output()).isZero();
  }

  /** Until the balancer says every client follows its record (the TTL has passed since the switch). */
  private static void awaitSettled(String lb, long ttlMillis) {
    await("the record settled").atMost(Duration.ofMillis(ttlMillis + 30_000)).pollInterval(Duration.ofMillis(500))
        .until(() -> trusting.send(HttpRequest.newBuilder(URI.create(lb + "/admin/record"))
            .timeout(Duration.ofSeconds(15)).build(), HttpResponse.BodyHandlers.ofString()).body()
            .contains("\"settled\":true"));
  }

  /** The region the balancer's {@code /health} answer names (its demo's), or what it answered. */
  private static String servedBy(String lb) {
    try {
      HttpResponse<String> r = trusting.send(HttpRequest.newBuilder(URI.create(lb + "/health"))
          .timeout(Duration.ofSeconds(15)).build(), HttpResponse.BodyHandlers.ofString());
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"region\":\"(\\w+)\"").matcher(r.body());
      assertThat(r.headers().firstValue("X-Lab-Region")).isPresent();
      return m.find() && m.group(1).equals(r.headers().firstValue("X-Lab-Region").get())
          ? m.group(1) : r.statusCode() + " " + r.body();
    } catch (java.io.IOException e) {
      return e.toString();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return e.toString();
    }
  }

  private record Script(int exit, String output) {}

  /** `scripts/lab VERB SERVICE` on this lab (LAB_PORT_OFFSET is exported from lab.env). */
  private static void lab(String verb, String service) throws Exception {
    Process p = new ProcessBuilder(Path.of("scripts/lab").toAbsolutePath().toString(), verb, service)
        .redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("scripts/lab " + verb + " " + service).isTrue();
    assertThat(p.exitValue()).as("scripts/lab " + verb + " " + service + ": " + output).isZero();
  }

  private static Script script(String name, String... args) throws Exception {
    java.util.List<String> command = new java.util.ArrayList<>();
    command.add(Path.of("scripts/lab-dr", name).toAbsolutePath().toString());
    command.addAll(java.util.List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    if (!p.waitFor(240, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(name + " did not end within 240 s");
    }
    return new Script(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  private static String sql(String url, String query) throws Exception {
    try (Connection c = DriverManager.getConnection(url, "chaos", "");
        ResultSet rs = c.createStatement().executeQuery(query)) {
      return rs.next() ? rs.getString(1) : null;
    }
  }
}
