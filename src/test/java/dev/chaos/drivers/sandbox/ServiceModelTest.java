package dev.chaos.drivers.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The causal model's rules one by one (docs/sandbox.md, "Services"): timeouts, retries,
 * fallbacks, capacity, caches; and the world file's services section refused where it names
 * what does not exist.
 */
@Timeout(20)
class ServiceModelTest {
  private static World world(String services) {
    return WorldLoader.create(WorldLoader.parse("""
        clusters:
          default:
            namespace: shop
            deployments:
              - {name: web, namespace: shop, replicas: 4, recovery: 20s}
              - {name: api, namespace: shop, replicas: 5, recovery: 20s}
        postgres:
          max_connections: 50
          connections:
            - {application: api, state: active, count: 10}
        services:
        """ + services, "w.yaml"));
  }

  private static ServiceModel.Users users(World w) {
    return w.services().usersAt(w.clock().now());
  }

  @Test
  void aDependencySlowerThanTheTimeoutFailsEveryTryAndEachTryCostsTheTimeout() {
    World w = world("""
          web:
            deployment: web
            latency: 10ms
            depends_on: [{service: api, timeout: 1s, retries: 2}]
          api: {deployment: api, latency: 1500ms}
        """);
    ServiceModel.Users u = users(w);
    assertThat(u.errorShare()).isCloseTo(1.0, Offset.offset(1e-9));
    // its own 10ms, then three tries each cut at 1s
    assertThat(u.p95()).isCloseTo(3.01, Offset.offset(1e-6));
  }

  @Test
  void retriesTurnAShareOfFailuresIntoItsPowerPlusOne() {
    World w = world("""
          web:
            deployment: web
            depends_on: [{service: api, timeout: 1s, retries: 2}]
          api: {deployment: api, error_rate: 10%}
        """);
    assertThat(users(w).errorShare()).isCloseTo(0.001, Offset.offset(1e-9));
  }

  @Test
  void aFallbackAnswersWhatTheCacheMissesAndWhatFailsAndAddsItsLatency() {
    World w = world("""
          web:
            deployment: web
            latency: 10ms
            depends_on: [{service: cache, timeout: 100ms, fallback: db}]
          cache: {kind: redis, latency: 1ms, hit_ratio: 90%}
          db: {kind: postgres, latency: 50ms}
        """);
    ServiceModel.Users u = users(w);
    assertThat(u.errorShare()).isZero();
    assertThat(u.median()).isCloseTo(0.011, Offset.offset(1e-9)); // most hit the cache
    assertThat(u.p95()).isCloseTo(0.061, Offset.offset(1e-9)); // a miss, then the database
  }

  @Test
  void aCacheDownSendsEveryReadToTheFallbackAndWithoutOneEveryReadFails()
      throws InterruptedException {
    String file = """
          web:
            deployment: web
            depends_on: [{service: cache, timeout: 100ms%s}]
          cache: {kind: redis, latency: 1ms}
          db: {kind: postgres, latency: 50ms, utilisation: 5%%}
        faults:
          - {down: redis-master, from: 10s, until: 5m}
        """;
    World with = world(file.formatted(", fallback: db"));
    World without = world(file.formatted(""));
    with.clock().sleep(Duration.ofSeconds(10));
    without.clock().sleep(Duration.ofSeconds(10));
    // after its own 10ms, each read waits the cache's 100ms timeout (its address no longer
    // answers), then the database, busier with ten times its usual queries (50% of its CPU
    // instead of 5%)
    assertThat(users(with).errorShare()).isZero();
    assertThat(users(with).median()).isCloseTo(0.01 + 0.1 + 0.05 * 0.95 / 0.5,
        Offset.offset(1e-9));
    assertThat(users(without).errorShare()).isEqualTo(1.0);
    // Sentinel promotes the replica 5s (the default failover_time) after the master went down
    with.clock().sleep(Duration.ofSeconds(5));
    without.clock().sleep(Duration.ofSeconds(5));
    assertThat(users(without).errorShare()).isZero();
    assertThat(with.redis().master("mymaster").host()).isEqualTo("redis-replica-0");
  }

  @Test
  void fewerPodsThanTheLoadNeedsShedTheExcess() {
    String web = """
          web: {deployment: web, utilisation: 60%}
        """;
    World one = world(web);
    K8sWorld k8s = one.k8s("");
    assertThat(users(one).errorShare()).isZero();
    k8s.killPods(k8s.selector("shop", "app=web"), 1, Duration.ZERO);
    assertThat(users(one).errorShare()).isZero(); // 80% of the three left

    World three = world(web);
    three.k8s("").killPods(three.k8s("").selector("shop", "app=web"), 3, Duration.ZERO);
    // one pod for 240% of a pod's capacity: it answers 1 / 2.4 of the requests
    assertThat(users(three).errorShare()).isCloseTo(1 - 1 / 2.4, Offset.offset(1e-9));
    three.k8s("").scale("deployment", "web", 0, "shop");
    assertThat(users(three).errorShare()).isEqualTo(1.0);
  }

  // ---- what chaos does to pods (PodHealth) as their callers see it --------------------------

  private static final WorldSpec.ServiceSpec API = new WorldSpec.ServiceSpec("api",
      "deployment", "", "shop", "api", Duration.ofMillis(20), 0, 0.5, 0.9, "api",
      Duration.ofSeconds(1), false, java.util.List.of(), 1);

  private static WorldSpec.DependencySpec call(Duration timeout, int retries) {
    return new WorldSpec.DependencySpec("api", timeout, retries, "");
  }

  @Test
  void lostRequestsFailAsTheLossToThePowerOfTheTriesEachCostingTheTimeout() {
    Outcome pods = RequestMath.served(API, 1, new PodHealth(1, Duration.ZERO, 0.3, 1));
    Outcome seen = RequestMath.through(pods, call(Duration.ofSeconds(1), 2), null, 30);
    assertThat(seen.errorShare()).isCloseTo(0.3 * 0.3 * 0.3, Offset.offset(1e-12));
    // 9% of the calls lost their first two tries: 2s of timeouts, then the answer
    assertThat(seen.quantile(0.95, 30)).isCloseTo(2.02, Offset.offset(1e-9));
    assertThat(seen.quantile(0.5, 30)).isCloseTo(0.02, Offset.offset(1e-9));
  }

  @Test
  void addedLatencyPastTheTimeoutFailsEveryTry() {
    Outcome pods = RequestMath.served(API, 1, new PodHealth(1, Duration.ofSeconds(3), 0, 1));
    Outcome seen = RequestMath.through(pods, call(Duration.ofSeconds(2), 2), null, 30);
    assertThat(seen.errorShare()).isCloseTo(1.0, Offset.offset(1e-12));
    assertThat(seen.quantile(0.5, 30)).isCloseTo(6.0, Offset.offset(1e-9));
    Outcome patient = RequestMath.through(pods, call(Duration.ofSeconds(5), 0), null, 30);
    assertThat(patient.errorShare()).isZero();
    assertThat(patient.quantile(0.5, 30)).isCloseTo(3.02, Offset.offset(1e-9));
  }

  @Test
  void aSlowdownPastTheCapacityShedsTheExcessAndQueuesTheRest() {
    // throttled three times: 150% of the pods' capacity, a third of the requests shed
    Outcome pods = RequestMath.served(API, 1, new PodHealth(1, Duration.ZERO, 0, 3));
    assertThat(pods.errorShare()).isCloseTo(1.0 / 3, Offset.offset(1e-12));
    // twice slower with 80% of the usual pressure: 80% busy, no shedding, each answer its
    // doubled 40ms times the queue's (1 - 0.5) / (1 - 0.8)
    Outcome busy = RequestMath.served(API, 0.8, new PodHealth(1, Duration.ZERO, 0, 2));
    assertThat(busy.errorShare()).isZero();
    assertThat(busy.quantile(0.5, 30)).isCloseTo(0.04 * 0.5 / 0.2, Offset.offset(1e-9));
  }

  @Test
  void regionsTrafficAndActionsAreChecked() {
    String clusters = """
        clusters:
          default: {deployments: [{name: web}]}
          backup: {deployments: [{name: web}]}
        """;
    assertThatThrownBy(() -> WorldLoader.parse(clusters + """
        regions:
          primary: {cluster: default}
          standby: {cluster: nowhere}
        """, "w.yaml")).hasMessageEndingWith("`regions.standby.cluster`: no cluster `nowhere`"
            + " under `clusters`");
    assertThatThrownBy(() -> WorldLoader.parse(clusters + """
        regions: {primary: {cluster: default}, backup: {}}
        traffic: {to: elsewhere}
        """, "w.yaml")).hasMessageEndingWith("`traffic.to`: no region `elsewhere` under"
            + " `regions`");
    assertThatThrownBy(() -> WorldLoader.parse(clusters + """
        regions: {primary: {cluster: default}, backup: {}}
        shell:
          ./dr.sh: {traffic: standby}
        """, "w.yaml")).hasMessageEndingWith("`shell../dr.sh.traffic`: no region `standby`"
            + " under `regions`");
    assertThatThrownBy(() -> WorldLoader.parse(clusters + """
        regions: {primary: {cluster: default}, backup: {}}
        shell:
          ./dr.sh: {scale: [{cluster: backup, deployment: api, replicas: 3}]}
        """, "w.yaml")).hasMessageEndingWith("no deployment `api` in namespace `default` of"
            + " cluster `backup`");
    assertThatThrownBy(() -> WorldLoader.parse(clusters + """
        http:
          - {url: "https://example/health", traffic: true}
        """, "w.yaml")).hasMessageContaining("a `traffic: true` endpoint answers for the region");
    assertThatThrownBy(() -> WorldLoader.parse(clusters + """
        faults:
          - {down: region:primary}
        """, "w.yaml")).hasMessageEndingWith("`faults[0].down`: `region:primary` is not one of"
            + " prometheus, redis, redis-master, postgres");
  }

  @Test
  void theServicesSectionIsChecked() {
    assertThatThrownBy(() -> world("""
          web:
            deployment: web
            depends_on: [{service: nowhere}]
        """)).hasMessageStartingWith("w.yaml:14:")
        .hasMessageEndingWith("`services.web.depends_on[0].service`: no service `nowhere`"
            + " under `services`");
    assertThatThrownBy(() -> world("""
          web: {deployment: frontend}
        """)).hasMessageStartingWith("w.yaml:12:")
        .hasMessageEndingWith("`services.web.deployment`: no deployment `frontend` in"
            + " namespace `shop` of cluster `default`");
    assertThatThrownBy(() -> world("""
          web: {deployment: web, depends_on: [{service: api}]}
          api: {deployment: api, depends_on: [{service: web}]}
        """)).hasMessageContaining("the services call each other in a circle: web -> api -> web");
    assertThatThrownBy(() -> world("""
          web: {latency: 1ms}
        """)).hasMessageContaining("needs a `deployment:` (the pods that serve it) or a `kind:`");
  }
}
