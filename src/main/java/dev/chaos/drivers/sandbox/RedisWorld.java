package dev.chaos.drivers.sandbox;

import dev.chaos.drivers.sandbox.WorldSpec.HostPort;
import dev.chaos.drivers.sandbox.WorldSpec.MasterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Redis behind Sentinel, one method per function of the `redis` signature table. Each master
 * set has a master and replicas; a failover promotes the first replica once the failover time
 * has passed. A graceful failover (`SENTINEL FAILOVER`) fails the share `failover_error_rate`
 * of the commands while it lasts; a master that is down (a `down: redis-master` fault) fails
 * every command until Sentinel promotes the first replica, `failover_time` after the master
 * went down, or a `REPLICAOF NO ONE` promotes one at once. The keys live on the master of the
 * first master set (data survives a failover, as replication keeps it). The services that use
 * Redis as a cache see these states through {@link #stateAt}. A cache that FLUSHALL emptied is
 * filled again by the services that read through it ({@link #tick}).
 */
public final class RedisWorld {
  /** What the cache can give its callers at an instant. */
  enum State { UP, FAILING_OVER, DOWN }

  /** A key's value and expiry, for the automatic inverses of `set` and `del`. */
  public record Entry(String value, Instant expiresAt) {}

  private static final class Topology {
    HostPort master;
    final List<HostPort> replicas;
    final Map<HostPort, String> pods;
    Instant failoverStarted;
    Instant failoverDone;

    Topology(MasterSpec spec) {
      this.master = spec.master();
      this.replicas = new ArrayList<>(spec.replicas());
      this.pods = spec.pods();
    }
  }

  /** How finely Sentinel's watch of a master's pods is replayed: its ping period. */
  private static final java.time.Duration SENTINEL_PING = java.time.Duration.ofSeconds(1);

  private final World world;
  private final Map<String, Topology> masters = new LinkedHashMap<>();
  private final Map<String, Entry> keys = new LinkedHashMap<>();
  private final List<Instant[]> failovers = new ArrayList<>();
  /** When `REPLICAOF NO ONE` promoted a replica by hand, in order. */
  private final List<Instant> manualPromotions = new ArrayList<>();
  /** The `down: redis-master` faults whose Sentinel promotion has been applied. */
  private final java.util.Set<WorldSpec.FaultSpec> promotedFor = new java.util.HashSet<>();
  private long hits;
  private long misses;
  /** When FLUSHALL emptied the cache; null once the services reading through it refilled it. */
  private Instant flushedAt;

  RedisWorld(World world) {
    this.world = world;
    world.spec().redis().masters().forEach((name, spec) -> masters.put(name, new Topology(spec)));
    world.spec().redis().keys().forEach((k, v) -> keys.put(k, new Entry(v, null)));
  }

  /** The round trip of a PING to the master. */
  public Duration ping() {
    return world.read(now -> {
      requireUp(now);
      return world.spec().redis().ping();
    });
  }

  /** The value of a key; "" when it does not exist. */
  public String get(String key) {
    return world.write(now -> {
      requireUp(now);
      Optional<Entry> entry = entry(key, now);
      if (entry.isPresent()) {
        hits++;
      } else {
        misses++;
      }
      return entry.map(Entry::value).orElse("");
    });
  }

  public boolean exists(String key) {
    return world.read(now -> {
      requireUp(now);
      return entry(key, now).isPresent();
    });
  }

  /** Sets a key; a null or zero {@code ttl} means no expiry. */
  public void set(String key, String value, Duration ttl) {
    world.write(now -> {
      requireUp(now);
      keys.put(key, new Entry(value, ttl == null || ttl.isZero() ? null : now.plus(ttl)));
      return null;
    });
  }

  /** Deletes a key and says whether it existed. */
  public boolean del(String key) {
    return world.write(now -> {
      requireUp(now);
      boolean existed = entry(key, now).isPresent();
      keys.remove(key);
      return existed;
    });
  }

  /** The key as it is now, to undo a `set` or `del` with {@link #restore}. */
  public Optional<Entry> snapshot(String key) {
    return world.read(now -> entry(key, now));
  }

  /** Puts a key back as {@link #snapshot} saw it: absent, or with its value and expiry. */
  public void restore(String key, Optional<Entry> entry) {
    world.write(now -> {
      requireUp(now);
      if (entry.isPresent()) {
        keys.put(key, entry.get());
      } else {
        keys.remove(key);
      }
      return null;
    });
  }

  public int dbsize() {
    return world.read(now -> {
      requireUp(now);
      return (int) keys.keySet().stream().filter(k -> entry(k, now).isPresent()).count();
    });
  }

  /** The fields of one INFO section; an unknown section is empty, as in Redis. */
  public Map<String, String> info(String section) {
    return world.read(now -> {
      requireUp(now);
      Map<String, String> out = new LinkedHashMap<>();
      Topology first = masters.values().iterator().next();
      switch (section.toLowerCase(java.util.Locale.ROOT)) {
        case "server" -> {
          out.put("redis_version", world.spec().redis().version());
          out.put("redis_mode", "standalone");
          out.put("tcp_port", String.valueOf(first.master.port()));
        }
        case "replication" -> {
          out.put("role", "master");
          out.put("connected_slaves", String.valueOf(first.replicas.size()));
          for (int i = 0; i < first.replicas.size(); i++) {
            HostPort r = first.replicas.get(i);
            out.put("slave" + i, "ip=" + r.host() + ",port=" + r.port() + ",state=online");
          }
          out.put("master_failover_state", failingOver(first, now) ? "failover-in-progress"
              : "no-failover");
        }
        case "stats" -> {
          out.put("keyspace_hits", String.valueOf(hits));
          out.put("keyspace_misses", String.valueOf(misses));
        }
        case "keyspace" -> {
          long live = keys.keySet().stream().filter(k -> entry(k, now).isPresent()).count();
          long expiring = keys.values().stream()
              .filter(e -> e.expiresAt() != null && e.expiresAt().isAfter(now)).count();
          if (live > 0) {
            out.put("db0", "keys=" + live + ",expires=" + expiring + ",avg_ttl=0");
          }
        }
        default -> { }
      }
      return out;
    });
  }

  /** The master's address as Sentinel reports it; the old one until a failover completes. */
  public Results.Address master(String name) {
    return world.read(now -> {
      HostPort master = topology(name, now).master;
      return new Results.Address(master.host(), master.port());
    });
  }

  /** Asks Sentinel to fail over; returns at once, as `SENTINEL FAILOVER` does. */
  public void failover(String name) {
    world.write(now -> {
      Topology t = topology(name, now);
      if (t.replicas.isEmpty()) {
        throw new SandboxException("NOGOODSLAVE No suitable replica to promote for " + name);
      }
      if (failingOver(t, now)) {
        throw new SandboxException("INPROG Failover already in progress for " + name);
      }
      t.failoverStarted = now;
      t.failoverDone = now.plus(world.spec().redis().failoverTime());
      failovers.add(new Instant[] {t.failoverStarted, t.failoverDone});
      world.chaosStarted(now);
      return null;
    });
  }

  /** Promotes a replica by hand (`REPLICAOF NO ONE`): it is the master from now on. */
  public void replicaofNoOne(String node) {
    world.write(now -> {
      HostPort wanted = HostPort.parse(node);
      for (Map.Entry<String, Topology> e : masters.entrySet()) {
        Topology t = topology(e.getKey(), now);
        if (t.replicas.remove(wanted)) {
          t.replicas.add(0, t.master);
          t.master = wanted;
          manualPromotions.add(now);
          return null;
        }
        if (t.master.equals(wanted)) {
          return null; // already a master: REPLICAOF NO ONE is harmless
        }
      }
      throw new SandboxException("no Redis node " + wanted + " in the sandbox world");
    });
  }

  public void flushall() {
    world.write(now -> {
      requireUp(now);
      keys.clear();
      flushedAt = now;
      return null;
    });
  }

  // ---- inside the world ------------------------------------------------------------------

  /**
   * Cache-aside, as the lab's demo reads: a service that reads through the cache (a dependency
   * on a Redis service with a `fallback`) writes what it read from the database back on a miss.
   * At the first tick after a FLUSHALL at which such a service has a ready pod and the cache
   * answers, the world file's keys (what the cache held from the database) are back; a world
   * without such a service leaves the cache empty.
   */
  void tick(Instant t) {
    if (flushedAt == null || !t.isAfter(flushedAt) || stateAt(t) == State.DOWN
        || !readThroughServing(t)) {
      return;
    }
    world.spec().redis().keys().forEach((k, v) -> keys.putIfAbsent(k, new Entry(v, null)));
    flushedAt = null;
  }

  /** Whether a service that reads through a Redis cache has a ready pod at {@code t}. */
  private boolean readThroughServing(Instant t) {
    Map<String, WorldSpec.ServiceSpec> services = world.spec().services();
    for (WorldSpec.ServiceSpec s : services.values()) {
      boolean readsThrough = s.dependsOn().stream().anyMatch(d -> !d.fallback().isEmpty()
          && services.containsKey(d.service())
          && services.get(d.service()).kind().equals("redis"));
      if (readsThrough && s.kind().equals("deployment") && world.k8s(s.cluster())
          .deployment(s.namespace(), s.deployment()).readyAt(t) > 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * The error rate a failover in progress adds at {@code t}, for a world without services;
   * with services, the callers' fallbacks decide what a failover costs.
   */
  double errorRateAt(Instant t) {
    return !world.services().any() && gracefulAt(t) ? world.spec().redis().failoverErrorRate()
        : 0;
  }

  boolean disruptedAt(Instant t) {
    return gracefulAt(t) || stateAt(t) == State.DOWN;
  }

  private boolean gracefulAt(Instant t) {
    return failovers.stream().anyMatch(f -> !t.isBefore(f[0]) && t.isBefore(f[1]));
  }

  /** Whether the cache answers at {@code t}, as its callers see it. */
  State stateAt(Instant t) {
    if (world.down("redis", t) || masterDownFault(t) != null || masterPodsDown(t)) {
      return State.DOWN;
    }
    return gracefulAt(t) ? State.FAILING_OVER : State.UP;
  }

  /**
   * Whether the first master set's master runs on pods that are all down at {@code t}, after
   * Sentinel had its chance to promote a replica (see {@link #watchPods}).
   */
  private boolean masterPodsDown(Instant t) {
    Topology first = masters.values().iterator().next();
    watchPods(first, t);
    return nodeDownAt(first, first.master, t);
  }

  /** A node whose pods the world knows is down while none of them serves. */
  private boolean nodeDownAt(Topology topology, HostPort node, Instant t) {
    String pods = topology.pods.get(node);
    if (pods == null) {
      return false;
    }
    int slash = pods.indexOf('/');
    Deployment d = world.k8s("").deployment(pods.substring(0, slash), pods.substring(slash + 1));
    return d.readyAt(t) == 0 || d.healthAt(t).servingShare() <= 0;
  }

  /**
   * Sentinel: once the master's pods have been down for `failover_time` (replayed a ping at a
   * time), the first replica that is up becomes the master; the old one rejoins as a replica
   * when its pods are back.
   */
  private void watchPods(Topology t, Instant now) {
    if (!nodeDownAt(t, t.master, now)) {
      return;
    }
    java.time.Duration failover = world.spec().redis().failoverTime();
    Instant since = now;
    while (!since.isBefore(now.minus(failover))
        && !since.minus(SENTINEL_PING).isBefore(world.start())
        && nodeDownAt(t, t.master, since.minus(SENTINEL_PING))) {
      since = since.minus(SENTINEL_PING);
    }
    if (java.time.Duration.between(since, now).compareTo(failover) < 0) {
      return;
    }
    for (HostPort replica : t.replicas) {
      if (!nodeDownAt(t, replica, now)) {
        t.replicas.remove(replica);
        t.replicas.add(t.master);
        t.master = replica;
        return;
      }
    }
  }

  /**
   * The `down: redis-master` fault that holds at {@code t} and has not been cured by a
   * promotion yet (Sentinel's, or one by hand since the fault began); null when none.
   */
  private WorldSpec.FaultSpec masterDownFault(Instant t) {
    for (WorldSpec.FaultSpec f : world.spec().faults()) {
      if (!"redis-master".equals(f.down()) || !world.faultActiveAt(f, t)) {
        continue;
      }
      Instant from = world.faultStart(f);
      if (promotedAt(f, from).isAfter(t)) {
        return f;
      }
    }
    return null;
  }

  /** When the master that a fault took down is replaced: by Sentinel or by hand. */
  private Instant promotedAt(WorldSpec.FaultSpec f, Instant from) {
    Instant sentinel = masters.values().iterator().next().replicas.isEmpty() ? Instant.MAX
        : from.plus(world.spec().redis().failoverTime());
    for (Instant manual : manualPromotions) {
      if (!manual.isBefore(from) && manual.isBefore(sentinel)) {
        return manual;
      }
    }
    return sentinel;
  }

  private Topology topology(String name, Instant now) {
    Topology t = masters.get(name);
    if (t == null) {
      throw new SandboxException("ERR No such master with that name: " + name);
    }
    promoteForFaults(t, now);
    watchPods(t, now);
    if (t.failoverDone != null && !now.isBefore(t.failoverDone)) {
      HostPort promoted = t.replicas.remove(0);
      t.replicas.add(t.master);
      t.master = promoted;
      t.failoverStarted = null;
      t.failoverDone = null;
    }
    return t;
  }

  /**
   * Sentinel's promotion after a master went down: applied once, to the first master set,
   * when its time has come and no promotion by hand got there first.
   */
  private void promoteForFaults(Topology t, Instant now) {
    if (t != masters.values().iterator().next()) {
      return;
    }
    for (WorldSpec.FaultSpec f : world.spec().faults()) {
      if (!"redis-master".equals(f.down()) || promotedFor.contains(f)) {
        continue;
      }
      Instant from = world.faultStart(f);
      if (from == null || t.replicas.isEmpty()) {
        continue;
      }
      Instant sentinel = from.plus(world.spec().redis().failoverTime());
      boolean stillDown = world.faultActiveAt(f, sentinel);
      boolean byHand = manualPromotions.stream()
          .anyMatch(m -> !m.isBefore(from) && m.isBefore(sentinel));
      if (!now.isBefore(sentinel) || byHand) {
        promotedFor.add(f);
        if (stillDown && !byHand) {
          HostPort promoted = t.replicas.remove(0);
          t.replicas.add(t.master);
          t.master = promoted;
        }
      }
    }
  }

  private boolean failingOver(Topology t, Instant now) {
    return t.failoverStarted != null && now.isBefore(t.failoverDone);
  }

  private Optional<Entry> entry(String key, Instant now) {
    Entry e = keys.get(key);
    return e == null || (e.expiresAt() != null && !e.expiresAt().isAfter(now)) ? Optional.empty()
        : Optional.of(e);
  }

  private void requireUp(Instant now) {
    if (world.down("redis", now)) {
      throw new SandboxException("redis is not answering (a `down: redis` fault of the world)");
    }
    if (masterDownFault(now) != null || masterPodsDown(now)) {
      topology(masters.keySet().iterator().next(), now);
      throw new SandboxException("redis master "
          + masters.values().iterator().next().master + " is down: connection refused until"
          + " Sentinel promotes a replica (failover_time " + dev.chaos.types.ValueFormat.duration(
              world.spec().redis().failoverTime()) + ") or REPLICAOF NO ONE does");
    }
  }
}
