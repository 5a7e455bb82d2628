package dev.chaos.drivers.k8s;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Resource kinds as kubectl and the sandbox accept them (singular or plural, any case, a few
 * short names), and where each lives in the API. Every object is reached as a generic
 * resource through a fixed {@link ResourceDefinitionContext}, built-in kinds and Chaos Mesh,
 * Litmus and Argo kinds alike, so no call depends on API discovery (which the lab's API does
 * not serve). A manifest of a kind not listed here is found by discovery on a real cluster.
 */
public final class K8sKinds {
  private K8sKinds() {}

  /** Where a kind lives: group "" is the core API. */
  private record Place(String group, String version, String plural, String kind,
      boolean namespaced) {}

  private static final Map<String, String> ALIASES = Map.ofEntries(
      Map.entry("deployments", "deployment"), Map.entry("deploy", "deployment"),
      Map.entry("statefulsets", "statefulset"), Map.entry("sts", "statefulset"),
      Map.entry("daemonsets", "daemonset"), Map.entry("ds", "daemonset"),
      Map.entry("replicasets", "replicaset"), Map.entry("rs", "replicaset"),
      Map.entry("pods", "pod"), Map.entry("po", "pod"),
      Map.entry("jobs", "job"), Map.entry("cronjobs", "cronjob"),
      Map.entry("services", "service"), Map.entry("svc", "service"),
      Map.entry("configmaps", "configmap"), Map.entry("cm", "configmap"),
      Map.entry("secrets", "secret"), Map.entry("namespaces", "namespace"),
      Map.entry("ns", "namespace"), Map.entry("serviceaccounts", "serviceaccount"),
      Map.entry("sa", "serviceaccount"),
      Map.entry("horizontalpodautoscalers", "horizontalpodautoscaler"),
      Map.entry("hpa", "horizontalpodautoscaler"),
      Map.entry("poddisruptionbudgets", "poddisruptionbudget"),
      Map.entry("pdb", "poddisruptionbudget"),
      Map.entry("chaosengines", "chaosengine"), Map.entry("chaosexperiments", "chaosexperiment"),
      Map.entry("chaosresults", "chaosresult"),
      Map.entry("workflows", "workflow"), Map.entry("wf", "workflow"),
      Map.entry("leases", "lease"), Map.entry("events", "event"), Map.entry("ev", "event"));

  private static final Map<String, Place> PLACES = new LinkedHashMap<>();

  static {
    core("pod", "pods", "Pod", true);
    core("service", "services", "Service", true);
    core("configmap", "configmaps", "ConfigMap", true);
    core("secret", "secrets", "Secret", true);
    core("serviceaccount", "serviceaccounts", "ServiceAccount", true);
    core("event", "events", "Event", true);
    core("namespace", "namespaces", "Namespace", false);
    place("apps", "v1", "deployment", "deployments", "Deployment");
    place("apps", "v1", "statefulset", "statefulsets", "StatefulSet");
    place("apps", "v1", "daemonset", "daemonsets", "DaemonSet");
    place("apps", "v1", "replicaset", "replicasets", "ReplicaSet");
    place("batch", "v1", "job", "jobs", "Job");
    place("batch", "v1", "cronjob", "cronjobs", "CronJob");
    place("autoscaling", "v2", "horizontalpodautoscaler", "horizontalpodautoscalers",
        "HorizontalPodAutoscaler");
    place("policy", "v1", "poddisruptionbudget", "poddisruptionbudgets", "PodDisruptionBudget");
    place("coordination.k8s.io", "v1", "lease", "leases", "Lease");
    // Chaos Mesh: the CRDs' plural is the lower-case kind
    for (String kind : new String[] {"PodChaos", "NetworkChaos", "StressChaos", "IOChaos",
        "TimeChaos", "DNSChaos", "HTTPChaos", "KernelChaos"}) {
      String lower = kind.toLowerCase(Locale.ROOT);
      place("chaos-mesh.org", "v1alpha1", lower, lower, kind);
    }
    place("litmuschaos.io", "v1alpha1", "chaosengine", "chaosengines", "ChaosEngine");
    place("litmuschaos.io", "v1alpha1", "chaosexperiment", "chaosexperiments",
        "ChaosExperiment");
    place("litmuschaos.io", "v1alpha1", "chaosresult", "chaosresults", "ChaosResult");
    place("argoproj.io", "v1alpha1", "workflow", "workflows", "Workflow");
  }

  private static void core(String name, String plural, String kind, boolean namespaced) {
    PLACES.put(name, new Place("", "v1", plural, kind, namespaced));
  }

  private static void place(String group, String version, String name, String plural,
      String kind) {
    PLACES.put(name, new Place(group, version, plural, kind, true));
  }

  /** `Deployments`, `deploy` and `deployment` are all `deployment`; `PodChaos` is `podchaos`. */
  public static String normalise(String kind) {
    String lower = kind.trim().toLowerCase(Locale.ROOT);
    return ALIASES.getOrDefault(lower, lower);
  }

  /** `kind/name` with the kind normalised, as `apply` returns and messages say. */
  public static String ref(String kind, String name) {
    return normalise(kind) + "/" + name;
  }

  /** Whether {@link #operation(KubernetesClient, String, String)} knows the kind by itself. */
  public static boolean known(String kind) {
    return PLACES.containsKey(normalise(kind));
  }

  /** The resource context of a listed kind, at its usual version; null for an unlisted one. */
  public static ResourceDefinitionContext context(String kind) {
    Place place = PLACES.get(normalise(kind));
    return place == null ? null : context(place, place.group(), place.version());
  }

  /**
   * The generic operation on objects of {@code kind}. {@code apiVersion} (from a manifest; null
   * otherwise) overrides the listed version; an unlisted kind needs it and is found by
   * discovery.
   *
   * @throws IllegalArgumentException for an unlisted kind without an apiVersion
   */
  public static MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList,
      Resource<GenericKubernetesResource>> operation(KubernetesClient client, String kind,
      String apiVersion) {
    Place place = PLACES.get(normalise(kind));
    if (place == null) {
      if (apiVersion == null || apiVersion.isEmpty()) {
        throw new IllegalArgumentException("unknown kind `" + kind + "`: give one of "
            + String.join(", ", PLACES.keySet()));
      }
      try {
        return client.genericKubernetesResources(apiVersion, kind);
      } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
        if (e.getCode() > 0) {
          throw e;
        }
        // discovery found nothing: say so in the runbook's terms, not fabric8's
        throw new IllegalArgumentException("the API serves no kind `" + kind + "` in "
            + apiVersion + " (and chaos knows it by no other name)");
      }
    }
    String group = place.group();
    String version = place.version();
    if (apiVersion != null && !apiVersion.isEmpty()) {
      int slash = apiVersion.indexOf('/');
      group = slash < 0 ? "" : apiVersion.substring(0, slash);
      version = apiVersion.substring(slash + 1);
    }
    return client.genericKubernetesResources(context(place, group, version));
  }

  /** Whether objects of a listed kind live in namespaces (unlisted kinds are taken to). */
  public static boolean namespaced(String kind) {
    Place place = PLACES.get(normalise(kind));
    return place == null || place.namespaced();
  }

  private static ResourceDefinitionContext context(Place place, String group, String version) {
    return new ResourceDefinitionContext.Builder().withGroup(group).withVersion(version)
        .withPlural(place.plural()).withKind(place.kind()).withNamespaced(place.namespaced())
        .build();
  }
}
