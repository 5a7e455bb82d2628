package dev.chaos.drivers.k8s;

import dev.chaos.drivers.kube.Kind;
import dev.chaos.drivers.kube.Kinds;
import dev.chaos.drivers.kube.KubeRuleException;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/**
 * Where the kinds of the shared table ({@link Kinds}) live for fabric8: every object is reached
 * as a generic resource through a fixed {@link ResourceDefinitionContext}, built-in kinds and
 * Chaos Mesh, Litmus and Argo kinds alike, so no call depends on API discovery (which the lab's
 * API does not serve). A manifest of a kind not in the table is found by discovery on a real
 * cluster.
 */
public final class K8sKinds {
  private K8sKinds() {}

  /** The resource context of a listed kind, at its usual version; null for an unlisted one. */
  public static ResourceDefinitionContext context(String kind) {
    return Kinds.find(kind).map(k -> context(k, k.group(), k.version())).orElse(null);
  }

  /**
   * The generic operation on objects of {@code kind}. {@code apiVersion} (from a manifest; null
   * otherwise) overrides the listed version; an unlisted kind needs it and is found by
   * discovery.
   *
   * @throws dev.chaos.drivers.kube.KubeRuleException for an unlisted kind without an apiVersion
   */
  public static MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList,
      Resource<GenericKubernetesResource>> operation(KubernetesClient client, String kind,
      String apiVersion) {
    Kind listed = Kinds.find(kind, apiVersion).orElse(null);
    if (listed == null) {
      if (apiVersion == null || apiVersion.isEmpty()) {
        throw new KubeRuleException(Kinds.problem(kind));
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
    // the manifest's version, in the group it names (find kept only a kind of that group)
    String version = apiVersion == null || apiVersion.isBlank() ? listed.version()
        : Kinds.versionOf(apiVersion);
    return client.genericKubernetesResources(context(listed, listed.group(), version));
  }

  /** Whether objects of a listed kind live in namespaces (unlisted kinds are taken to). */
  public static boolean namespaced(String kind) {
    return namespaced(kind, null);
  }

  /** As {@link #namespaced(String)}, for the kind in the group of {@code apiVersion}. */
  public static boolean namespaced(String kind, String apiVersion) {
    return Kinds.find(kind, apiVersion).map(Kind::namespaced).orElse(true);
  }

  private static ResourceDefinitionContext context(Kind kind, String group, String version) {
    return new ResourceDefinitionContext.Builder().withGroup(group).withVersion(version)
        .withPlural(kind.plural()).withKind(kind.kind()).withNamespaced(kind.namespaced())
        .build();
  }
}
