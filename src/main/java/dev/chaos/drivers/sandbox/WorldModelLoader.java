package dev.chaos.drivers.sandbox;

import dev.chaos.drivers.sandbox.WorldSpec.Actions;
import dev.chaos.drivers.sandbox.WorldSpec.ClusterSpec;
import dev.chaos.drivers.sandbox.WorldSpec.DependencySpec;
import dev.chaos.drivers.sandbox.WorldSpec.DeploymentSpec;
import dev.chaos.drivers.sandbox.WorldSpec.RegionSpec;
import dev.chaos.drivers.sandbox.WorldSpec.ScaleAction;
import dev.chaos.drivers.sandbox.WorldSpec.ServiceSpec;
import dev.chaos.drivers.sandbox.WorldSpec.TrafficSpec;
import dev.chaos.drivers.kube.Kinds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the sections of a world file that make it a causal model (docs/sandbox.md):
 * `services` with their dependencies, `regions` and `traffic`, and the actions programs and
 * POSTs take on the world. Every name is checked against what it names, at its line.
 */
final class WorldModelLoader {
  private WorldModelLoader() {}

  static Map<String, ServiceSpec> services(WorldNode root, Map<String, ClusterSpec> clusters) {
    Map<String, ServiceSpec> out = new LinkedHashMap<>();
    WorldNode services = root.node("services");
    Map<String, WorldNode> nodes = new LinkedHashMap<>();
    for (String name : services.keys()) {
      WorldNode s = services.node(name).allowOnly("kind", "cluster", "namespace", "deployment",
          "latency", "error_rate", "utilisation", "hit_ratio", "application", "pool_timeout",
          "entry", "depends_on", "writes", "requests_per_second");
      nodes.put(name, s);
      String kind = s.string("kind", s.has("deployment") ? "deployment" : "");
      if (!List.of("deployment", "redis", "postgres").contains(kind)) {
        throw s.error(s.has("kind") ? "kind" : null, kind.isEmpty()
            ? "needs a `deployment:` (the pods that serve it) or a `kind:` of redis, postgres"
            : "`" + kind + "` is not one of deployment, redis, postgres");
      }
      String cluster = s.string("cluster", WorldSpec.DEFAULT_CLUSTER);
      ClusterSpec c = clusters.get(cluster);
      if (c == null) {
        throw s.error("cluster", "no cluster `" + cluster + "` under `clusters`");
      }
      String namespace = s.string("namespace", c.namespace());
      String deployment = s.string("deployment", "");
      if (kind.equals("deployment")) {
        boolean found = false;
        for (DeploymentSpec d : c.deployments()) {
          found |= d.name().equals(deployment) && d.namespace().equals(namespace);
        }
        if (!found) {
          throw s.error("deployment", "no deployment `" + deployment + "` in namespace `"
              + namespace + "` of cluster `" + cluster + "`");
        }
      }
      // past 100%: the world-file replicas cannot carry all of their region's traffic
      double utilisation = s.ratio("utilisation", 0.5);
      if (!(utilisation > 0 && utilisation <= 100)) {
        throw s.error("utilisation", "`" + s.string("utilisation") + "` is not a share of"
            + " capacity above 0% (and at most 10000%)");
      }
      List<DependencySpec> deps = new ArrayList<>();
      for (WorldNode d : s.nodes("depends_on")) {
        deps.add(WorldCallLoader.call(d));
      }
      double rate = s.number("requests_per_second", WorldSpec.DEFAULT_RATE);
      if (!(rate > 0)) {
        throw s.error("requests_per_second", "users' requests per second are above 0");
      }
      out.put(name, new ServiceSpec(name, kind, cluster.equals(WorldSpec.DEFAULT_CLUSTER) ? ""
          : cluster, namespace, deployment, s.duration("latency", Duration.ofMillis(10)),
          s.share("error_rate", 0), utilisation, s.share("hit_ratio", 0.9),
          s.string("application", name), s.duration("pool_timeout", Duration.ofSeconds(1)),
          s.string("entry", "").equals("true"), deps, s.share("writes", 1), rate));
    }
    Set<String> called = new HashSet<>();
    for (Map.Entry<String, ServiceSpec> e : out.entrySet()) {
      WorldNode s = nodes.get(e.getKey());
      List<WorldNode> depNodes = s.nodes("depends_on");
      for (int i = 0; i < depNodes.size(); i++) {
        DependencySpec d = e.getValue().dependsOn().get(i);
        if (!out.containsKey(d.service())) {
          throw depNodes.get(i).error("service", "no service `" + d.service()
              + "` under `services`");
        }
        if (!d.fallback().isEmpty() && !out.containsKey(d.fallback())) {
          throw depNodes.get(i).error("fallback", "no service `" + d.fallback()
              + "` under `services`");
        }
        called.add(d.service());
        called.add(d.fallback());
      }
    }
    for (String name : out.keySet()) {
      List<String> cycle = cycle(name, out, new ArrayList<>());
      if (cycle != null) {
        throw nodes.get(name).error("depends_on", "the services call each other in a circle: "
            + String.join(" -> ", cycle));
      }
    }
    // without `entry: true` anywhere, the services of pods that nobody calls are the ones
    // users call (a cache or a database nobody calls is not a user's entry point)
    boolean anyEntry = out.values().stream().anyMatch(ServiceSpec::entry);
    if (!anyEntry) {
      out.replaceAll((name, s) -> called.contains(name) || !s.kind().equals("deployment") ? s
          : new ServiceSpec(s.name(),
          s.kind(), s.cluster(), s.namespace(), s.deployment(), s.latency(), s.errorRate(),
          s.utilisation(), s.hitRatio(), s.application(), s.poolTimeout(), true,
          s.dependsOn(), s.writes(), s.requestsPerSecond()));
    }
    return out;
  }

  private static List<String> cycle(String name, Map<String, ServiceSpec> services,
      List<String> path) {
    if (path.contains(name)) {
      List<String> out = new ArrayList<>(path.subList(path.indexOf(name), path.size()));
      out.add(name);
      return out;
    }
    path.add(name);
    for (DependencySpec d : services.get(name).dependsOn()) {
      for (String next : List.of(d.service(), d.fallback())) {
        if (!next.isEmpty()) {
          List<String> found = cycle(next, services, path);
          if (found != null) {
            return found;
          }
        }
      }
    }
    path.remove(path.size() - 1);
    return null;
  }

  static TrafficSpec traffic(WorldNode root, Map<String, ClusterSpec> clusters) {
    Map<String, RegionSpec> regions = new LinkedHashMap<>();
    WorldNode rs = root.node("regions");
    for (String name : rs.keys()) {
      WorldNode r = rs.node(name).allowOnly("cluster", "fails_with");
      String cluster = r.string("cluster", name);
      if (!clusters.containsKey(cluster)) {
        throw r.error("cluster", "no cluster `" + cluster + "` under `clusters`");
      }
      regions.put(name, new RegionSpec(name, cluster.equals(WorldSpec.DEFAULT_CLUSTER) ? ""
          : cluster, r.stringList("fails_with").stream().map(k -> k.contains("/")
              ? Kinds.normalise(k.substring(0, k.indexOf('/'))) + k.substring(k.indexOf('/'))
              : Kinds.normalise(k)).toList()));
    }
    WorldNode t = root.node("traffic").allowOnly("to", "switch_time");
    String to = t.string("to", regions.isEmpty() ? "" : regions.keySet().iterator().next());
    if (!regions.isEmpty() && !regions.containsKey(to)) {
      throw t.error("to", "no region `" + to + "` under `regions`");
    }
    if (regions.isEmpty() && t.has("to")) {
      throw t.error("to", "traffic goes to a region: describe them under `regions`");
    }
    return new TrafficSpec(to, t.duration("switch_time", Duration.ofSeconds(60)), regions);
  }

  /** What a program (prefix "") or an endpoint's POST (prefix "post_") does to the world. */
  static Actions actions(WorldNode node, String prefix, Map<String, ClusterSpec> clusters,
      TrafficSpec traffic) {
    String to = node.string(prefix + "traffic", null);
    String promote = node.string(prefix + "promote", null);
    for (String key : List.of(prefix + "traffic", prefix + "promote")) {
      String region = node.string(key, null);
      if (region != null && !traffic.regions().containsKey(region)) {
        throw node.error(key, "no region `" + region + "` under `regions`");
      }
    }
    List<ScaleAction> scale = new ArrayList<>();
    for (WorldNode s : node.nodes(prefix + "scale")) {
      s.allowOnly("cluster", "namespace", "deployment", "replicas");
      String cluster = s.string("cluster", WorldSpec.DEFAULT_CLUSTER);
      ClusterSpec c = clusters.get(cluster);
      if (c == null) {
        throw s.error("cluster", "no cluster `" + cluster + "` under `clusters`");
      }
      String namespace = s.string("namespace", c.namespace());
      String deployment = s.string("deployment");
      if (c.deployments().stream().noneMatch(d -> d.name().equals(deployment)
          && d.namespace().equals(namespace))) {
        throw s.error("deployment", "no deployment `" + deployment + "` in namespace `"
            + namespace + "` of cluster `" + cluster + "`");
      }
      scale.add(new ScaleAction(cluster.equals(WorldSpec.DEFAULT_CLUSTER) ? "" : cluster,
          namespace, deployment, s.integer("replicas", 1, 0, WorldLoader.MAX_REPLICAS,
              "replicas of a sandbox deployment")));
    }
    Actions actions = new Actions(to, promote, scale);
    return actions.any() ? actions : Actions.NONE;
  }
}
