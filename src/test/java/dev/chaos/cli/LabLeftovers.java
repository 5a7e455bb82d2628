package dev.chaos.cli;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a scenario run must leave behind in the lab: nothing. No chaos object (Chaos Mesh,
 * Litmus, Argo) in any namespace, no namespace whose Jobs the lab runs, the seed's deployments at their replicas with every pod
 * ready, no PostgreSQL connection of the application `chaos`, no `chaos:*` key in Redis, no
 * Lease in `chaos-testing`; and of a region failover: the users' DNS record at the global load
 * balancer pointing at the primary region, the replica PostgreSQL (the backup region's database)
 * streaming from the primary, the backup region at its pilot light (one pod per deployment, HPAs
 * at a minimum of one). {@link #problems()} lists what is left; empty when clean.
 * {@link #awaitBaseline()} waits until the lab is whole and quiet again, as an SRE waits
 * before the next experiment.
 */
final class LabLeftovers implements AutoCloseable {
  static final String APP = "llm-marketplace";
  /** The seed's sizes (LlmMarketplaceSeed). */
  static final Map<String, Integer> REPLICAS = Map.of("backend", 5, "graphql-gateway", 3);
  private static final List<String[]> CHAOS_KINDS = List.of(
      new String[] {"chaos-mesh.org", "v1alpha1", "podchaos", "PodChaos"},
      new String[] {"chaos-mesh.org", "v1alpha1", "networkchaos", "NetworkChaos"},
      new String[] {"chaos-mesh.org", "v1alpha1", "stresschaos", "StressChaos"},
      new String[] {"chaos-mesh.org", "v1alpha1", "iochaos", "IOChaos"},
      new String[] {"chaos-mesh.org", "v1alpha1", "schedules", "Schedule"},
      new String[] {"chaos-mesh.org", "v1alpha1", "workflows", "Workflow"},
      new String[] {"litmuschaos.io", "v1alpha1", "chaosengines", "ChaosEngine"},
      new String[] {"argoproj.io", "v1alpha1", "workflows", "Workflow"});
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();

  /** A namespace whose Jobs the lab's Job controller runs (dev.chaos.lab.JobController). */
  static final String KUBELET_LABEL = "lab.chaos.dev/kubelet";

  /** The backup region's size at rest (LlmMarketplaceSeed.PILOT_LIGHT). */
  static final int PILOT_LIGHT = 1;

  private final KubernetesClient kube = new KubernetesClientBuilder().withConfig(
      new ConfigBuilder().withMasterUrl(env("LAB_K8S_URL")).withRequestTimeout(10_000).build())
      .build();
  private final KubernetesClient backup = new KubernetesClientBuilder().withConfig(
      new ConfigBuilder().withMasterUrl(env("LAB_K8S_BACKUP_URL")).withRequestTimeout(10_000).build())
      .build();

  static String env(String name) {
    String value = System.getenv(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(name + " is not set: export target/lab/lab.env");
    }
    return value;
  }

  KubernetesClient kube() {
    return kube;
  }

  /**
   * An Argo Workflow told to stop (`spec.shutdown`, what `argo terminate` and the driver's
   * `argo.terminate_all` set) runs nothing more; Argo keeps it as a record, so may the lab.
   */
  private static boolean terminatedArgoWorkflow(String group, GenericKubernetesResource o) {
    Object spec = o.getAdditionalProperties().get("spec");
    return group.equals("argoproj.io") && spec instanceof Map<?, ?> m && m.get("shutdown") != null;
  }

  /** Everything a run left behind, one line each; empty when the lab is as before. */
  List<String> problems() throws Exception {
    List<String> left = new ArrayList<>();
    for (String[] k : CHAOS_KINDS) {
      var context = new ResourceDefinitionContext.Builder().withGroup(k[0]).withVersion(k[1])
          .withPlural(k[2]).withKind(k[3]).withNamespaced(true).build();
      for (GenericKubernetesResource o : kube.genericKubernetesResources(context).inAnyNamespace()
          .list().getItems()) {
        if (terminatedArgoWorkflow(k[0], o)) {
          continue;
        }
        left.add(k[3] + " " + o.getMetadata().getNamespace() + "/" + o.getMetadata().getName());
      }
    }
    for (var lease : kube.leases().inNamespace("chaos-testing").list().getItems()) {
      left.add("Lease chaos-testing/" + lease.getMetadata().getName());
    }
    for (var ns : kube.namespaces().withLabel(KUBELET_LABEL, "run").list().getItems()) {
      left.add("namespace " + ns.getMetadata().getName() + " still has its Jobs run by the lab");
    }
    REPLICAS.forEach((name, replicas) -> {
      Deployment d = kube.apps().deployments().inNamespace(APP).withName(name).get();
      if (d == null || d.getSpec().getReplicas() != replicas.intValue()) {
        left.add("deployment " + name + " has " + (d == null ? "no object" : d.getSpec().getReplicas())
            + " replicas, not " + replicas);
      }
    });
    for (Pod p : kube.pods().inNamespace(APP).list().getItems()) {
      boolean ready = p.getStatus() != null && p.getStatus().getConditions().stream()
          .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
      if (!ready) {
        left.add("pod " + p.getMetadata().getName() + " not ready");
      }
    }
    try (Connection c = DriverManager.getConnection(env("LAB_PG_JDBC_URL"), "chaos", "");
        ResultSet rs = c.createStatement().executeQuery(
            "select count(*) from pg_stat_activity where application_name = 'chaos'")) {
      rs.next();
      if (rs.getInt(1) != 0) {
        left.add(rs.getInt(1) + " PostgreSQL connections of application `chaos`");
      }
    }
    left.addAll(regionProblems());
    try (Jedis redis = master()) {
      for (int db = 0; db < 16; db++) {
        redis.select(db);
        List<String> keys = redis.scan("0", new ScanParams().match("chaos*").count(1000))
            .getResult();
        if (!keys.isEmpty()) {
          left.add("Redis db " + db + " keys " + keys);
        }
      }
    }
    return left;
  }

  /**
   * Removes what an earlier failed run left (chaos objects, Leases of `chaos-testing`,
   * connections of the application `chaos`, `chaos*` keys), saying each on stderr, so that one
   * scenario's failure is reported by its own test and does not fail the next ones.
   */
  void sweep() throws Exception {
    for (String[] k : CHAOS_KINDS) {
      var context = new ResourceDefinitionContext.Builder().withGroup(k[0]).withVersion(k[1])
          .withPlural(k[2]).withKind(k[3]).withNamespaced(true).build();
      for (GenericKubernetesResource o : kube.genericKubernetesResources(context).inAnyNamespace()
          .list().getItems()) {
        System.err.println("lab sweep: deleting " + k[3] + " " + o.getMetadata().getNamespace()
            + "/" + o.getMetadata().getName());
        kube.genericKubernetesResources(context).inNamespace(o.getMetadata().getNamespace())
            .withName(o.getMetadata().getName()).delete();
      }
    }
    for (var ns : kube.namespaces().withLabel(KUBELET_LABEL, "run").list().getItems()) {
      // its Jobs first: the lab's Job controller then stops and deletes their pods
      String name = ns.getMetadata().getName();
      System.err.println("lab sweep: deleting the Jobs and namespace " + name);
      kube.batch().v1().jobs().inNamespace(name).delete();
      kube.namespaces().withName(name).delete();
    }
    for (var lease : kube.leases().inNamespace("chaos-testing").list().getItems()) {
      System.err.println("lab sweep: deleting Lease " + lease.getMetadata().getName());
      kube.leases().inNamespace("chaos-testing").withName(lease.getMetadata().getName()).delete();
    }
    try (Connection c = DriverManager.getConnection(env("LAB_PG_JDBC_URL"), "chaos", "");
        ResultSet rs = c.createStatement().executeQuery("select count(pg_terminate_backend(pid))"
            + " from pg_stat_activity where application_name = 'chaos'")) {
      rs.next();
      if (rs.getInt(1) > 0) {
        System.err.println("lab sweep: terminated " + rs.getInt(1) + " connections of `chaos`");
      }
    }
    try (Jedis redis = master()) {
      for (int db = 0; db < 16; db++) {
        redis.select(db);
        for (String key : redis.scan("0", new ScanParams().match("chaos*").count(1000)).getResult()) {
          System.err.println("lab sweep: deleting Redis key " + key + " of db " + db);
          redis.del(key);
        }
      }
    }
  }

  /**
   * What a region failover left: the record not at the primary, the replica not streaming, the
   * backup region not at its pilot light.
   */
  private List<String> regionProblems() throws Exception {
    List<String> left = new ArrayList<>();
    String region = JSON.readTree(trustingTheLab().send(HttpRequest.newBuilder(
        URI.create(env("LAB_LB_URL") + "/admin/record")).timeout(Duration.ofSeconds(15)).build(),
        HttpResponse.BodyHandlers.ofString()).body()).path("region").asString();
    if (!"primary".equals(region)) {
      left.add("the users' DNS record points at the " + region + " region, not the primary");
    }
    try (Connection c = DriverManager.getConnection(env("LAB_PG_JDBC_URL"), "chaos", "");
        ResultSet rs = c.createStatement().executeQuery("select count(*) from pg_stat_replication"
            + " where application_name = 'lab_replica' and state = 'streaming'")) {
      rs.next();
      if (rs.getInt(1) != 1) {
        left.add("the replica PostgreSQL does not stream from the primary (promoted and not rebuilt?)");
      }
    }
    REPLICAS.keySet().forEach(name -> {
      Deployment d = backup.apps().deployments().inNamespace(APP).withName(name).get();
      var hpa = backup.autoscaling().v2().horizontalPodAutoscalers().inNamespace(APP).withName(name).get();
      long ready = backup.pods().inNamespace(APP).withLabel("app", name).list().getItems().stream()
          .filter(p -> p.getStatus() != null && p.getStatus().getConditions().stream()
              .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus())))
          .count();
      if (d == null || d.getSpec().getReplicas() != PILOT_LIGHT || ready != PILOT_LIGHT
          || hpa == null || hpa.getSpec().getMinReplicas() != PILOT_LIGHT) {
        left.add("backup region: deployment " + name + " has " + (d == null ? "no object"
            : d.getSpec().getReplicas() + " replicas, " + ready + " ready") + ", HPA minimum "
            + (hpa == null ? "none" : hpa.getSpec().getMinReplicas()) + ", not its pilot light of "
            + PILOT_LIGHT);
      }
    });
    return left;
  }

  /** An HTTP client trusting the lab's CA (the global load balancer serves HTTPS with it). */
  static HttpClient trustingTheLab() throws Exception {
    java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
    try (var in = java.nio.file.Files.newInputStream(java.nio.file.Path.of(env("LAB_TRUSTSTORE")))) {
      store.load(in, "changeit".toCharArray());
    }
    var trust = javax.net.ssl.TrustManagerFactory.getInstance(
        javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
    trust.init(store);
    var tls = javax.net.ssl.SSLContext.getInstance("TLS");
    tls.init(null, trust.getTrustManagers(), null);
    // generous: on a loaded machine a TLS handshake alone can take seconds
    return HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(15)).build();
  }

  /** The Redis master Sentinel names now. */
  static Jedis master() {
    HostAndPort sentinel = HostAndPort.from(env("LAB_REDIS_SENTINELS").split(",")[0].strip());
    try (Jedis s = new Jedis(sentinel.getHost(), sentinel.getPort(), 2000)) {
      List<String> at = s.sentinelGetMasterAddrByName(env("LAB_REDIS_MASTER"));
      return new Jedis(at.get(0), Integer.parseInt(at.get(1)), 2000);
    }
  }

  /** A Prometheus instant query's single value; NaN when there is none. */
  static double prometheus(String query) throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(env("LAB_PROM_URL")
        + "/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)))
        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    JsonNode result = JSON.readTree(r.body()).path("data").path("result");
    return result.isEmpty() ? Double.NaN : Double.parseDouble(result.get(0).path("value").get(1).asString());
  }

  /**
   * Waits (bounded) until the lab is whole and its SLOs are at baseline: a previous scenario's
   * latency or errors leave Prometheus' 1 m windows only after a minute, and a Redis failover's
   * old master rejoins as a replica after about 10 s. Without this, a runbook's preconditions
   * would refuse to start for a reason of the previous test's.
   */
  void awaitBaseline() {
    await("the lab at its baseline (pods ready, replica online, error rate and p95 low)")
        .atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(2))
        .ignoreExceptions()
        .until(() -> {
          try (Jedis m = master()) {
            if (!m.info("replication").contains("state=online")) {
              return false;
            }
          }
          return problems().isEmpty()
              && prometheus("chaos:slo:error_rate:1m") < 0.0005
              && prometheus("chaos:slo:latency:p95:1m") < 0.3
              && Double.isNaN(prometheus("ALERTS{alertstate=\"firing\",severity=\"critical\"}"));
        });
  }

  @Override
  public void close() {
    kube.close();
    backup.close();
  }
}
