package dev.chaos.drivers.k8s;

import static dev.chaos.drivers.ManifestDocuments.map;
import static dev.chaos.drivers.ManifestDocuments.text;

import dev.chaos.drivers.kube.Kind;
import dev.chaos.drivers.kube.Kinds;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An object chaos created, by everything that tells it from any other: apiVersion (group and
 * version), kind, namespace ("" for a cluster-scoped kind), name and the uid the API server gave
 * it. Its inverse ({@link #delete}) removes exactly that object, whatever its kind, and is what
 * `k8s.apply`'s automatic inverse runs; a journal that keeps these five values is enough to
 * rebuild it after a crash.
 */
public record CreatedObject(String apiVersion, String kind, String namespace, String name,
    String uid) {
  /** How long {@link #delete} waits for finalizers unless told otherwise. */
  public static final Duration FINALIZER_WAIT = Duration.ofSeconds(60);

  /** What {@link #delete} found and did. */
  public enum Outcome {
    /** It was there and is gone now. */
    DELETED,
    /** It was no longer there: someone or something removed it before. */
    ALREADY_GONE,
    /** Another object has the name now (another uid): that one is not ours and was kept. */
    REPLACED
  }

  /** Why an inverse could not make sure the object is gone; the message names it. */
  public static final class Remains extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Remains(String message) {
      super(message);
    }
  }

  public CreatedObject {
    namespace = namespace == null ? "" : namespace;
    uid = uid == null ? "" : uid;
  }

  /** The identity of {@code created} as the API server returned it from the create. */
  public static CreatedObject of(Map<String, Object> created, String namespace) {
    Map<String, Object> metadata = map(created.get("metadata"));
    String ns = text(metadata.get("namespace"));
    return new CreatedObject(text(created.get("apiVersion")), text(created.get("kind")),
        ns.isEmpty() ? namespace : ns, text(metadata.get("name")), text(metadata.get("uid")));
  }

  /** `podchaos/x`, or `workflow.chaos-mesh.org/x` where the bare kind names another group's. */
  public String ref() {
    return Kinds.ref(kind, apiVersion, name);
  }

  /** `podchaos/x in namespace ns`, as undo messages name it. */
  public String describe() {
    return ref() + (namespace.isEmpty() ? "" : " in namespace " + namespace);
  }

  /** The five values, for a journal. */
  public Map<String, Object> toMap() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("apiVersion", apiVersion);
    out.put("kind", kind);
    out.put("namespace", namespace);
    out.put("name", name);
    out.put("uid", uid);
    return out;
  }

  /**
   * Deletes exactly {@code object} and waits until it is gone, at most {@code wait} (Chaos Mesh
   * objects carry finalizers, so a delete only starts their removal). The delete carries a uid
   * precondition, and an object of the same name with another uid is left alone.
   *
   * @throws Remains when the API does not serve the object's resource, or the object is still
   *     there after {@code wait}
   * @throws InterruptedException when the waiting thread is interrupted
   */
  public static Outcome delete(KubernetesClient client, CreatedObject object, Duration wait)
      throws InterruptedException {
    String path = object.path(client);
    Map<String, Object> current = object.read(client, path);
    if (current == null) {
      return Outcome.ALREADY_GONE;
    }
    if (!object.isSameAs(current)) {
      return Outcome.REPLACED;
    }
    if (text(map(current.get("metadata")).get("deletionTimestamp")).isEmpty()) {
      try {
        client.raw(path, "DELETE", object.deleteOptions());
      } catch (KubernetesClientException e) {
        if (e.getCode() != 404 && e.getCode() != 409) {
          throw e;
        }
        // 404: gone meanwhile; 409: the uid precondition failed, another object has the name
      }
    }
    Instant giveUp = Instant.now().plus(wait);
    Outcome outcome = Outcome.DELETED;
    while (true) {
      Map<String, Object> left = object.read(client, path);
      if (left == null) {
        return outcome;
      }
      if (!object.isSameAs(left)) {
        return Outcome.REPLACED;
      }
      if (!Instant.now().isBefore(giveUp)) {
        List<?> finalizers = left.get("metadata") instanceof Map<?, ?> m
            && m.get("finalizers") instanceof List<?> f ? f : List.of();
        throw new Remains(object.describe() + " is still there " + wait.toSeconds()
            + "s after its delete" + (finalizers.isEmpty() ? ""
            : " (finalizers " + finalizers + " not yet removed)"));
      }
      // a finalizer takes its time (Chaos Mesh recovers the pods first): look again shortly
      Thread.sleep(250);
    }
  }

  /**
   * How long an undo due by {@code deadline} may wait for finalizers: what is left of it, at
   * most {@link #FINALIZER_WAIT} (all of that when the deadline has passed).
   */
  public static Duration waitWithin(Instant deadline) {
    Duration left = Duration.between(Instant.now(), deadline);
    return left.compareTo(FINALIZER_WAIT) < 0 && !left.isNegative() ? left : FINALIZER_WAIT;
  }

  /** Whether {@code found} is this object: the same uid, or any when the uid is unknown. */
  private boolean isSameAs(Map<String, Object> found) {
    String foundUid = text(map(found.get("metadata")).get("uid"));
    return uid.isEmpty() || foundUid.isEmpty() || uid.equals(foundUid);
  }

  private Map<String, Object> deleteOptions() {
    Map<String, Object> options = new LinkedHashMap<>();
    options.put("apiVersion", "v1");
    options.put("kind", "DeleteOptions");
    options.put("propagationPolicy", "Background");
    if (!uid.isEmpty()) {
      options.put("preconditions", Map.of("uid", uid));
    }
    return options;
  }

  /**
   * The object, or null when it is no longer there; a 404 counts as "no longer there" only
   * when the API serves the resource (its collection answers), else the object may remain.
   */
  private Map<String, Object> read(KubernetesClient client, String path) {
    String body;
    try {
      body = client.raw(path, "GET", null);
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        throw e;
      }
      body = null;
    }
    if (body != null) {
      return KubeObjects.parse(client, body);
    }
    String collection = path.substring(0, path.lastIndexOf('/')) + "?limit=1";
    try {
      if (client.raw(collection, "GET", null) != null) {
        return null;
      }
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        throw e;
      }
    }
    throw notServed();
  }

  private Remains notServed() {
    return new Remains("the API does not serve " + apiVersion + " `" + kind + "`, so "
        + describe() + " (uid " + (uid.isEmpty() ? "unknown" : uid) + ") cannot be deleted"
        + " or seen to be gone: it may remain");
  }

  /** The object's URL path, from the kind table or, for a kind it lacks, API discovery. */
  private String path(KubernetesClient client) {
    String plural;
    boolean namespaced;
    Kind listed = Kinds.find(kind, apiVersion).orElse(null);
    if (listed != null) {
      plural = listed.plural();
      namespaced = listed.namespaced();
    } else {
      APIResource discovered = discover(client);
      plural = discovered.getName();
      namespaced = Boolean.TRUE.equals(discovered.getNamespaced());
    }
    String group = Kinds.groupOf(apiVersion);
    String base = group.isEmpty() ? "/api/" + Kinds.versionOf(apiVersion)
        : "/apis/" + group + "/" + Kinds.versionOf(apiVersion);
    return base + (namespaced ? "/namespaces/" + namespace : "") + "/" + plural + "/" + name;
  }

  private APIResource discover(KubernetesClient client) {
    APIResourceList resources;
    try {
      resources = client.getApiResources(apiVersion);
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        throw e;
      }
      resources = null;
    }
    if (resources != null && resources.getResources() != null) {
      for (APIResource r : resources.getResources()) {
        if (kind.equals(r.getKind()) && !r.getName().contains("/")) {
          return r;
        }
      }
    }
    throw notServed();
  }
}
