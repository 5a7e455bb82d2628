package dev.chaos.drivers.k8s;

import static dev.chaos.drivers.ManifestDocuments.map;
import static dev.chaos.drivers.ManifestDocuments.text;

import dev.chaos.drivers.kube.LabelSelector;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Objects as plain trees (maps, lists, strings, numbers), the shape `k8s.get` returns and
 * manifests are read into, and the few blocking operations on them that the `k8s` and `argo`
 * functions share. Only create, update (replace) and JSON merge patch are used: the lab's API,
 * the fabric8 mock in CRUD mode, refuses strategic merge and server-side apply.
 */
public final class KubeObjects {
  private KubeObjects() {}

  /** The object as a plain tree. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> tree(KubernetesClient client, Object resource) {
    return client.getKubernetesSerialization().convertValue(resource, Map.class);
  }

  /** A JSON object the API sent as a plain tree. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> parse(KubernetesClient client, String json) {
    return client.getKubernetesSerialization().unmarshal(json, Map.class);
  }

  /** A plain tree as a fabric8 object. */
  public static GenericKubernetesResource resource(KubernetesClient client,
      Map<String, Object> tree) {
    return client.getKubernetesSerialization().convertValue(tree, GenericKubernetesResource.class);
  }

  /** The object, or null when there is none. */
  public static Map<String, Object> get(KubernetesClient client, String kind, String apiVersion,
      String namespace, String name) {
    GenericKubernetesResource found = one(client, kind, apiVersion, namespace, name).get();
    return found == null ? null : tree(client, found);
  }

  /** Every object of a kind in a namespace whose labels {@code labels} selects. */
  public static List<Map<String, Object>> list(KubernetesClient client, String kind,
      String namespace, LabelSelector labels) {
    var op = K8sKinds.operation(client, kind, null);
    var items = (K8sKinds.namespaced(kind) ? op.inNamespace(namespace) : op)
        .withLabels(labels.equalities()).list().getItems();
    List<Map<String, Object>> out = new ArrayList<>();
    for (GenericKubernetesResource item : items) {
      Map<String, Object> tree = tree(client, item);
      if (labels.matches(labelsOf(tree))) {
        out.add(tree);
      }
    }
    return out;
  }

  /** Deletes one object; false when there was none. */
  public static boolean delete(KubernetesClient client, String kind, String namespace,
      String name) {
    return !one(client, kind, null, namespace, name).delete().isEmpty();
  }

  /** Merges {@code patch} into the object (`kubectl patch --type=merge`); returns the result. */
  public static Map<String, Object> mergePatch(KubernetesClient client, String kind,
      String apiVersion, String namespace, String name, Map<String, Object> patch) {
    String json = client.getKubernetesSerialization().asJson(patch);
    return tree(client, one(client, kind, apiVersion, namespace, name)
        .patch(PatchContext.of(PatchType.JSON_MERGE), json));
  }

  /**
   * Merges {@code patch} into the object here and writes the result back (an update guarded
   * by the object's resourceVersion), for an inverse whose patch removes fields: a null in a
   * merge patch removes the field on a real API server, but the lab's mock API stores the null.
   */
  public static void mergeAndUpdate(KubernetesClient client, String kind, String namespace,
      String name, Map<String, Object> patch) {
    Map<String, Object> current = get(client, kind, null, namespace, name);
    if (current == null) {
      return; // deleted meanwhile: nothing left to restore fields of
    }
    Map<String, Object> merged = map(merge(current, patch));
    var op = K8sKinds.operation(client, kind, null);
    (K8sKinds.namespaced(kind) ? op.inNamespace(namespace) : op)
        .resource(resource(client, merged)).update();
  }

  /** RFC 7386 JSON merge patch of plain trees. */
  static Object merge(Object target, Object patch) {
    if (!(patch instanceof Map<?, ?> changes)) {
      return patch;
    }
    Map<String, Object> result = new LinkedHashMap<>(map(target));
    changes.forEach((key, value) -> {
      if (value == null) {
        result.remove(String.valueOf(key));
      } else {
        result.put(String.valueOf(key), merge(result.get(String.valueOf(key)), value));
      }
    });
    return result;
  }

  /** Creates the object; returns it as stored (with its generated name, if any). */
  public static Map<String, Object> create(KubernetesClient client, String kind,
      String apiVersion, String namespace, Map<String, Object> tree) {
    var op = K8sKinds.operation(client, kind, apiVersion);
    GenericKubernetesResource resource = resource(client, tree);
    return tree(client, (K8sKinds.namespaced(kind, apiVersion) ? op.inNamespace(namespace) : op)
        .resource(resource).create());
  }

  /**
   * Puts {@code previous} back in place of the object, replacing whatever it is now (or
   * creating it again when it was deleted meanwhile).
   */
  public static void restore(KubernetesClient client, String kind, String apiVersion,
      String namespace, Map<String, Object> previous) {
    String name = text(map(previous.get("metadata")).get("name"));
    Map<String, Object> current = get(client, kind, apiVersion, namespace, name);
    Map<String, Object> tree = withoutServerFields(previous);
    var op = K8sKinds.operation(client, kind, apiVersion);
    var scoped = K8sKinds.namespaced(kind, apiVersion) ? op.inNamespace(namespace) : op;
    if (current == null) {
      scoped.resource(resource(client, tree)).create();
      return;
    }
    Map<String, Object> metadata = new LinkedHashMap<>(map(tree.get("metadata")));
    metadata.put("resourceVersion", map(current.get("metadata")).get("resourceVersion"));
    tree.put("metadata", metadata);
    scoped.resource(resource(client, tree)).update();
  }

  /**
   * A copy of an object without what the server keeps for itself (resourceVersion,
   * managedFields, status, uid, generation): what a restore writes back.
   */
  public static Map<String, Object> withoutServerFields(Map<String, Object> tree) {
    Map<String, Object> copy = new LinkedHashMap<>(tree);
    copy.remove("status");
    Map<String, Object> metadata = new LinkedHashMap<>(map(tree.get("metadata")));
    for (String field : new String[] {"resourceVersion", "managedFields", "uid", "generation",
        "creationTimestamp", "deletionTimestamp", "selfLink"}) {
      metadata.remove(field);
    }
    copy.put("metadata", metadata);
    return copy;
  }

  private static Resource<GenericKubernetesResource> one(KubernetesClient client, String kind,
      String apiVersion, String namespace, String name) {
    var op = K8sKinds.operation(client, kind, apiVersion);
    return (K8sKinds.namespaced(kind, apiVersion) ? op.inNamespace(namespace) : op)
        .withName(name);
  }

  /** The labels of an object tree. */
  public static Map<String, String> labelsOf(Map<String, Object> tree) {
    Map<String, String> labels = new LinkedHashMap<>();
    map(map(tree.get("metadata")).get("labels")).forEach((k, v) -> labels.put(k, text(v)));
    return labels;
  }
}
