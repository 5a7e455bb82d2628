package dev.chaos.lab;

import dev.chaos.drivers.kube.Kind;
import dev.chaos.drivers.kube.Kinds;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The discovery documents of the lab's Kubernetes API ({@code /api}, {@code /api/v1},
 * {@code /apis}, {@code /apis/GROUP}, {@code /apis/GROUP/VERSION}), which the fabric8 mock
 * server does not serve and kubectl needs to map a kind or short name to a path. The table
 * below is what the lab serves; the CRUD store itself accepts any path.
 */
final class KubeDiscovery {
  /** One resource of a group version, as a discovery document lists it. */
  record Resource(String group, String version, String kind, String plural, boolean namespaced,
      List<String> shortNames, List<String> subresources) {}

  private static final List<String> VERBS =
      List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");

  private static final List<String> CUSTOM_GROUPS =
      List.of(Kinds.CHAOS_MESH, "litmuschaos.io", "argoproj.io");

  /** The resources listed by hand, with their subresources. */
  private static final List<Resource> LISTED = List.of(
      new Resource("", "v1", "Namespace", "namespaces", false, List.of("ns"), List.of("status")),
      new Resource("", "v1", "Node", "nodes", false, List.of("no"), List.of("status")),
      new Resource("", "v1", "Pod", "pods", true, List.of("po"), List.of("status", "log", "eviction")),
      new Resource("", "v1", "Service", "services", true, List.of("svc"), List.of("status")),
      new Resource("", "v1", "Endpoints", "endpoints", true, List.of("ep"), List.of()),
      new Resource("", "v1", "Event", "events", true, List.of("ev"), List.of()),
      new Resource("", "v1", "ConfigMap", "configmaps", true, List.of("cm"), List.of()),
      new Resource("", "v1", "Secret", "secrets", true, List.of(), List.of()),
      new Resource("", "v1", "ServiceAccount", "serviceaccounts", true, List.of("sa"), List.of()),
      new Resource("", "v1", "PersistentVolumeClaim", "persistentvolumeclaims", true, List.of("pvc"), List.of("status")),
      new Resource("apps", "v1", "Deployment", "deployments", true, List.of("deploy"), List.of("status", "scale")),
      new Resource("apps", "v1", "ReplicaSet", "replicasets", true, List.of("rs"), List.of("status", "scale")),
      new Resource("apps", "v1", "StatefulSet", "statefulsets", true, List.of("sts"), List.of("status", "scale")),
      new Resource("apps", "v1", "DaemonSet", "daemonsets", true, List.of("ds"), List.of("status")),
      new Resource("autoscaling", "v2", "HorizontalPodAutoscaler", "horizontalpodautoscalers", true, List.of("hpa"), List.of("status")),
      new Resource("batch", "v1", "Job", "jobs", true, List.of(), List.of("status")),
      new Resource("batch", "v1", "CronJob", "cronjobs", true, List.of("cj"), List.of("status")),
      new Resource("chaos-mesh.org", "v1alpha1", "PodChaos", "podchaos", true, List.of(), List.of("status")),
      new Resource("chaos-mesh.org", "v1alpha1", "NetworkChaos", "networkchaos", true, List.of(), List.of("status")),
      new Resource("chaos-mesh.org", "v1alpha1", "StressChaos", "stresschaos", true, List.of(), List.of("status")),
      new Resource("chaos-mesh.org", "v1alpha1", "IOChaos", "iochaos", true, List.of(), List.of("status")),
      new Resource("litmuschaos.io", "v1alpha1", "ChaosEngine", "chaosengines", true, List.of(), List.of("status")),
      new Resource("argoproj.io", "v1alpha1", "Workflow", "workflows", true, List.of("wf"), List.of()));

  /**
   * What the lab serves: the resources above, then every other kind of the drivers' table
   * ({@link Kinds}): every Chaos Mesh kind, Leases, RBAC, ... A path of any other resource is
   * answered 404, as a real API server answers for a resource it does not serve.
   */
  static final List<Resource> RESOURCES = served();

  private static List<Resource> served() {
    List<Resource> out = new ArrayList<>(LISTED);
    for (Kind k : Kinds.all()) {
      boolean listed = out.stream().anyMatch(r -> r.group().equals(k.group())
          && r.plural().equals(k.plural()));
      if (!listed) {
        out.add(new Resource(k.group(), k.version(), k.kind(), k.plural(), k.namespaced(),
            k.shortNames(), CUSTOM_GROUPS.contains(k.group()) ? List.of("status") : List.of()));
      }
    }
    return List.copyOf(out);
  }

  /**
   * Whether {@code path} (no query) is a path of a served resource, or is no resource path at
   * all (`/api`, `/version`, a group version's own document): the paths the lab passes on to
   * its store.
   */
  static boolean serves(String path) {
    String resource = resourceOf(path);
    return resource == null || METRICS.contains(resource) || RESOURCES.stream()
        .anyMatch(r -> resource.equals(r.group() + "/" + r.version() + "/" + r.plural()));
  }

  /**
   * The metrics API (`kubectl top`, `k8s.usage`), which metrics-server adds to a real cluster:
   * stored like any object, so tests plant the usage figures they read back.
   */
  private static final java.util.Set<String> METRICS =
      java.util.Set.of("metrics.k8s.io/v1beta1/pods", "metrics.k8s.io/v1beta1/nodes");

  /**
   * `GROUP/VERSION/PLURAL` of a resource path (`/apis/apps/v1/namespaces/x/deployments/y`,
   * `/api/v1/nodes`; GROUP is "" for the core API), or null for any other path.
   */
  static String resourceOf(String path) {
    String[] parts = path.split("/");
    int rest;
    String group;
    if (parts.length >= 3 && parts[1].equals("api")) {
      group = "";
      rest = 3;
    } else if (parts.length >= 4 && parts[1].equals("apis")) {
      group = parts[2];
      rest = 4;
    } else {
      return null;
    }
    if (parts.length == rest) {
      return null;
    }
    // namespaces/NS/PLURAL/... names a namespaced resource; namespaces or namespaces/NS itself
    String plural = parts[rest].equals("namespaces") && parts.length > rest + 2
        ? parts[rest + 2] : parts[rest];
    return group + "/" + parts[rest - 1] + "/" + plural;
  }

  private final String serverAddress;

  KubeDiscovery(String serverAddress) {
    this.serverAddress = serverAddress;
  }

  /** The CRUD store's contexts for the custom kinds (Chaos Mesh, Litmus, Argo). */
  static List<CustomResourceDefinitionContext> customResourceContexts() {
    List<CustomResourceDefinitionContext> contexts = new ArrayList<>();
    for (Resource resource : RESOURCES) {
      if (CUSTOM_GROUPS.contains(resource.group())) {
        contexts.add(new CustomResourceDefinitionContext.Builder()
            .withName(resource.plural() + "." + resource.group())
            .withGroup(resource.group())
            .withVersion(resource.version())
            .withKind(resource.kind())
            .withPlural(resource.plural())
            .withScope(resource.namespaced() ? "Namespaced" : "Cluster")
            .withStatusSubresource(false)
            .build());
      }
    }
    return contexts;
  }

  /** The JSON document for a request path (no query), or empty when it is not discovery. */
  Optional<String> document(String path) {
    String trimmed = path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
    if (trimmed.equals("/api")) {
      return Optional.of(json(Map.of("kind", "APIVersions", "versions", List.of("v1"),
          "serverAddressByClientCIDRs", addresses())));
    }
    if (trimmed.equals("/api/v1")) {
      return Optional.of(resourceList("", "v1"));
    }
    if (trimmed.equals("/apis")) {
      List<Object> groups = new ArrayList<>();
      for (String group : groups()) {
        groups.add(group(group));
      }
      return Optional.of(json(Map.of("kind", "APIGroupList", "apiVersion", "v1", "groups", groups)));
    }
    String[] parts = trimmed.split("/");
    if (parts.length == 3 && parts[1].equals("apis") && groups().contains(parts[2])) {
      Map<String, Object> group = new LinkedHashMap<>(group(parts[2]));
      group.put("kind", "APIGroup");
      group.put("apiVersion", "v1");
      return Optional.of(json(group));
    }
    if (parts.length == 4 && parts[1].equals("apis") && version(parts[2]).equals(parts[3])) {
      return Optional.of(resourceList(parts[2], parts[3]));
    }
    return Optional.empty();
  }

  private String resourceList(String group, String version) {
    List<Object> resources = new ArrayList<>();
    for (Resource resource : RESOURCES) {
      if (!resource.group().equals(group)) {
        continue;
      }
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("name", resource.plural());
      entry.put("singularName", resource.kind().toLowerCase(java.util.Locale.ROOT));
      entry.put("namespaced", resource.namespaced());
      entry.put("kind", resource.kind());
      entry.put("verbs", VERBS);
      if (!resource.shortNames().isEmpty()) {
        entry.put("shortNames", resource.shortNames());
      }
      resources.add(entry);
      for (String sub : resource.subresources()) {
        resources.add(Map.of("name", resource.plural() + "/" + sub, "singularName", "",
            "namespaced", resource.namespaced(), "kind", subresourceKind(resource, sub),
            "verbs", sub.equals("log") ? List.of("get") : List.of("get", "patch", "update")));
      }
    }
    return json(Map.of("kind", "APIResourceList", "apiVersion", "v1",
        "groupVersion", group.isEmpty() ? version : group + "/" + version, "resources", resources));
  }

  private static String subresourceKind(Resource resource, String sub) {
    switch (sub) {
      case "scale":
        return "Scale";
      case "eviction":
        return "Eviction";
      case "log":
        return "Pod";
      default:
        return resource.kind();
    }
  }

  private Map<String, Object> group(String name) {
    String groupVersion = name + "/" + version(name);
    Map<String, Object> version = Map.of("groupVersion", groupVersion, "version", version(name));
    Map<String, Object> group = new LinkedHashMap<>();
    group.put("name", name);
    group.put("versions", List.of(version));
    group.put("preferredVersion", version);
    group.put("serverAddressByClientCIDRs", addresses());
    return group;
  }

  private static List<String> groups() {
    List<String> groups = new ArrayList<>();
    for (Resource resource : RESOURCES) {
      if (!resource.group().isEmpty() && !groups.contains(resource.group())) {
        groups.add(resource.group());
      }
    }
    return groups;
  }

  /** Each group is served at one version (the table has no group at two). */
  private static String version(String group) {
    for (Resource resource : RESOURCES) {
      if (resource.group().equals(group)) {
        return resource.version();
      }
    }
    return "";
  }

  private List<Object> addresses() {
    return List.of(Map.of("clientCIDR", "0.0.0.0/0", "serverAddress", serverAddress));
  }

  private static String json(Object document) {
    return Serialization.asJson(document);
  }
}
