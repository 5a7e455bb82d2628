package dev.chaos.drivers.sandbox;

import dev.chaos.drivers.sandbox.WorldSpec.FaultSpec;
import dev.chaos.drivers.sandbox.WorldSpec.When;
import dev.chaos.spi.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;

/**
 * The sandbox: an in-process model of the systems a runbook touches, on a {@link Clock}. It owns
 * one part per driver, each with one method per function of that driver's signature table:
 * {@link #k8s(String)} and {@link #argo(String)} per cluster, {@link #prometheus()},
 * {@link #redis()}, {@link #postgres()}, {@link #http()}, {@link #notifications()} and
 * {@link #shell()}.
 *
 * <h2>Time</h2>
 * The world has no threads of its own. Its state is kept as instants (a pod is ready at, a
 * chaos object ends at, a failover completes at), so every question is answered for the
 * clock's current instant. What acts on its own schedule (the HorizontalPodAutoscaler, alert
 * rules) runs on ticks every `tick` of world time, caught up before each call; the outcome is
 * therefore the same however often the world is asked.
 *
 * <h2>Chaos</h2>
 * The world is <em>before</em> chaos until the first disruption (a kill, an applied chaos
 * object, a failover, held connections, a rollout), <em>during</em> chaos while any disruption
 * lasts, and <em>after</em> chaos once none does; each series has a level for each.
 *
 * <p>Every call runs under one lock, so probes and steps on a real clock see a consistent
 * world too.
 */
public final class World {
  /** The series that `postgres.replication_lag()` reads, as postgres_exporter names it. */
  static final String PG_LAG_SERIES = "pg_replication_lag_seconds";
  /**
   * The instant (unix seconds) of the last write the standby region's database has replayed,
   * in a world with regions: the failure instant minus it is the data lost (RPO).
   */
  static final String PG_REPLAYED_SERIES = "pg_last_replayed_write_timestamp_seconds";

  enum Phase { BEFORE, DURING, AFTER }

  private final WorldSpec spec;
  private final Clock clock;
  private final Instant start;
  private final Random random;
  private final Map<String, K8sWorld> clusters = new LinkedHashMap<>();
  private final Map<String, ArgoWorld> argo = new LinkedHashMap<>();
  private final PromWorld prometheus;
  private final RedisWorld redis;
  private final PgWorld postgres;
  private final HttpWorld http;
  private final NotifyWorld notify;
  private final ShellWorld shell;
  private final Regions regions;
  private final ServiceModel services;
  private Instant firstChaos;
  private Instant nextTick;

  /** A world that starts at the clock's current instant. */
  public World(WorldSpec spec, Clock clock) {
    this.spec = spec;
    this.clock = clock;
    this.start = clock.now();
    this.random = new Random(spec.seed());
    this.nextTick = start.plus(spec.tick());
    spec.clusters().forEach((name, cluster) -> {
      String key = name.equals(WorldSpec.DEFAULT_CLUSTER) ? "" : name;
      K8sWorld k8s = new K8sWorld(this, key, cluster);
      clusters.put(key, k8s);
      argo.put(key, new ArgoWorld(this, k8s));
    });
    this.prometheus = new PromWorld(this);
    this.redis = new RedisWorld(this);
    this.postgres = new PgWorld(this);
    this.http = new HttpWorld(this);
    this.notify = new NotifyWorld(this);
    this.shell = new ShellWorld(this);
    this.regions = new Regions(this);
    this.services = new ServiceModel(this);
  }

  public WorldSpec spec() {
    return spec;
  }

  public Clock clock() {
    return clock;
  }

  /** The instant the world started: its `t+0s`. */
  public Instant start() {
    return start;
  }

  /** A cluster by the name `cluster:` gives; "" (or `default`) is the default cluster. */
  public K8sWorld k8s(String cluster) {
    return byCluster(clusters, cluster);
  }

  public ArgoWorld argo(String cluster) {
    return byCluster(argo, cluster);
  }

  public PromWorld prometheus() {
    return prometheus;
  }

  public RedisWorld redis() {
    return redis;
  }

  public PgWorld postgres() {
    return postgres;
  }

  public HttpWorld http() {
    return http;
  }

  /** The `notify` driver's webhook (`notify()` is taken by {@link Object}). */
  public NotifyWorld notifications() {
    return notify;
  }

  public ShellWorld shell() {
    return shell;
  }

  Regions regions() {
    return regions;
  }

  ServiceModel services() {
    return services;
  }

  /** When the first disruption happened, if one has. */
  public synchronized Optional<Instant> chaosStartedAt() {
    return Optional.ofNullable(firstChaos);
  }

  /** Whether some disruption is still working itself out now. */
  public boolean disrupted() {
    return read(this::disruptedAt);
  }

  // ---- inside the world ------------------------------------------------------------------

  /** Answers a question at the current instant, after catching up the ticks. */
  synchronized <T> T read(Function<Instant, T> question) {
    return question.apply(catchUp());
  }

  /** Makes a change at the current instant, after catching up the ticks. */
  synchronized <T> T write(Function<Instant, T> change) {
    try {
      return change.apply(catchUp());
    } finally {
      services.changed();
    }
  }

  private Instant catchUp() {
    Instant now = clock.now();
    while (!nextTick.isAfter(now)) {
      Instant t = nextTick;
      clusters.values().forEach(c -> c.tick(t));
      redis.tick(t);
      prometheus.tick(t);
      nextTick = t.plus(spec.tick());
    }
    // chaos that starts between ticks (a Schedule's runs), at its own instant
    clusters.values().forEach(c -> c.runDue(now));
    return now;
  }

  Random random() {
    return random;
  }

  /** Five characters for `generateName`, as the API server adds them. */
  String randomSuffix() {
    String alphabet = "bcdfghjklmnpqrstvwxz2456789";
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < 5; i++) {
      out.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return out.toString();
  }

  void chaosStarted(Instant t) {
    if (firstChaos == null) {
      firstChaos = t;
    }
  }

  Phase phaseAt(Instant t) {
    if (firstChaos == null || t.isBefore(firstChaos)) {
      return Phase.BEFORE;
    }
    return disruptedAt(t) ? Phase.DURING : Phase.AFTER;
  }

  boolean disruptedAt(Instant t) {
    return clusters.values().stream().anyMatch(c -> c.disruptedAt(t)) || redis.disruptedAt(t)
        || postgres.disruptedAt(t);
  }

  /**
   * What the world's state adds to a series at {@code t}: with services, what the users'
   * requests meet now beyond what they meet when all is well (the series' own level); then
   * the explicit extras a world file may still declare (`error_rate_when_down`, a chaos
   * kind's `metrics`, the exhaustion's `error_rate` and `p95`).
   */
  double contributionTo(String series, Instant t) {
    double sum = 0;
    if (services.any() && (series.equals(spec.errorRateSeries())
        || series.equals(spec.p95Series()))) {
      ServiceModel.Users now = services.usersAt(t);
      ServiceModel.Users usual = services.usersWhenHealthy();
      sum += series.equals(spec.errorRateSeries()) ? now.errorShare() - usual.errorShare()
          : now.p95() - usual.p95();
    }
    if (regions.any()) {
      sum += replicationContribution(series, t);
    }
    WorldSpec.Exhaustion exhaustion = spec.postgres().exhaustion();
    if (series.equals(spec.errorRateSeries())) {
      for (K8sWorld cluster : clusters.values()) {
        for (Deployment d : cluster.deployments()) {
          sum += d.downShareAt(t) * d.spec.errorRateWhenDown();
        }
      }
      sum += redis.errorRateAt(t);
      sum += postgres.exhaustionAt(t) * exhaustion.errorRate();
    }
    if (series.equals(spec.p95Series())) {
      sum += postgres.exhaustionAt(t) * exhaustion.p95();
    }
    if (series.equals(spec.p95Series()) && !services.any()) {
      // without services, what chaos does to pods (PodHealth): the largest tail a deployment
      // adds (with services, the model above already carries it to the users)
      double baseline = spec.series().get(series).before();
      double tail = 0;
      for (K8sWorld cluster : clusters.values()) {
        for (Deployment d : cluster.deployments()) {
          tail = Math.max(tail, d.p95AddedAt(t, baseline));
        }
      }
      sum += tail;
    }
    for (K8sWorld cluster : clusters.values()) {
      for (ChaosObject c : cluster.chaosObjects()) {
        if (c.activeAt(t)) {
          sum += c.effect.metrics().getOrDefault(series, 0.0);
        }
      }
    }
    return sum;
  }

  /**
   * The standby's replication as the series show it: the lag grows from the instant the
   * primary region failed (nothing more arrives), and the last replayed write stays where it
   * was; once a standby is promoted it replicates from nothing and its lag is 0.
   */
  private double replicationContribution(String series, Instant t) {
    Instant failed = regions.primaryFailedAt(t);
    WorldSpec.SeriesSpec lagSeries = spec.series().get(PG_LAG_SERIES);
    double lag = switch (phaseAt(t)) {
      case BEFORE -> lagSeries.before();
      case DURING -> lagSeries.during();
      case AFTER -> lagSeries.after();
    };
    if (series.equals(PG_LAG_SERIES)) {
      if (failed == null) {
        return 0;
      }
      boolean promoted = !regions.primaryAt(t).equals(
          spec.traffic().regions().keySet().iterator().next());
      // the series' level is the lag while the primary replicates; then no write arrives
      return promoted ? -lag : Quantities.toSeconds(java.time.Duration.between(failed, t));
    }
    if (series.equals(PG_REPLAYED_SERIES)) {
      Instant last = (failed == null ? t : failed).minus(Quantities.ofSeconds(lag));
      return last.getEpochSecond() + last.getNano() / 1e9;
    }
    return 0;
  }

  /** What a program or a POST does to the world: the world file's `traffic`, `promote`, `scale`. */
  void act(WorldSpec.Actions actions, Instant now) {
    for (WorldSpec.ScaleAction s : actions.scale()) {
      k8s(s.cluster()).deployment(s.namespace(), s.deployment()).scale(s.replicas(), now);
    }
    if (actions.promote() != null) {
      regions.promote(actions.promote(), now);
    }
    if (actions.traffic() != null) {
      regions.switchTo(actions.traffic(), now);
    }
  }

  /** The instant a fault begins; null while it waits for a chaos that has not happened. */
  Instant faultStart(FaultSpec fault) {
    return resolve(fault.from());
  }

  /** Whether a `down:` fault holds for a service at {@code t}. */
  boolean down(String service, Instant t) {
    return spec.faults().stream()
        .anyMatch(f -> service.equals(f.down()) && faultActiveAt(f, t));
  }

  boolean faultActiveAt(FaultSpec fault, Instant t) {
    Instant from = resolve(fault.from());
    if (from == null || t.isBefore(from)) {
      return false;
    }
    if (fault.until() == null) {
      return true;
    }
    Instant until = resolve(fault.until());
    return until == null || t.isBefore(until);
  }

  /** A {@link When} as an instant; null while it waits for a chaos that has not happened. */
  private Instant resolve(When when) {
    if (!when.afterChaos()) {
      return start.plus(when.offset());
    }
    return firstChaos == null ? null : firstChaos.plus(when.offset());
  }

  private <T> T byCluster(Map<String, T> map, String cluster) {
    String key = cluster == null || cluster.equals(WorldSpec.DEFAULT_CLUSTER) ? "" : cluster;
    T found = map.get(key);
    if (found == null) {
      throw new SandboxException("no cluster `" + cluster + "` in the sandbox world; it has "
          + String.join(", ", clusters.keySet().stream()
              .map(k -> k.isEmpty() ? WorldSpec.DEFAULT_CLUSTER : k).toList()));
    }
    return found;
  }
}
