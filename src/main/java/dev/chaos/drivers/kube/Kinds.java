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

  private static final List<Kind> TABLE = new ArrayList<>();
  /** Every accepted spelling, lower case, to its kind. */
  private static final Map<String, Kind> BY_NAME = new LinkedHashMap<>();

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
    // Chaos Mesh: the CRDs' plural is the lower-case kind
    for (String kind : new String[] {"PodChaos", "NetworkChaos", "StressChaos", "IOChaos",
        "TimeChaos", "DNSChaos", "HTTPChaos", "KernelChaos", "JVMChaos"}) {
      add("chaos-mesh.org", "v1alpha1", kind, kind.toLowerCase(Locale.ROOT), true);
    }
    add("litmuschaos.io", "v1alpha1", "ChaosEngine", "chaosengines", true);
    add("litmuschaos.io", "v1alpha1", "ChaosExperiment", "chaosexperiments", true);
    add("litmuschaos.io", "v1alpha1", "ChaosResult", "chaosresults", true);
    add("argoproj.io", "v1alpha1", "Workflow", "workflows", true, "wf");
    add("argoproj.io", "v1alpha1", "WorkflowTemplate", "workflowtemplates", true, "wftmpl");
    add("argoproj.io", "v1alpha1", "CronWorkflow", "cronworkflows", true, "cwf");
  }

  private static void core(String kind, String plural, boolean namespaced, String... shortNames) {
    add("", "v1", kind, plural, namespaced, shortNames);
  }

  private static void add(String group, String version, String kind, String plural,
      boolean namespaced, String... shortNames) {
    Kind k = new Kind(kind, plural, List.of(shortNames), group, version, namespaced);
    TABLE.add(k);
    for (String spelling : spellings(k)) {
      Kind clash = BY_NAME.put(spelling, k);
      if (clash != null && clash != k) {
        throw new IllegalStateException("`" + spelling + "` names both " + clash.kind()
            + " and " + kind);
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

  /** The kind {@code written} names, if chaos knows it. */
  public static Optional<Kind> find(String written) {
    String lower = written == null ? "" : written.trim().toLowerCase(Locale.ROOT);
    Kind k = BY_NAME.get(lower);
    int dot = lower.indexOf('.');
    if (k == null && dot > 0) {
      // `podchaos.chaos-mesh.org`, `deployments.apps`: a spelling then its group
      Kind named = BY_NAME.get(lower.substring(0, dot));
      if (named != null && named.group().equals(lower.substring(dot + 1))) {
        k = named;
      }
    }
    return Optional.ofNullable(k);
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
   * `deployment`; a kind it does not know (a manifest's custom resource) is lower-cased.
   */
  public static String normalise(String written) {
    return find(written).map(Kind::name)
        .orElseGet(() -> written.trim().toLowerCase(Locale.ROOT));
  }

  /** `kind/name` with the kind normalised, as `apply` returns and messages say. */
  public static String ref(String kind, String name) {
    return normalise(kind) + "/" + name;
  }
}
