package dev.chaos.drivers.sandbox;

import dev.chaos.drivers.sandbox.WorldSpec.ClusterSpec;
import dev.chaos.drivers.sandbox.WorldSpec.ConnectionGroup;
import dev.chaos.drivers.sandbox.WorldSpec.Exhaustion;
import dev.chaos.drivers.sandbox.WorldSpec.HostPort;
import dev.chaos.drivers.sandbox.WorldSpec.MasterSpec;
import dev.chaos.drivers.sandbox.WorldSpec.PostgresSpec;
import dev.chaos.drivers.sandbox.WorldSpec.RedisSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the world file's data stores (docs/sandbox.md): the `redis` section (its master sets
 * and the pods that run their nodes) and the `postgres` section (its connection limit, the
 * slots reserved for superusers, the applications' connections, answers to queries).
 */
final class WorldStoresLoader {
  private WorldStoresLoader() {}

  /** PostgreSQL's own bound on `max_connections`. */
  private static final int MAX_CONNECTIONS = 262_143;

  static RedisSpec redis(WorldNode root, Map<String, ClusterSpec> clusters) {
    WorldNode r = root.node("redis").allowOnly("masters", "failover_time", "failover_error_rate",
        "ping", "keys", "version");
    Map<String, MasterSpec> masters = new LinkedHashMap<>();
    WorldNode ms = r.node("masters");
    for (String name : ms.keys()) {
      WorldNode m = ms.node(name).allowOnly("master", "replicas", "pods");
      List<HostPort> replicas = new ArrayList<>();
      for (String replica : m.stringList("replicas")) {
        replicas.add(hostPort(m, "replicas", replica));
      }
      HostPort master = hostPort(m, "master", m.string("master"));
      Map<HostPort, String> pods = new LinkedHashMap<>();
      WorldNode p = m.node("pods");
      for (String node : p.keys()) {
        HostPort at = hostPort(p, node, node);
        if (!at.equals(master) && !replicas.contains(at)) {
          throw p.error(node, "`" + node + "` is neither the master nor a replica of `" + name
              + "`");
        }
        String deployment = p.string(node);
        ClusterSpec cluster = clusters.get(WorldSpec.DEFAULT_CLUSTER);
        String ns = deployment.contains("/") ? deployment.substring(0, deployment.indexOf('/'))
            : cluster.namespace();
        String dn = deployment.substring(deployment.indexOf('/') + 1);
        if (cluster.deployments().stream().noneMatch(d -> d.name().equals(dn)
            && d.namespace().equals(ns))) {
          throw p.error(node, "no deployment `" + dn + "` in namespace `" + ns
              + "` of the default cluster");
        }
        pods.put(at, ns + "/" + dn);
      }
      masters.put(name, new MasterSpec(master, replicas, pods));
    }
    if (masters.isEmpty()) {
      masters.put("mymaster", new MasterSpec(new HostPort("redis-master-0", 6379),
          List.of(new HostPort("redis-replica-0", 6379)), Map.of()));
    }
    return new RedisSpec(masters, r.duration("failover_time", Duration.ofSeconds(5)),
        r.share("failover_error_rate", 0), r.duration("ping", Duration.ofMillis(1)),
        r.has("keys") ? r.strings("keys") : Map.of(), r.string("version", "7.2.4"));
  }

  private static HostPort hostPort(WorldNode node, String key, String text) {
    try {
      return HostPort.parse(text);
    } catch (IllegalArgumentException e) {
      throw node.error(key, e.getMessage());
    }
  }

  static PostgresSpec postgres(WorldNode root) {
    WorldNode p = root.node("postgres").allowOnly("max_connections", "replicas", "connect_time",
        "reconnect", "connections", "exhaustion", "queries", "statements",
        "superuser_reserved_connections");
    List<ConnectionGroup> groups = new ArrayList<>();
    for (WorldNode g : p.nodes("connections")) {
      g.allowOnly("application", "state", "count");
      groups.add(new ConnectionGroup(g.string("application"), g.string("state", "idle"),
          g.integer("count", 1, 0, MAX_CONNECTIONS, "connections of one group")));
    }
    WorldNode e = p.node("exhaustion").allowOnly("above", "error_rate", "p95");
    Exhaustion exhaustion = new Exhaustion(e.share("above", 0.9), e.share("error_rate", 0),
        Quantities.toSeconds(e.duration("p95", Duration.ZERO)));
    Map<String, Object> queries = new LinkedHashMap<>();
    WorldNode q = p.node("queries");
    for (String sql : q.keys()) {
      queries.put(sql, q.plain(sql));
    }
    Map<String, Long> statements = new LinkedHashMap<>();
    WorldNode s = p.node("statements");
    for (String sql : s.keys()) {
      statements.put(sql, s.longValue(sql, 0));
    }
    int max = p.integer("max_connections", 100, 1, MAX_CONNECTIONS, "PostgreSQL's own bound");
    // PostgreSQL refuses to start unless its reserved slots leave some for everyone else
    int reserved = p.integer("superuser_reserved_connections", 3, 0, MAX_CONNECTIONS,
        "slots kept for superusers");
    if (reserved >= max) {
      throw p.error("superuser_reserved_connections", "`" + reserved + "` must be less than"
          + " max_connections (" + max + "), as PostgreSQL requires");
    }
    return new PostgresSpec(
        max,
        p.integer("replicas", 1, 0, 100, "streaming replicas"),
        p.duration("connect_time", Duration.ofMillis(20)),
        p.duration("reconnect", Duration.ofSeconds(2)), groups, exhaustion, queries, statements,
        reserved);
  }
}
