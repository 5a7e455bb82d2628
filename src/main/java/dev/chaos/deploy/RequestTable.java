package dev.chaos.deploy;

import dev.chaos.check.CallSites;
import dev.chaos.drivers.ManifestDocuments;
import dev.chaos.drivers.kube.ChaosManifests;
import dev.chaos.drivers.kube.ChaosSelection;
import dev.chaos.drivers.kube.Kind;
import dev.chaos.drivers.kube.Kinds;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Kubernetes requests each `k8s` and `argo` function makes, one row per function, read
 * from the live bindings (drivers/k8s and drivers/argo): what the call itself sends, what its
 * undo sends and what judging its blast radius reads. A change to a binding's requests changes
 * its row here; {@code RequestTableTest} fails for a function without one.
 *
 * <ul>
 *   <li>Reads of one object go through GET (`KubeObjects.get`), lists through LIST with the
 *       label selector's equalities (`KubeObjects.list`).
 *   <li>Changes are JSON merge patches (`KubeObjects.mergePatch`); an inverse that removes
 *       fields reads and UPDATEs (`mergeAndUpdate`, `restore`), since the lab's API stores a
 *       merge patch's nulls.
 *   <li>`apply` GETs each named object, CREATEs the missing ones and PATCHes the others; its
 *       undo DELETEs what it created, reading it back (GET, and a LIST of one item when the GET
 *       says 404, to tell "gone" from "not served") and UPDATEs or re-CREATEs what it changed.
 *       Chaos objects are judged first by LISTing the pods they select (ReplicaSets for
 *       Litmus's `appkind`, nodes for Chaos Mesh's `nodeSelectors`).
 * </ul>
 */
public final class RequestTable {
  private RequestTable() {}

  /** What one call requests. */
  private interface Row {
    List<KubeRequest> requests(Call call);
  }

  private static final Map<String, Row> ROWS = rows();

  private static Map<String, Row> rows() {
    Map<String, Row> t = new LinkedHashMap<>();
    t.put("k8s.selector", c -> List.of()); // names pods; nothing is read until it is used
    t.put("k8s.pods", c -> c.onPods("list"));
    t.put("k8s.kill_pods", c -> c.onPods("list", "delete"));
    t.put("k8s.apply", c -> c.apply());
    t.put("k8s.delete", c -> c.onKind("get", "delete"));
    t.put("k8s.delete_all", c -> c.onKind("list", "delete"));
    t.put("k8s.get", c -> c.onKind("get"));
    t.put("k8s.exists", c -> c.onKind("get"));
    t.put("k8s.count", c -> c.onKind("list"));
    t.put("k8s.patch", c -> c.onKind("get", "patch", "update"));
    t.put("k8s.scale", c -> c.onKind("get", "patch"));
    t.put("k8s.rollout_restart", c -> c.onKind("get", "patch"));
    t.put("k8s.rollout_complete", c -> c.onKind("get"));
    t.put("k8s.hpa", c -> c.on(Kinds.require("horizontalpodautoscaler"), c.namespaces(), "get"));
    t.put("k8s.events", c -> c.events());
    t.put("k8s.usage", c -> c.usage());
    t.put("argo.submit", c -> c.submit());
    t.put("argo.phase", c -> c.onWorkflows("get"));
    t.put("argo.terminate", c -> c.onWorkflows("get", "patch"));
    t.put("argo.terminate_all", c -> c.onWorkflows("list", "patch"));
    return t;
  }

  /** The driver namespaces whose functions talk to the API server. */
  public static final Set<String> DRIVERS = Set.of("k8s", "argo");

  /** The functions of the table, by qualified name. */
  public static Set<String> functions() {
    return ROWS.keySet();
  }

  /**
   * The requests of one call in the environment's cluster; namespaces the call leaves out are
   * {@code defaultNamespace} (in a pod, fabric8's namespace is the pod's).
   *
   * @throws Underived when an argument the requests depend on is computed at run time
   */
  public static List<KubeRequest> requests(CallSites.Site site, String defaultNamespace) {
    String function = site.builtin().qualifiedName();
    if (!DRIVERS.contains(site.builtin().namespace())) {
      return List.of();
    }
    Row row = ROWS.get(function);
    if (row == null) {
      throw new IllegalStateException("no row for " + function + " in RequestTable");
    }
    return row.requests(new Call(site, defaultNamespace));
  }

  /** The named cluster a call goes to; empty for the environment's own cluster. */
  public static String cluster(CallSites.Site site) {
    List<Object> given = site.arguments().get("cluster");
    if (given != null) {
      for (Object v : given) {
        if (v instanceof String s && !s.isEmpty()) {
          return s;
        }
      }
    }
    List<Object> selectors = site.arguments().get("selector");
    if (selectors != null) {
      for (Object v : selectors) {
        if (v instanceof Map<?, ?> m && m.get("cluster") instanceof String s && !s.isEmpty()) {
          return s;
        }
      }
    }
    return "";
  }

  /** One call being read: its arguments' possible values. */
  private static final class Call {
    private final CallSites.Site site;
    private final String defaultNamespace;

    Call(CallSites.Site site, String defaultNamespace) {
      this.site = site;
      this.defaultNamespace = defaultNamespace;
    }

    private Underived unknown(String what) {
      return new Underived(site.where() + ": " + what + " of " + site.builtin().qualifiedName()
          + " is computed at run time, so the requests it makes cannot be known: write it as a"
          + " literal or a `let` of one");
    }

    /** The possible texts of {@code param}; {@code absent} when it is not given. */
    List<String> texts(String param, String absent) {
      List<Object> values = site.arguments().get(param);
      if (values == null) {
        return List.of(absent);
      }
      List<String> out = new ArrayList<>();
      for (Object v : values) {
        if (!(v instanceof String s)) {
          throw unknown("`" + param + "`");
        }
        out.add(s);
      }
      return out;
    }

    /** The namespaces of a call's `namespace:` argument, the default one when it is empty. */
    List<String> namespaces() {
      return texts("namespace", "").stream().map(this::resolve).distinct().toList();
    }

    private String resolve(String namespace) {
      return namespace.isEmpty() ? defaultNamespace : namespace;
    }

    /** The selector argument's namespaces, and whether one selects by labels. */
    private List<Map<?, ?>> selectors() {
      List<Map<?, ?>> out = new ArrayList<>();
      for (Object v : site.arguments().getOrDefault("selector", List.of(CallSites.UNKNOWN))) {
        if (!(v instanceof Map<?, ?> m)) {
          throw unknown("the selector");
        }
        out.add(m);
      }
      return out;
    }

    private List<String> selectorNamespaces() {
      return selectors().stream().map(m -> resolve((String) m.get("namespace"))).distinct()
          .toList();
    }

    List<KubeRequest> onPods(String... verbs) {
      return on(Kinds.require("pod"), selectorNamespaces(), verbs);
    }

    List<KubeRequest> onKind(String... verbs) {
      List<KubeRequest> out = new ArrayList<>();
      for (String written : texts("kind", null)) {
        Kind kind = Kinds.find(written).orElseThrow(() -> new Underived(site.where()
            + ": kind `" + written + "` is not one chaos knows"));
        out.addAll(on(kind, namespaces(), verbs));
      }
      return out;
    }

    List<KubeRequest> onWorkflows(String... verbs) {
      return on(Kinds.require("workflow"), namespaces(), verbs);
    }

    List<KubeRequest> on(Kind kind, List<String> namespaces, String... verbs) {
      List<KubeRequest> out = new ArrayList<>();
      for (String namespace : kind.namespaced() ? namespaces : List.of("")) {
        for (String verb : verbs) {
          out.add(new KubeRequest(verb, kind.group(), kind.plural(), namespace));
        }
      }
      return out;
    }

    /** `events`: the selected pods when it has labels (to match their owners), then events. */
    List<KubeRequest> events() {
      List<KubeRequest> out = new ArrayList<>();
      for (Map<?, ?> s : selectors()) {
        List<String> ns = List.of(resolve((String) s.get("namespace")));
        if (!"".equals(s.get("labels"))) { // labels only the run knows are not empty either
          out.addAll(on(Kinds.require("pod"), ns, "list"));
        }
        out.addAll(on(Kinds.require("event"), ns, "list"));
      }
      return out;
    }

    /** `usage`: the selected pods, then their metrics (metrics.k8s.io PodMetrics). */
    List<KubeRequest> usage() {
      List<KubeRequest> out = new ArrayList<>(onPods("list"));
      for (String ns : selectorNamespaces()) {
        out.add(new KubeRequest("list", "metrics.k8s.io", "pods", ns));
      }
      return out;
    }

    List<KubeRequest> apply() {
      List<KubeRequest> out = new ArrayList<>();
      for (String manifest : manifests()) {
        for (String namespace : namespaces()) {
          for (ManifestDocuments.Doc d : documents(manifest)) {
            String ns = d.namespace().isEmpty() ? namespace : d.namespace();
            known(d);
            out.addAll(on(kindOf(d), List.of(ns), "get", "create", "patch", "update", "delete",
                "list"));
            out.addAll(blast(judged(() -> ChaosManifests.of(d, ns))));
          }
        }
      }
      return out;
    }

    /** `argo.submit`: CREATE; the undo GETs it and PATCHes `spec.shutdown`. */
    List<KubeRequest> submit() {
      List<KubeRequest> out = new ArrayList<>();
      for (String manifest : manifests()) {
        for (String namespace : namespaces()) {
          ManifestDocuments.Doc d = documents(manifest).get(0);
          String ns = d.namespace().isEmpty() ? namespace : d.namespace();
          known(d);
          out.addAll(on(Kinds.require("workflow"), List.of(ns), "create", "get", "patch"));
          out.addAll(blast(judged(() -> ChaosManifests.argoWorkflow(d, ns))));
        }
      }
      return out;
    }

    /**
     * The manifest's possible texts; parts only the run knows (a pod's name) are allowed as
     * long as the kinds, versions and namespaces are not among them ({@link #known}).
     */
    private List<String> manifests() {
      List<String> out = new ArrayList<>();
      for (Object v : site.arguments().getOrDefault("manifest", List.of(CallSites.UNKNOWN))) {
        if (v instanceof String s) {
          out.add(s);
        } else if (v instanceof CallSites.Partial p) {
          out.add(p.text());
        } else {
          throw unknown("`manifest`");
        }
      }
      return out;
    }

    private void known(ManifestDocuments.Doc d) {
      for (String part : List.of(d.kind(), d.apiVersion(), d.namespace())) {
        if (part.contains(CallSites.UNKNOWN_PART)) {
          throw unknown("the kind, apiVersion or namespace of the manifest");
        }
      }
    }

    private List<ManifestDocuments.Doc> documents(String manifest) {
      try {
        return ManifestDocuments.objects(manifest);
      } catch (IllegalArgumentException e) {
        throw new Underived(site.where() + ": " + e.getMessage());
      }
    }

    private Kind kindOf(ManifestDocuments.Doc d) {
      return Kinds.find(d.kind(), d.apiVersion()).orElseThrow(() -> new Underived(site.where()
          + ": kind `" + d.kind() + "` (" + d.apiVersion() + ") is not one chaos knows, so"
          + " its resource name is found only by discovery at run time"));
    }

    private List<ChaosSelection> judged(java.util.function.Supplier<List<ChaosSelection>> read) {
      try {
        return read.get();
      } catch (IllegalArgumentException e) {
        throw new Underived(site.where() + ": " + e.getMessage());
      }
    }

    /** What judging the blast radius of chaos objects reads (`LiveBlast.hold`). */
    private List<KubeRequest> blast(List<ChaosSelection> selections) {
      List<KubeRequest> out = new ArrayList<>();
      for (ChaosSelection s : selections) {
        if (s.selector().namespacesToRead().stream()
            .anyMatch(n -> n.contains(CallSites.UNKNOWN_PART))) {
          throw unknown("the namespaces the manifest selects pods in");
        }
        out.addAll(on(Kinds.require("pod"), s.selector().namespacesToRead(), "list"));
        if (s.selector().needsWorkloads()) {
          out.addAll(on(Kinds.require("replicaset"), s.selector().namespacesToRead(), "list"));
        }
        if (s.selector().needsNodes()) {
          out.addAll(on(Kinds.require("node"), List.of(), "list"));
        }
      }
      return out;
    }
  }
}
