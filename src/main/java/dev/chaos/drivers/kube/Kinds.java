package dev.chaos.drivers.kube;

import dev.chaos.diag.Suggest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The resource kinds chaos knows, for the sandbox, the live driver and the checker alike. A
 * kind is written as kubectl takes it: singular or plural, any case, a short name (`deploy`,
 * `sts`), optionally followed by its group (`podchaos.chaos-mesh.org`). Every kind here is
 * reached live without API discovery (which the lab's API does not serve); a manifest of
 * another kind is still applied live through its `apiVersion`.
 */
public final class Kinds {
  private Kinds() {}

  /** The API group of every Chaos Mesh kind. */
  public static final String CHAOS_MESH = "chaos-mesh.org";

  private static final List<Kind> TABLE = new ArrayList<>();
  /**
   * Every accepted spelling, lower case, to its kinds: one, or several of different groups
   * (`workflow` is Argo's and Chaos Mesh's), the first being what the bare spelling means.
   */
  private static final Map<String, List<Kind>> BY_NAME = new LinkedHashMap<>();

  static {
    core("Pod", "pods", true, "po");
    core("Service", "services", true, "svc");
    core("ConfigMap", "configmaps", true, "cm");
    core("Secret", "secrets", true);
    core("ServiceAccount", "serviceaccounts", true, "sa");
    core("Event", "events", true, "ev");
    core("Endpoints", "endpoints", true, "ep");
    core("PersistentVolumeClaim", "persistentvolumeclaims", true, "pvc");
    core("ResourceQuota", "resourcequotas", true, "quota");
    core("LimitRange", "limitranges", true, "limits");
    core("Namespace", "namespaces", false, "ns");
    core("Node", "nodes", false, "no");
    core("PersistentVolume", "persistentvolumes", false, "pv");
    add("apps", "v1", "Deployment", "deployments", true, "deploy");
    add("apps", "v1", "StatefulSet", "statefulsets", true, "sts");
    add("apps", "v1", "DaemonSet", "daemonsets", true, "ds");
    add("apps", "v1", "ReplicaSet", "replicasets", true, "rs");
    add("batch", "v1", "Job", "jobs", true);
    add("batch", "v1", "CronJob", "cronjobs", true, "cj");
    add("autoscaling", "v2", "HorizontalPodAutoscaler", "horizontalpodautoscalers", true,
        "hpa");
    add("policy", "v1", "PodDisruptionBudget", "poddisruptionbudgets", true, "pdb");
    add("coordination.k8s.io", "v1", "Lease", "leases", true);
    add("networking.k8s.io", "v1", "Ingress", "ingresses", true, "ing");
    add("networking.k8s.io", "v1", "NetworkPolicy", "networkpolicies", true, "netpol");
    add("rbac.authorization.k8s.io", "v1", "Role", "roles", true);
    add("rbac.authorization.k8s.io", "v1", "RoleBinding", "rolebindings", true);
    add("rbac.authorization.k8s.io", "v1", "ClusterRole", "clusterroles", false);
    add("rbac.authorization.k8s.io", "v1", "ClusterRoleBinding", "clusterrolebindings", false);
    add("storage.k8s.io", "v1", "StorageClass", "storageclasses", false, "sc");
    add("apiextensions.k8s.io", "v1", "CustomResourceDefinition", "customresourcedefinitions",
        false, "crd", "crds");
    add("litmuschaos.io", "v1alpha1", "ChaosEngine", "chaosengines", true);
    add("litmuschaos.io", "v1alpha1", "ChaosExperiment", "chaosexperiments", true);
    add("litmuschaos.io", "v1alpha1", "ChaosResult", "chaosresults", true);
    add("argoproj.io", "v1alpha1", "Workflow", "workflows", true, "wf");
    add("argoproj.io", "v1alpha1", "WorkflowTemplate", "workflowtemplates", true, "wftmpl");
    add("argoproj.io", "v1alpha1", "CronWorkflow", "cronworkflows", true, "cwf");
    // Chaos Mesh, as its CRDs (config/crd/bases) declare them: all at v1alpha1, namespaced but
    // RemoteCluster. Its Workflow (and `wf`) comes after Argo's, so a bare `workflow` stays
    // Argo's; `workflow.chaos-mesh.org` or a manifest's apiVersion names this one.
    for (String kind : new String[] {"PodChaos", "NetworkChaos", "StressChaos", "IOChaos",
        "HTTPChaos", "TimeChaos", "DNSChaos", "JVMChaos", "KernelChaos", "BlockChaos",
        "PhysicalMachineChaos", "AWSChaos", "GCPChaos", "AzureChaos", "PodHttpChaos",
        "PodIOChaos", "PodNetworkChaos"}) {
      add(CHAOS_MESH, "v1alpha1", kind, kind.toLowerCase(Locale.ROOT), true);
    }
    add(CHAOS_MESH, "v1alpha1", "PhysicalMachine", "physicalmachines", true);
    add(CHAOS_MESH, "v1alpha1", "Schedule", "schedules", true);
    add(CHAOS_MESH, "v1alpha1", "Workflow", "workflows", true, "wf");
    add(CHAOS_MESH, "v1alpha1", "WorkflowNode", "workflownodes", true, "wfn");
    add(CHAOS_MESH, "v1alpha1", "StatusCheck", "statuschecks", true);
    add(CHAOS_MESH, "v1alpha1", "RemoteCluster", "remoteclusters", false);
  }

  private static void core(String kind, String plural, boolean namespaced, String... shortNames) {
    add("", "v1", kind, plural, namespaced, shortNames);
  }

  private static void add(String group, String version, String kind, String plural,
      boolean namespaced, String... shortNames) {
    Kind k = new Kind(kind, plural, List.of(shortNames), group, version, namespaced);
    TABLE.add(k);
    for (String spelling : spellings(k)) {
      List<Kind> named = BY_NAME.computeIfAbsent(spelling, s -> new ArrayList<>());
      if (named.stream().anyMatch(other -> other.group().equals(group) && other != k)) {
        throw new IllegalStateException("`" + spelling + "` names two kinds of group `" + group
            + "`");
      }
      if (!named.contains(k)) {
        named.add(k);
      }
    }
  }

  private static List<String> spellings(Kind k) {
    List<String> out = new ArrayList<>(List.of(k.name(), k.plural()));
    out.addAll(k.shortNames());
    return out;
  }

  /** Every kind chaos knows, in the order of the table. */
  public static List<Kind> all() {
    return List.copyOf(TABLE);
  }

  /**
   * The kind {@code written} names, if chaos knows it. A spelling two groups share means the
   * first kind of the table (`workflow` is Argo's); `workflow.chaos-mesh.org` names the other.
   */
  public static Optional<Kind> find(String written) {
    return find(written, null);
  }

  /**
   * The kind {@code written} names in the group of {@code apiVersion} (a manifest's:
   * `chaos-mesh.org/v1alpha1`, `v1` for the core API), or as {@link #find(String)} when
   * {@code apiVersion} is null or empty. A kind chaos knows only in another group is not it:
   * the chaos-mesh.org Workflow is never taken for Argo's.
   */
  public static Optional<Kind> find(String written, String apiVersion) {
    String lower = written == null ? "" : written.trim().toLowerCase(Locale.ROOT);
    String group = null;
    List<Kind> named = BY_NAME.get(lower);
    int dot = lower.indexOf('.');
    if (named == null && dot > 0) {
      // `podchaos.chaos-mesh.org`, `deployments.apps`: a spelling then its group
      named = BY_NAME.get(lower.substring(0, dot));
      group = lower.substring(dot + 1);
    }
    if (apiVersion != null && !apiVersion.isBlank()) {
      String fromVersion = groupOf(apiVersion);
      if (group != null && !group.equals(fromVersion)) {
        return Optional.empty();
      }
      group = fromVersion;
    }
    if (named == null) {
      return Optional.empty();
    }
    if (group == null) {
      return Optional.of(named.get(0));
    }
    String wanted = group;
    return named.stream().filter(k -> k.group().equals(wanted)).findFirst();
  }

  /** The group of an apiVersion: `apps` of `apps/v1`, "" (the core API) of `v1`. */
  public static String groupOf(String apiVersion) {
    String trimmed = apiVersion.trim();
    int slash = trimmed.indexOf('/');
    return slash < 0 ? "" : trimmed.substring(0, slash).toLowerCase(Locale.ROOT);
  }

  /** The version of an apiVersion: `v1` of `apps/v1` and of `v1`. */
  public static String versionOf(String apiVersion) {
    String trimmed = apiVersion.trim();
    return trimmed.substring(trimmed.indexOf('/') + 1);
  }

  /**
   * The kind {@code written} names.
   *
   * @throws KubeRuleException "unknown kind …", with a "did you mean" when one is close
   */
  public static Kind require(String written) {
    return find(written).orElseThrow(() -> new KubeRuleException(unknown(written)));
  }

  /** Why {@code written} is no kind chaos knows, or null when it is one. */
  public static String problem(String written) {
    return find(written).isPresent() ? null : unknown(written);
  }

  private static String unknown(String written) {
    String lower = written == null ? "" : written.trim().toLowerCase(Locale.ROOT);
    Optional<String> close = Suggest.closest(lower, BY_NAME.keySet());
    return "unknown kind `" + written + "`" + close.map(s -> ": did you mean `"
        + find(s).map(Kind::name).orElse(s) + "`?").orElse(
        ": give a kind such as deployment, pod, configmap or podchaos (singular, plural or"
            + " short name)");
  }

  /**
   * The name chaos uses for {@code written}: `Deployments`, `deploy` and `deployment` are all
   * `deployment`; a kind it does not know (a manifest's custom resource) is lower-cased; a kind
   * whose bare name means another group's keeps its group (`workflow.chaos-mesh.org`).
   */
  public static String normalise(String written) {
    return normalise(written, null);
  }

  /** `kind/name` with the kind normalised, as `apply` returns and messages say. */
  public static String ref(String kind, String name) {
    return normalise(kind) + "/" + name;
  }

  /**
   * The name chaos uses for {@code written} in the group of {@code apiVersion}: as {@link
   * #normalise(String)}, but followed by the group when the bare name means another kind, as
   * kubectl says it: `workflow.chaos-mesh.org` for a Chaos Mesh Workflow, `workflow` for Argo's.
   */
  public static String normalise(String written, String apiVersion) {
    Optional<Kind> kind = find(written, apiVersion);
    if (kind.isEmpty()) {
      return written.trim().toLowerCase(Locale.ROOT);
    }
    Kind k = kind.get();
    return find(k.name()).filter(k::equals).isPresent() ? k.name() : k.name() + "." + k.group();
  }

  /** `kind/name` as {@link #normalise(String, String)} names the kind. */
  public static String ref(String kind, String apiVersion, String name) {
    return normalise(kind, apiVersion) + "/" + name;
  }
}
