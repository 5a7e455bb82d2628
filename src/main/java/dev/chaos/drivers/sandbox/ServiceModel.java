package dev.chaos.drivers.sandbox;

import dev.chaos.drivers.sandbox.Outcome.Point;
import dev.chaos.drivers.sandbox.WorldSpec.DependencySpec;
import dev.chaos.drivers.sandbox.WorldSpec.ServiceSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The causal model of the world's services (docs/sandbox.md, "Services"). What one request to
 * a service meets is computed from the state of the world at an instant: its pods (through
 * {@link Deployment#healthAt}), the load on them, and what its dependencies answer through
 * the timeouts, retries and fallbacks of its calls. The entry services' requests, weighted by
 * the traffic each region receives, are what users see: the SLO series and the health
 * endpoints follow them.
 */
final class ServiceModel {
  /** An answer that never comes is cut short here when no caller's timeout does. */
  static final double CLIENT_TIMEOUT = 30;
  /** A refused connection (no pod behind the service, a node down) fails this fast. */
  static final double REFUSED = 0.001;

  /** The figures a series may `derive` from the model (docs/sandbox.md). */
  static final List<String> DERIVED = List.of("cache_hit_ratio", "fallback_share",
      "db_refused_share", "db_retries", "circuit_breaker_open");

  /** What the entry services' requests meet at an instant. */
  record Users(double errorShare, double p95, double median) {}

  private final World world;
  private final Map<String, ServiceSpec> services;
  private Instant cachedAt;
  private Evaluation cached;
  private Evaluation healthy;
  /**
   * Until when each circuit breaker (by caller and dependency) stays open: its half-open trial
   * succeeds {@code open_for} after the first instant the model sees the dependency answer.
   */
  private final Map<String, Instant> openUntil = new HashMap<>();
  /** The breakers whose dependency failed when the model was last read. */
  private final java.util.Set<String> failingSeen = new java.util.HashSet<>();

  ServiceModel(World world) {
    this.world = world;
    this.services = world.spec().services();
  }

  boolean any() {
    return !services.isEmpty();
  }

  /** Forgets what it computed: the world changed at the instant it was computed for. */
  void changed() {
    cachedAt = null;
    cached = null;
  }

  /** What the users see at {@code t}. */
  Users usersAt(Instant t) {
    return at(t).users();
  }

  /** What the users see when nothing is wrong: the level the SLO series are written at. */
  Users usersWhenHealthy() {
    return healthy().users();
  }

  /**
   * A figure of the model at {@code t}: the share of cache lookups that hit, the share of
   * users' requests that needed a fallback, the share of database queries that found no
   * connection (0 where nothing was asked), the retries of database calls per second, and
   * 1 while a circuit breaker on a dependency is open (else 0).
   */
  double derivedAt(String figure, Instant t) {
    Evaluation e = at(t);
    e.users();
    return switch (figure) {
      case "cache_hit_ratio" -> e.cacheCalls <= 0 ? 0 : e.cacheHits / e.cacheCalls;
      case "fallback_share" -> e.fallbacks / Math.max(1e-12, e.entryWeight());
      case "db_refused_share" -> e.dbQueries <= 0 ? 0 : e.dbRefused / e.dbQueries;
      case "db_retries" -> e.dbRetries * usersPerSecond() + e.trialRetries;
      case "circuit_breaker_open" -> e.openBreakers.isEmpty() ? 0 : 1;
      default -> throw new IllegalArgumentException(figure);
    };
  }

  /**
   * The message of an open circuit breaker on the calls a request to {@code service} makes,
   * directly or through its dependencies, at {@code t}; null when none is open.
   */
  String openBreakerMessage(String service, Instant t) {
    Evaluation e = at(t);
    e.users();
    e.outcome(service);
    List<String> seen = new ArrayList<>();
    List<String> next = new ArrayList<>(List.of(service));
    while (!next.isEmpty()) {
      String name = next.remove(0);
      if (seen.contains(name)) {
        continue;
      }
      seen.add(name);
      String message = e.openBreakers.get(name);
      if (message != null) {
        return message;
      }
      for (DependencySpec d : services.get(name).dependsOn()) {
        next.add(d.service());
        if (!d.fallback().isEmpty()) {
          next.add(d.fallback());
        }
      }
    }
    return null;
  }

  /** Users' requests per second: the entry services share them (the largest one's figure). */
  private double usersPerSecond() {
    return services.values().stream().filter(ServiceSpec::entry)
        .mapToDouble(ServiceSpec::requestsPerSecond).max().orElse(WorldSpec.DEFAULT_RATE);
  }

  /** What a request to one service meets at {@code t}. */
  Outcome outcomeAt(String service, Instant t) {
    return at(t).outcome(service);
  }

  Outcome healthyOutcome(String service) {
    return healthy().outcome(service);
  }

  /** The service of the causal model a deployment serves, if any. */
  ServiceSpec servedBy(String cluster, String namespace, String deployment) {
    for (ServiceSpec s : services.values()) {
      if (s.kind().equals("deployment") && s.cluster().equals(cluster)
          && s.namespace().equals(namespace) && s.deployment().equals(deployment)) {
        return s;
      }
    }
    return null;
  }

  private Evaluation at(Instant t) {
    if (!t.equals(cachedAt)) {
      Evaluation first = new Evaluation(t, false, Map.of(), 1, false);
      first.users();
      Map<String, Double> load = new LinkedHashMap<>();
      for (String app : first.pgCalls.keySet()) {
        load.put(app, demandFactor(first, app));
      }
      double now = first.pgCalls.values().stream().mapToDouble(Double::doubleValue).sum();
      double usual = healthy().pgCalls.values().stream().mapToDouble(Double::doubleValue).sum();
      cached = new Evaluation(t, false, world.postgres().refusedSharesAt(load, t),
          usual <= 0 ? 1 : now / usual, true);
      cachedAt = t;
    }
    return cached;
  }

  private Evaluation healthy() {
    if (healthy == null) {
      healthy = new Evaluation(world.start(), true, Map.of(), 1, false);
      healthy.users();
    }
    return healthy;
  }

  /** How many times its calls to PostgreSQL an application makes now, per healthy call. */
  private double demandFactor(Evaluation now, String application) {
    double calls = now.pgCalls.getOrDefault(application, 0.0);
    double usual = healthy().pgCalls.getOrDefault(application, 0.0);
    return usual <= 0 ? (calls > 0 ? 1 : 0) : Math.min(100, calls / usual);
  }

  /** The model at one instant, each service computed once. */
  private final class Evaluation {
    final Instant t;
    final boolean allHealthy;
    final Map<String, Double> refused;
    final Map<String, Outcome> outcomes = new HashMap<>();
    /** Calls to PostgreSQL per second of traffic, by application. */
    final Map<String, Double> pgCalls = new LinkedHashMap<>();
    final Map<String, Double> traffic;
    /** How many times its usual queries the database receives. */
    final double dbLoad;
    /** Cache lookups, fallbacks and database queries per user request, weighted by traffic. */
    double cacheCalls;
    double cacheHits;
    double fallbacks;
    double dbQueries;
    double dbRefused;
    /** Retries of database calls per user request while their breakers are closed. */
    double dbRetries;
    /** Retries per second of the half-open trials of open breakers. */
    double trialRetries;
    /** The message of each open breaker, by the service whose calls it guards. */
    final Map<String, String> openBreakers = new LinkedHashMap<>();
    /** Whether breakers opening or closing here is remembered (the final evaluation of t). */
    final boolean remember;

    Evaluation(Instant t, boolean allHealthy, Map<String, Double> refused, double dbLoad,
        boolean remember) {
      this.t = t;
      this.allHealthy = allHealthy;
      this.refused = refused;
      this.dbLoad = dbLoad;
      this.remember = remember;
      this.traffic = world.regions().any() ? world.regions().trafficAt(t) : Map.of();
    }

    Users users() {
      List<Outcome> parts = new ArrayList<>();
      List<Double> weights = new ArrayList<>();
      for (ServiceSpec s : services.values()) {
        if (s.entry()) {
          double w = load(s) / entriesBeside(s);
          if (w > 0) {
            parts.add(outcome(s.name()));
            weights.add(w);
          }
        }
      }
      // traffic the record sends to a region with no entry service reaches nothing
      for (Map.Entry<String, Double> e : traffic.entrySet()) {
        String cluster = world.spec().traffic().regions().get(e.getKey()).cluster();
        if (e.getValue() > 0 && services.values().stream()
            .noneMatch(s -> s.entry() && s.cluster().equals(cluster))) {
          parts.add(refused());
          weights.add(e.getValue());
        }
      }
      if (parts.isEmpty()) {
        parts.add(refused());
        weights.add(1.0);
      }
      Outcome all = Outcome.mix(parts, weights);
      return new Users(all.errorShare(), all.quantile(0.95, CLIENT_TIMEOUT),
          all.quantile(0.5, CLIENT_TIMEOUT));
    }

    /** The weight of the users' requests: 1, or the traffic that reaches an entry service. */
    double entryWeight() {
      double w = 0;
      for (ServiceSpec s : services.values()) {
        if (s.entry()) {
          w += load(s) / entriesBeside(s);
        }
      }
      return w;
    }

    /** Entry services in the same region share its traffic. */
    private double entriesBeside(ServiceSpec s) {
      if (!world.regions().any()) {
        return 1;
      }
      String region = world.regions().regionOf(s.cluster());
      return services.values().stream().filter(o -> o.entry()
          && java.util.Objects.equals(world.regions().regionOf(o.cluster()), region)).count();
    }

    /** The share of the users' traffic that reaches a service's region (1 without regions). */
    double load(ServiceSpec s) {
      if (!world.regions().any()) {
        return 1;
      }
      String region = world.regions().regionOf(s.cluster());
      return region == null ? 1 : traffic.getOrDefault(region, 0.0);
    }

    Outcome outcome(String name) {
      Outcome known = outcomes.get(name);
      if (known != null) {
        return known;
      }
      ServiceSpec s = services.get(name);
      Outcome out = own(s);
      for (DependencySpec d : s.dependsOn()) {
        out = then(s, out, d);
      }
      outcomes.put(name, out);
      return out;
    }

    /** What a service does itself, before it calls anything. */
    private Outcome own(ServiceSpec s) {
      double latency = Quantities.toSeconds(s.latency());
      if (!allHealthy && world.regions().any() && world.regions().clusterDownAt(s.cluster(), t)) {
        return refused();
      }
      return switch (s.kind()) {
        case "redis" -> redis(s, latency);
        case "postgres" -> postgres(s, latency);
        default -> pods(s, latency);
      };
    }

    private Outcome pods(ServiceSpec s, double latency) {
      Deployment d = world.k8s(s.cluster()).deployment(s.namespace(), s.deployment());
      PodHealth health = allHealthy ? PodHealth.FULL : d.healthAt(t);
      int replicas = allHealthy ? d.spec.replicas() : d.replicas();
      double serving = allHealthy ? replicas
          : Math.min(health.servingShare() * replicas, d.readyAt(t));
      if (serving <= 0) {
        return refused();
      }
      return RequestMath.served(s, load(s) * Math.max(1, d.spec.replicas()) / serving, health);
    }


    private Outcome redis(ServiceSpec s, double latency) {
      RedisWorld.State state = allHealthy ? RedisWorld.State.UP : world.redis().stateAt(t);
      if (state == RedisWorld.State.DOWN) {
        // the master's address no longer answers: each try waits for the caller's timeout
        return Outcome.of(List.of(new Point(1, Double.POSITIVE_INFINITY, false, false)));
      }
      double failing = state == RedisWorld.State.FAILING_OVER
          ? world.spec().redis().failoverErrorRate() : 0;
      double answered = (1 - failing) * (1 - s.errorRate());
      return Outcome.of(List.of(
          new Point(failing + (1 - failing) * s.errorRate(), latency, false, false),
          new Point(answered * s.hitRatio(), latency, true, false),
          new Point(answered * (1 - s.hitRatio()), latency, true, true)));
    }

    /** PostgreSQL as one caller sees it is in {@link #callPostgres}; here: up or not. */
    private Outcome postgres(ServiceSpec s, double latency) {
      if (!allHealthy && !world.postgres().upAt(regionOf(s), t)) {
        return refused();
      }
      // more queries than usual (a cache outage sends every read here) queue for its CPU
      double utilisation = s.utilisation() * dbLoad;
      double shed = RequestMath.shed(utilisation);
      if (!allHealthy && !world.postgres().servesAt(regionOf(s), t)) {
        // a standby answers reads; its writes fail ("read-only transaction") until promoted
        shed += (1 - shed) * s.writes();
      }
      double seconds = RequestMath.queued(latency, s.utilisation(), utilisation);
      return Outcome.of(List.of(new Point(shed, REFUSED, false, false),
          new Point((1 - shed) * s.errorRate(), seconds, false, false),
          new Point((1 - shed) * (1 - s.errorRate()), seconds, true, false)));
    }

    private String regionOf(ServiceSpec s) {
      return world.regions().any() ? world.regions().regionOf(s.cluster()) : null;
    }

    private Outcome refused() {
      return Outcome.of(List.of(new Point(1, REFUSED, false, false)));
    }

    /**
     * The requests of {@code caller} that have succeeded so far ({@code before}) go on to call
     * {@code d}; those that failed already stay as they are.
     */
    private Outcome then(ServiceSpec caller, Outcome before, DependencySpec d) {
      double reaching = before.points().stream().filter(Point::ok)
          .mapToDouble(Point::share).sum();
      Outcome call = call(caller, d, reaching);
      List<Point> out = new ArrayList<>();
      for (Point p : before.points()) {
        if (!p.ok()) {
          out.add(p);
          continue;
        }
        for (Point q : call.points()) {
          out.add(new Point(p.share() * q.share(), p.seconds() + q.seconds(), q.ok(), false));
        }
      }
      return Outcome.of(out);
    }

    /**
     * One call to a dependency as the caller sees it: its breaker (open: the call fails at
     * once), tries and timeouts, then the fallback (called as its own `fallback` mapping says).
     */
    private Outcome call(ServiceSpec caller, DependencySpec d, double reaching) {
      Outcome target = target(caller, d.service(), reaching);
      double failing = failingShare(target, d);
      boolean database = services.get(d.service()).kind().equals("postgres");
      if (d.circuitBreaker() != null && breakerOpen(caller, d, failing)) {
        openBreakers.putIfAbsent(caller.name(), d.circuitBreaker().message());
        if (database) {
          // each pod of the caller tries one call every open_for, with its retries
          trialRetries += podsOf(caller) / Quantities.toSeconds(d.circuitBreaker().openFor())
              * RequestMath.retriesPerCall(failing, d.retries()) * load(caller);
        }
        return refused();
      }
      if (database) {
        dbRetries += reaching * load(caller) * RequestMath.retriesPerCall(failing, d.retries());
      }
      DependencySpec fallbackCall = d.fallbackCall();
      return RequestMath.through(target, d, d.fallback().isEmpty() ? null : share -> {
        fallbacks += reaching * share * load(caller);
        return fallbackCall == null ? target(caller, d.fallback(), reaching * share)
            : call(caller, fallbackCall, reaching * share);
      }, fallbackCall == null ? timeoutOf(caller, d.fallback()) : CLIENT_TIMEOUT);
    }

    /** The share of one try that fails: an error, no answer, or an answer past the timeout. */
    private double failingShare(Outcome target, DependencySpec d) {
      double timeout = Quantities.toSeconds(d.timeout());
      return target.points().stream().filter(p -> !p.ok() || p.seconds() > timeout)
          .mapToDouble(Point::share).sum();
    }

    /**
     * Whether the breaker on {@code caller}'s calls through {@code d} is open now: the failing
     * share reaches its threshold, or the model first saw it below less than `open_for` ago (a
     * steady state per instant, with that one memory).
     */
    private boolean breakerOpen(ServiceSpec caller, DependencySpec d, double failing) {
      if (allHealthy) {
        return false;
      }
      String key = caller.name() + " -> " + d.service();
      if (failing >= d.circuitBreaker().opensAt() - 1e-12) {
        if (remember) {
          failingSeen.add(key);
        }
        return true;
      }
      if (remember && failingSeen.remove(key)) {
        // the first instant the model sees the dependency answer again: the trial follows
        openUntil.put(key, t.plus(d.circuitBreaker().openFor()));
      }
      Instant until = openUntil.get(key);
      return until != null && t.isBefore(until);
    }

    /** The pods of the caller's deployment that make calls (1 for a service without pods). */
    private double podsOf(ServiceSpec caller) {
      if (!caller.kind().equals("deployment")) {
        return 1;
      }
      Deployment d = world.k8s(caller.cluster()).deployment(caller.namespace(),
          caller.deployment());
      return Math.max(0, d.readyAt(t));
    }

    /** The timeout of the caller's own dependency on a fallback, else the default 30s. */
    private double timeoutOf(ServiceSpec caller, String service) {
      for (DependencySpec d : caller.dependsOn()) {
        if (d.service().equals(service)) {
          return Quantities.toSeconds(d.timeout());
        }
      }
      return CLIENT_TIMEOUT;
    }

    /**
     * The outcome of a service as {@code caller} reaches it; a call to PostgreSQL counts
     * towards the caller's connections and may be refused a connection.
     */
    private Outcome target(ServiceSpec caller, String name, double share) {
      ServiceSpec s = services.get(name);
      Outcome out = outcome(name);
      double weight = share * load(caller);
      if (s.kind().equals("redis")) {
        cacheCalls += weight;
        cacheHits += weight * out.points().stream().filter(p -> p.ok() && !p.miss())
            .mapToDouble(Point::share).sum();
      }
      if (!s.kind().equals("postgres")) {
        return out;
      }
      pgCalls.merge(caller.application(), weight, Double::sum);
      double refusedShare = refused.getOrDefault(caller.application(), 0.0);
      dbQueries += weight;
      dbRefused += weight * refusedShare;
      if (refusedShare <= 0) {
        return out;
      }
      // requests that get no connection wait the pool's timeout, then fail
      List<Point> points = new ArrayList<>(out.scaled(1 - refusedShare));
      points.add(new Point(refusedShare, Quantities.toSeconds(s.poolTimeout()), false, false));
      return Outcome.of(points);
    }
  }
}
