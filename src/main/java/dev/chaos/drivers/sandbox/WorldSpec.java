package dev.chaos.drivers.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A world as a world file describes it (docs/sandbox.md), checked and with defaults filled in.
 * Shares are ratios (0.004 for `0.4%`), CPU is in cores, series values are in their series'
 * unit. {@code env} and {@code secrets} are what `env()` and `secret()` answer in a rehearsal.
 */
public record WorldSpec(
    Instant start,
    long seed,
    Duration tick,
    Map<String, ClusterSpec> clusters,
    Map<String, ChaosSpec> chaos,
    String errorRateSeries,
    String p95Series,
    Map<String, SeriesSpec> series,
    List<AlertSpec> alerts,
    boolean prometheusReady,
    RedisSpec redis,
    PostgresSpec postgres,
    List<EndpointSpec> http,
    Duration argoDuration,
    Map<String, ProgramSpec> shell,
    List<FaultSpec> faults,
    Map<String, String> env,
    Map<String, String> secrets,
    Map<String, ServiceSpec> services,
    TrafficSpec traffic) {

  /** The name of the default cluster in world files; runbooks call it "" (no `cluster:`). */
  public static final String DEFAULT_CLUSTER = "default";

  /** A cluster; {@code namespace} is its context's namespace, used where a call names none. */
  public record ClusterSpec(String namespace, List<String> namespaces,
      List<DeploymentSpec> deployments, List<NodeSpec> nodes) {}

  /**
   * A node pods are placed on: what it can give pods ({@code cpu} cores, {@code memory} bytes;
   * the kubelet evicts pods when their memory use passes it) and its labels (Chaos Mesh's
   * `nodeSelectors`).
   */
  public record NodeSpec(String name, double cpu, long memory, Map<String, String> labels) {}

  /**
   * A deployment: its pods come back {@code recovery} after they are killed; while some are
   * down, the error rate rises by {@code errorRateWhenDown} times the share that is down.
   */
  public record DeploymentSpec(String name, String namespace, Map<String, String> labels,
      int replicas, Duration recovery, double cpu, double cpuRequest, long memory,
      double errorRateWhenDown, HpaSpec hpa, ContainerSpec container) {}

  /**
   * The one container of a deployment's pods: its name (a container-kill's `containerNames`),
   * its limits ({@code cpuLimit} cores, 0 for none: past it the container is throttled;
   * {@code memoryLimit} bytes, 0 for none: past it the container is OOM-killed), its memory
   * request (the scheduler places pods by it; the kubelet evicts first the pods using most
   * above it), and the size of a typical answer (a bandwidth limit turns it into latency).
   */
  public record ContainerSpec(String name, double cpuLimit, long memoryRequest,
      long memoryLimit, long responseSize) {}

  /** A HorizontalPodAutoscaler on CPU: {@code targetCpu} is a share of the CPU request. */
  public record HpaSpec(String name, int min, int max, double targetCpu,
      Duration scaleDownWindow) {}

  /**
   * What an applied chaos object of one kind does while it is active: {@code metrics} adds to
   * series (by series name, or `error_rate` and `p95`), {@code cpu} adds cores to each targeted
   * pod, {@code kill} kills a share of the targeted pods when applied. The target is the
   * deployment the manifest's selector picks, else {@code target}.
   */
  public record ChaosSpec(String kind, Map<String, Double> metrics, double cpu, double kill,
      String target) {}

  /**
   * A series: its levels before, during and after chaos; or, with {@code derive} (null when
   * not), a figure of the causal model (`cache_hit_ratio`, `fallback_share`,
   * `db_refused_share`: see docs/sandbox.md) in place of the levels.
   */
  public record SeriesSpec(String name, SeriesUnit unit, double before, double during,
      double after, Map<String, String> labels, String derive) {}

  /** An alerting rule: pending while the series is above the threshold, firing after `for`. */
  public record AlertSpec(String name, String severity, String series, double above,
      Duration forDuration, Map<String, String> labels) {}

  public record RedisSpec(Map<String, MasterSpec> masters, Duration failoverTime,
      double failoverErrorRate, Duration ping, Map<String, String> keys, String version) {}

  /**
   * A master set: its master and replicas, and the deployments (namespace/name, in the
   * default cluster) whose pods run each node, where the world says so: a node whose pods are
   * all down is down.
   */
  public record MasterSpec(HostPort master, List<HostPort> replicas,
      Map<HostPort, String> pods) {}

  public record HostPort(String host, int port) {
    static HostPort parse(String text) {
      int colon = text.lastIndexOf(':');
      if (colon <= 0) {
        return new HostPort(text, 6379);
      }
      try {
        return new HostPort(text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("`" + text + "` is not host:port");
      }
    }

    @Override
    public String toString() {
      return host + ":" + port;
    }
  }

  /**
   * PostgreSQL: its connection limit, the connections of the applications, what exhaustion does
   * to the SLO series, and answers to the queries and statements runbooks send. The last
   * {@code superuserReserved} slots of the limit are for superusers: the applications, which
   * connect as ordinary roles, are refused once only those are left.
   */
  public record PostgresSpec(int maxConnections, int replicas, Duration connectTime,
      Duration reconnect, List<ConnectionGroup> connections, Exhaustion exhaustion,
      Map<String, Object> queries, Map<String, Long> statements, int superuserReserved) {}

  public record ConnectionGroup(String application, String state, int count) {}

  /** Above {@code above} of the limit in use, the error rate and p95 rise, in proportion. */
  public record Exhaustion(double above, double errorRate, double p95) {}

  /**
   * An HTTP endpoint served by a deployment: healthy while one of its pods is ready, or, when
   * a service of the causal model runs on that deployment, while the service's requests mostly
   * succeed. A POST may act on the world ({@code postActions}). A {@code traffic} endpoint is
   * the DNS/load balancer record users reach: it answers as the entry service of the region
   * the record sends most clients to, `${region}` in its body naming that region.
   */
  public record EndpointSpec(String url, String cluster, String namespace, String deployment,
      int status, int downStatus, String body, Duration latency, int postStatus,
      String postBody, Actions postActions, boolean traffic) {}

  /**
   * What running a program does besides answering: `traffic` points the world's DNS/load
   * balancer record at a region, `promote` makes a region's database the writable one,
   * `scale` sets a deployment's replicas; empty and null where the program does none of it.
   */
  public record ProgramSpec(int exit, String stdout, String stderr, Actions actions) {}

  /** Changes a program or a POST makes to the world (see {@link ProgramSpec}). */
  public record Actions(String traffic, String promote, List<ScaleAction> scale) {
    static final Actions NONE = new Actions(null, null, List.of());

    boolean any() {
      return traffic != null || promote != null || !scale.isEmpty();
    }
  }

  public record ScaleAction(String cluster, String namespace, String deployment, int replicas) {}

  /**
   * A service of the causal model (docs/sandbox.md): served by a deployment's pods, by the
   * world's Redis ({@code kind} `redis`) or by its PostgreSQL (`postgres`), with its own
   * latency and error rate, the share of its capacity the traffic uses, and the services it
   * calls for every request. {@code entry} services are the ones users call: their requests
   * make the SLO series. A `postgres` service that is a region's standby refuses the share
   * {@code writes} of its queries until it is promoted. An entry service receives
   * {@code requestsPerSecond} (what turns shares of calls into retries per second).
   */
  public record ServiceSpec(String name, String kind, String cluster, String namespace,
      String deployment, Duration latency, double errorRate, double utilisation,
      double hitRatio, String application, Duration poolTimeout, boolean entry,
      List<DependencySpec> dependsOn, double writes, double requestsPerSecond) {
    public ServiceSpec(String name, String kind, String cluster, String namespace,
        String deployment, Duration latency, double errorRate, double utilisation,
        double hitRatio, String application, Duration poolTimeout, boolean entry,
        List<DependencySpec> dependsOn, double writes) {
      this(name, kind, cluster, namespace, deployment, latency, errorRate, utilisation,
          hitRatio, application, poolTimeout, entry, dependsOn, writes, DEFAULT_RATE);
    }
  }

  /** Users' requests per second of an entry service that does not say. */
  public static final double DEFAULT_RATE = 20;

  /**
   * A call from one service to another for every request: a try that fails or takes longer
   * than {@code timeout} is tried again up to {@code retries} times; when every try failed
   * (or a cache missed) the {@code fallback} service is asked instead, if there is one, as
   * {@code fallbackCall} says (its own timeout, retries and breaker; null: once, with the
   * caller's own dependency's timeout). A {@code circuitBreaker} (null: none) fails the calls
   * fast while the dependency fails.
   */
  public record DependencySpec(String service, Duration timeout, int retries, String fallback,
      DependencySpec fallbackCall, CircuitBreakerSpec circuitBreaker) {
    public DependencySpec(String service, Duration timeout, int retries, String fallback) {
      this(service, timeout, retries, fallback, null, null);
    }
  }

  /**
   * A circuit breaker on a dependency: it opens when the share of calls that fail reaches
   * {@code opensAt} (PostgreSQL refusing connections, errors, timeouts), and while open the
   * calls fail at once with {@code message} (no connection attempt, no retry); it closes by
   * a half-open trial {@code openFor} after the dependency answers again. {@code window} is
   * the span its share is counted over (the model counts the share at the instant).
   */
  public record CircuitBreakerSpec(double opensAt, Duration window, Duration openFor,
      String message) {}

  /**
   * Regions and the DNS/load balancer record users reach the entry services through: it
   * points at one region until a runbook's program or POST switches it, and clients follow a
   * switch after {@code switchTime} (the record's TTL). A region is a cluster; the first
   * region's database is the primary, and the others replicate from it as far behind as the
   * `pg_replication_lag_seconds` series says.
   */
  public record TrafficSpec(String to, Duration switchTime, Map<String, RegionSpec> regions) {}

  /** A region: its cluster, and the chaos kinds whose objects take it down while active. */
  public record RegionSpec(String name, String cluster, List<String> failsWith) {}

  /**
   * A change over time: a series set to {@code value} or raised by {@code add}, or a service
   * ({@code down}: `prometheus`, `redis`, `redis-master`, `postgres` or `region:NAME`) not
   * answering, from {@code from} until {@code until}.
   */
  public record FaultSpec(String series, Double value, Double add, String down, When from,
      When until) {}

  /** A point in time, after the world's start or after the first chaos: `20s`, `chaos+20s`. */
  public record When(boolean afterChaos, Duration offset) {
    static When parse(String text) {
      String s = text.trim();
      if (s.startsWith("chaos")) {
        String rest = s.substring("chaos".length()).trim();
        return new When(true, rest.isEmpty() ? Duration.ZERO
            : Quantities.duration(rest.startsWith("+") ? rest.substring(1).trim() : rest));
      }
      return new When(false, Quantities.duration(s.startsWith("t+") ? s.substring(2) : s));
    }
  }
}
