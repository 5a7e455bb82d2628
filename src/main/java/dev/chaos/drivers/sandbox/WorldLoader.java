package dev.chaos.drivers.sandbox;

import dev.chaos.drivers.kube.Kinds;
import dev.chaos.drivers.kube.LabelSyntax;
import dev.chaos.drivers.sandbox.WorldSpec.AlertSpec;
import dev.chaos.drivers.sandbox.WorldSpec.ChaosSpec;
import dev.chaos.drivers.sandbox.WorldSpec.ClusterSpec;
import dev.chaos.drivers.sandbox.WorldSpec.ContainerSpec;
import dev.chaos.drivers.sandbox.WorldSpec.DeploymentSpec;
import dev.chaos.drivers.sandbox.WorldSpec.EndpointSpec;
import dev.chaos.drivers.sandbox.WorldSpec.FaultSpec;
import dev.chaos.drivers.sandbox.WorldSpec.HpaSpec;
import dev.chaos.drivers.sandbox.WorldSpec.NodeSpec;
import dev.chaos.drivers.sandbox.WorldSpec.ProgramSpec;
import dev.chaos.drivers.sandbox.WorldSpec.SeriesSpec;
import dev.chaos.drivers.sandbox.WorldSpec.TrafficSpec;
import dev.chaos.drivers.sandbox.WorldSpec.When;
import dev.chaos.source.InputFile;
import dev.chaos.spi.Clock;
import dev.chaos.spi.VirtualClock;
import dev.chaos.spi.yaml.Origin;
import dev.chaos.spi.yaml.YamlException;
import dev.chaos.spi.yaml.YamlNode;
import dev.chaos.spi.yaml.YamlReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads world files (docs/sandbox.md) into a {@link WorldSpec}: checked key by key, units
 * parsed, defaults filled in. The built-in default world, the seed's system, is the resource
 * {@value #DEFAULT_WORLD}, read by the same code.
 */
public final class WorldLoader {
  private WorldLoader() {}

  public static final String DEFAULT_WORLD = "sandbox/default-world.yaml";

  /**
   * Replicas of one sandbox deployment: the world keeps every pod and reads them on every tick,
   * so a deployment is bounded to what a rehearsal needs (Kubernetes itself suggests at most
   * 110 pods a node and 150,000 a cluster).
   */
  public static final int MAX_REPLICAS = 10_000;

  private static final String ERROR_RATE = "chaos:slo:error_rate:1m";
  private static final String P95 = "chaos:slo:latency:p95:1m";

  /** The default world on a virtual clock that starts at the world's `start`. */
  public static World defaultWorld() {
    return create(loadDefault());
  }

  /** A world on a virtual clock that starts at the world's `start`. */
  public static World create(WorldSpec spec) {
    return new World(spec, new VirtualClock(spec.start()));
  }

  public static World create(WorldSpec spec, Clock clock) {
    return new World(spec, clock);
  }

  public static WorldSpec loadDefault() {
    try (InputStream in = WorldLoader.class.getClassLoader().getResourceAsStream(DEFAULT_WORLD)) {
      if (in == null) {
        throw new IllegalStateException("the default world " + DEFAULT_WORLD
            + " is missing from the class path");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), DEFAULT_WORLD);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the default world", e);
    }
  }

  /** A world file's text: a regular file of UTF-8, refused at once otherwise (a FIFO, a device). */
  static String readText(Path file) throws IOException {
    return InputFile.readText(file, InputFile.TEXT_LIMIT);
  }

  /** Parses a world file; {@code source} names it in messages. */
  public static WorldSpec parse(String yaml, String source) {
    return parse(yaml, source, Set.of());
  }

  /** As {@link #parse(String, String)}; the keys {@code driverSections} are plug-ins' own. */
  public static WorldSpec parse(String yaml, String source, Set<String> driverSections) {
    Path file = Path.of(source);
    return parse(document(file, yaml), file, driverSections);
  }

  /** A world file's YAML document, read once for the world and for the plug-ins' sections. */
  static YamlNode document(Path file, String yaml) {
    try {
      return YamlReader.read(file, yaml, "a world file");
    } catch (YamlException e) {
      throw new WorldFileException(e.origin(), e.problem());
    }
  }

  /** The world of a document {@link #document} read from {@code file}. */
  static WorldSpec parse(YamlNode document, Path file, Set<String> driverSections) {
    WorldNode root = WorldNode.of(new Origin(file, 1, 1, ""), document);
    List<String> keys = new ArrayList<>(List.of("start", "seed", "tick", "clusters", "chaos",
        "metrics", "series", "alerts", "prometheus", "redis", "postgres", "http", "argo", "shell",
        "faults", "env", "secrets", "services", "regions", "traffic"));
    keys.addAll(driverSections);
    root.allowOnly(keys.toArray(String[]::new));
    WorldNode metrics = root.node("metrics").allowOnly("error_rate", "p95");
    String errorRate = metrics.string("error_rate", ERROR_RATE);
    String p95 = metrics.string("p95", P95);
    Map<String, ClusterSpec> clusters = clusters(root);
    TrafficSpec traffic = WorldModelLoader.traffic(root, clusters);
    Map<String, SeriesSpec> series = series(root, errorRate, p95, !traffic.regions().isEmpty());
    return new WorldSpec(
        instant(root),
        root.longValue("seed", 1),
        positive(root, "tick", Duration.ofSeconds(15)),
        clusters,
        chaos(root, series, errorRate, p95),
        errorRate,
        p95,
        series,
        alerts(root, series),
        root.node("prometheus").allowOnly("ready").string("ready", "true").equals("true"),
        WorldStoresLoader.redis(root, clusters),
        WorldStoresLoader.postgres(root),
        http(root, clusters, traffic),
        root.node("argo").allowOnly("duration").duration("duration", Duration.ofMinutes(2)),
        shell(root, clusters, traffic),
        faults(root, series, traffic),
        root.has("env") ? root.strings("env") : Map.of(),
        root.has("secrets") ? root.strings("secrets") : Map.of(),
        WorldModelLoader.services(root, clusters),
        traffic);
  }

  private static Instant instant(WorldNode root) {
    String text = root.string("start", "2025-01-06T03:00:00Z");
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw root.error("start", "`" + text + "` is not an instant such as 2025-01-06T03:00:00Z");
    }
  }

  private static Duration positive(WorldNode node, String key, Duration fallback) {
    return node.has(key) ? node.parse(key, Quantities::positiveDuration, "a duration") : fallback;
  }

  /** `250m` or `0.25` cores, as Kubernetes writes CPU. */
  private static double cores(WorldNode node, String key, double fallback) {
    return node.has(key) ? node.parse(key, Quantities::cores, "an amount of CPU") : fallback;
  }

  private static Map<String, ClusterSpec> clusters(WorldNode root) {
    Map<String, ClusterSpec> out = new LinkedHashMap<>();
    WorldNode clusters = root.node("clusters");
    for (String name : clusters.keys()) {
      WorldNode c = clusters.node(name).allowOnly("namespace", "namespaces", "deployments",
          "nodes");
      List<DeploymentSpec> deployments = new ArrayList<>();
      Map<String, WorldNode> seen = new LinkedHashMap<>();
      for (WorldNode d : c.nodes("deployments")) {
        DeploymentSpec spec = deployment(d);
        WorldNode first = seen.putIfAbsent(spec.namespace() + "/" + spec.name(), d);
        if (first != null) {
          throw d.error("name", "a second deployment `" + spec.name() + "` in namespace `"
              + spec.namespace() + "` (the first is `" + first.path() + "`)");
        }
        deployments.add(spec);
      }
      out.put(name, new ClusterSpec(c.string("namespace", "default"), c.stringList("namespaces"),
          deployments, nodes(c)));
    }
    if (!out.containsKey(WorldSpec.DEFAULT_CLUSTER)) {
      out.put(WorldSpec.DEFAULT_CLUSTER, new ClusterSpec("default", List.of(), List.of(),
          List.of()));
    }
    return out;
  }

  /** A cluster's nodes; none: the world gives it nodes that never run out (docs/sandbox.md). */
  private static List<NodeSpec> nodes(WorldNode cluster) {
    List<NodeSpec> out = new ArrayList<>();
    Map<String, WorldNode> seen = new LinkedHashMap<>();
    for (WorldNode n : cluster.nodes("nodes")) {
      n.allowOnly("name", "cpu", "memory", "labels");
      String name = n.string("name");
      WorldNode first = seen.putIfAbsent(name, n);
      if (first != null) {
        throw n.error("name", "a second node `" + name + "` (the first is `" + first.path()
            + "`)");
      }
      double cpu = cores(n, "cpu", 4);
      long memory = n.bytes("memory", 16L << 30);
      if (cpu <= 0 || memory <= 0) {
        throw n.error(cpu <= 0 ? "cpu" : "memory", "a node gives pods more than 0");
      }
      Map<String, String> labels = new LinkedHashMap<>(n.has("labels") ? n.strings("labels")
          : Map.of());
      labels.putIfAbsent("kubernetes.io/hostname", name);
      out.add(new NodeSpec(name, cpu, memory, labels));
    }
    return out;
  }

  /**
   * A deployment's pod labels, refused as the API server refuses them: the rules `k8s.selector`
   * applies to the labels it matches.
   */
  private static Map<String, String> podLabels(WorldNode d) {
    Map<String, String> labels = d.strings("labels");
    WorldNode node = d.node("labels");
    for (Map.Entry<String, String> label : labels.entrySet()) {
      String problem = LabelSyntax.keyProblem(label.getKey());
      if (problem == null) {
        problem = LabelSyntax.valueProblem(label.getValue());
      }
      if (problem != null) {
        throw node.error(label.getKey(), "not a Kubernetes label: " + problem);
      }
    }
    return labels;
  }

  private static DeploymentSpec deployment(WorldNode d) {
    d.allowOnly("name", "namespace", "labels", "replicas", "recovery", "cpu", "cpu_request",
        "memory", "error_rate_when_down", "hpa", "container", "cpu_limit", "memory_request",
        "memory_limit", "response_size");
    String name = d.string("name");
    Map<String, String> labels = d.has("labels") ? podLabels(d) : Map.of("app", name);
    HpaSpec hpa = null;
    if (d.has("hpa")) {
      WorldNode h = d.node("hpa").allowOnly("name", "min", "max", "target_cpu",
          "scale_down_window");
      hpa = new HpaSpec(h.string("name", name),
          h.integer("min", 1, 1, MAX_REPLICAS, "the sandbox runs 1 to " + MAX_REPLICAS + " replicas"),
          h.integer("max", 10, 1, MAX_REPLICAS, "the sandbox runs 1 to " + MAX_REPLICAS + " replicas"),
          h.ratio("target_cpu", 0.8), h.duration("scale_down_window", Duration.ofMinutes(5)));
      if (hpa.min() > hpa.max() || hpa.targetCpu() <= 0) {
        throw d.error("hpa", "needs min <= max and a target_cpu above 0%");
      }
    }
    // 0 is a region's standby: nothing runs until a runbook scales it up
    int replicas = d.integer("replicas", 1, 0, MAX_REPLICAS,
        "a sandbox deployment runs 0 to " + MAX_REPLICAS + " replicas");
    double cpuRequest = cores(d, "cpu_request", 0.5);
    if (cpuRequest <= 0) {
      throw d.error("cpu_request", "must be above 0: the HPA divides by it");
    }
    long memory = d.bytes("memory", 128L << 20);
    // the defaults most charts ship: a request at the use at rest, limits twice the requests
    long memoryRequest = d.bytes("memory_request", memory);
    double cpuLimit = cores(d, "cpu_limit", 2 * cpuRequest);
    long memoryLimit = d.bytes("memory_limit", 2 * memoryRequest);
    if (cpuLimit != 0 && cpuLimit < cpuRequest) {
      throw d.error("cpu_limit", "is below cpu_request, which Kubernetes refuses (0: no limit)");
    }
    if (memoryLimit != 0 && memoryLimit < memoryRequest) {
      throw d.error("memory_limit", "is below memory_request, which Kubernetes refuses (0: no"
          + " limit)");
    }
    ContainerSpec container = new ContainerSpec(d.string("container", name), cpuLimit,
        memoryRequest, memoryLimit, d.bytes("response_size", 16L << 10));
    return new DeploymentSpec(name, d.string("namespace", "default"), labels, replicas,
        d.duration("recovery", Duration.ofSeconds(10)), cores(d, "cpu", 0.1), cpuRequest,
        memory, d.share("error_rate_when_down", 0), hpa, container);
  }

  private static Map<String, SeriesSpec> series(WorldNode root, String errorRate, String p95,
      boolean regions) {
    Map<String, SeriesSpec> out = new LinkedHashMap<>();
    WorldNode series = root.node("series");
    for (String name : series.keys()) {
      WorldNode s = series.node(name).allowOnly("unit", "before", "during", "after", "labels",
          "derive");
      String derive = s.string("derive", null);
      if (derive != null && !ServiceModel.DERIVED.contains(derive)) {
        throw s.error("derive", "`" + derive + "` is not one of "
            + String.join(", ", ServiceModel.DERIVED));
      }
      SeriesUnit unit = unit(s, name.equals(errorRate) ? SeriesUnit.RATIO
          : name.equals(p95) || name.equals(World.PG_LAG_SERIES)
              || name.equals(World.PG_REPLAYED_SERIES) ? SeriesUnit.SECONDS
          : SeriesUnit.NUMBER);
      double before = s.has("before") ? s.inUnit("before", unit) : 0;
      double during = s.has("during") ? s.inUnit("during", unit) : before;
      double after = s.has("after") ? s.inUnit("after", unit) : before;
      out.put(name, new SeriesSpec(name, unit, before, during, after,
          s.has("labels") ? s.strings("labels") : Map.of(), derive));
    }
    // the SLO series and the replication lag always exist, at 0 unless the file says more
    out.putIfAbsent(errorRate, new SeriesSpec(errorRate, SeriesUnit.RATIO, 0, 0, 0, Map.of(), null));
    out.putIfAbsent(p95, new SeriesSpec(p95, SeriesUnit.SECONDS, 0, 0, 0, Map.of(), null));
    out.putIfAbsent(World.PG_LAG_SERIES,
        new SeriesSpec(World.PG_LAG_SERIES, SeriesUnit.SECONDS, 0, 0, 0, Map.of(), null));
    if (regions) {
      // the instant of the last write the standby region's database replayed, as unix seconds
      out.putIfAbsent(World.PG_REPLAYED_SERIES,
          new SeriesSpec(World.PG_REPLAYED_SERIES, SeriesUnit.SECONDS, 0, 0, 0, Map.of(), null));
    }
    return out;
  }

  private static SeriesUnit unit(WorldNode s, SeriesUnit fallback) {
    String text = s.string("unit", fallback.name().toLowerCase(Locale.ROOT));
    try {
      return SeriesUnit.valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw s.error("unit", "`" + text + "` is not one of ratio, seconds, number");
    }
  }

  private static Map<String, ChaosSpec> chaos(WorldNode root, Map<String, SeriesSpec> series,
      String errorRate, String p95) {
    Map<String, ChaosSpec> out = new LinkedHashMap<>();
    WorldNode chaos = root.node("chaos");
    for (String kind : chaos.keys()) {
      WorldNode c = chaos.node(kind).allowOnly("metrics", "cpu", "kill", "target");
      Map<String, Double> metrics = new LinkedHashMap<>();
      WorldNode m = c.node("metrics");
      for (String key : m.keys()) {
        String name = key.equals("error_rate") ? errorRate : key.equals("p95") ? p95 : key;
        SeriesSpec s = series.get(name);
        if (s == null) {
          throw m.error(key, "no series `" + name + "`: name one under `series`, or use"
              + " error_rate or p95");
        }
        metrics.merge(name, m.inUnit(key, s.unit()), Double::sum);
      }
      out.put(Kinds.normalise(kind), new ChaosSpec(Kinds.normalise(kind), metrics,
          cores(c, "cpu", 0), c.share("kill", 0), c.string("target", "")));
    }
    return out;
  }

  private static List<AlertSpec> alerts(WorldNode root, Map<String, SeriesSpec> series) {
    List<AlertSpec> out = new ArrayList<>();
    for (WorldNode a : root.nodes("alerts")) {
      a.allowOnly("name", "severity", "series", "above", "for", "labels");
      String name = a.string("series");
      SeriesSpec s = series.get(name);
      if (s == null) {
        throw a.error("series", "no series `" + name + "` under `series`");
      }
      out.add(new AlertSpec(a.string("name"), a.string("severity", "warning"), name,
          a.inUnit("above", s.unit()), a.duration("for", Duration.ZERO),
          a.has("labels") ? a.strings("labels") : Map.of()));
    }
    return out;
  }

  private static List<EndpointSpec> http(WorldNode root, Map<String, ClusterSpec> clusters,
      TrafficSpec regions) {
    List<EndpointSpec> out = new ArrayList<>();
    for (WorldNode e : root.nodes("http")) {
      e.allowOnly("url", "cluster", "namespace", "deployment", "status", "down_status", "body",
          "latency", "post_status", "post_body", "post_traffic", "post_promote", "post_scale",
          "traffic");
      boolean traffic = e.string("traffic", "false").equals("true");
      if (traffic && (e.has("deployment") || regions.regions().isEmpty())) {
        throw e.error("traffic", "a `traffic: true` endpoint answers for the region the DNS"
            + " record points at: it names no `deployment`, and the world needs `regions`");
      }
      out.add(new EndpointSpec(e.string("url"), e.string("cluster", ""),
          e.string("namespace", ""), e.string("deployment", ""), status(e, "status", 200),
          status(e, "down_status", 503), e.string("body", ""),
          e.duration("latency", Duration.ofMillis(10)), status(e, "post_status", 200),
          e.string("post_body", ""), WorldModelLoader.actions(e, "post_", clusters, regions),
          traffic));
    }
    return out;
  }

  private static int status(WorldNode e, String key, int fallback) {
    return e.integer(key, fallback, 100, 599, "an HTTP status");
  }

  private static Map<String, ProgramSpec> shell(WorldNode root,
      Map<String, ClusterSpec> clusters, TrafficSpec traffic) {
    Map<String, ProgramSpec> out = new LinkedHashMap<>();
    WorldNode shell = root.node("shell");
    for (String cmd : shell.keys()) {
      WorldNode p = shell.node(cmd).allowOnly("exit", "stdout", "stderr", "traffic", "promote",
          "scale");
      WorldSpec.Actions actions = WorldModelLoader.actions(p, "", clusters, traffic);
      out.put(cmd, new ProgramSpec(p.integer("exit", 0, 0, 255, "an exit status"),
          p.string("stdout", ""),
          p.string("stderr", ""), actions));
    }
    return out;
  }

  private static List<FaultSpec> faults(WorldNode root, Map<String, SeriesSpec> series,
      TrafficSpec traffic) {
    List<FaultSpec> out = new ArrayList<>();
    for (WorldNode f : root.nodes("faults")) {
      f.allowOnly("series", "value", "add", "down", "from", "until");
      When from = when(f, "from", "0s");
      When until = f.has("until") ? when(f, "until", null) : null;
      if (f.has("down")) {
        String service = f.string("down");
        boolean region = service.startsWith("region:")
            && traffic.regions().containsKey(service.substring("region:".length()));
        if (!region && !List.of("prometheus", "redis", "redis-master", "postgres")
            .contains(service)) {
          throw f.error("down", "`" + service + "` is not one of prometheus, redis,"
              + " redis-master, postgres" + (traffic.regions().isEmpty() ? ""
              : ", " + String.join(", ", traffic.regions().keySet().stream()
                  .map(r -> "region:" + r).toList())));
        }
        if (f.has("series") || f.has("value") || f.has("add")) {
          throw f.error(null, "a fault is either `down:` or a change of a `series:`");
        }
        out.add(new FaultSpec(null, null, null, service, from, until));
        continue;
      }
      String name = f.string("series");
      SeriesSpec s = series.get(name);
      if (s == null) {
        throw f.error("series", "no series `" + name + "` under `series`");
      }
      if (f.has("value") == f.has("add")) {
        throw f.error(null, "give exactly one of `value:` and `add:`");
      }
      Double value = f.has("value") ? f.inUnit("value", s.unit()) : null;
      Double add = f.has("add") ? f.inUnit("add", s.unit()) : null;
      out.add(new FaultSpec(name, value, add, null, from, until));
    }
    return out;
  }

  private static When when(WorldNode f, String key, String fallback) {
    String text = f.string(key, fallback);
    try {
      return When.parse(text);
    } catch (IllegalArgumentException e) {
      throw f.error(key, "`" + text + "` is not a time such as 20s, t+20s or chaos+20s");
    }
  }
}
