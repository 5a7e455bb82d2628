package dev.chaos.drivers.sandbox;

import dev.chaos.drivers.ManifestDocuments;
import dev.chaos.drivers.kube.Kinds;
import dev.chaos.drivers.kube.LabelSelector;
import dev.chaos.drivers.sandbox.K8sWorld.Applied;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The objects of one cluster as `kubectl` sees them: deployments and their pods are read from
 * the model ({@link ObjectTrees}); any other object (chaos objects, workflows, config maps) is
 * kept as the tree that was applied, with a uid and creation time. Storing a new chaos object
 * starts it ({@link ClusterChaos}); deleting it stops it.
 */
final class ClusterObjects {
  private final K8sWorld k8s;
  private final ClusterChaos chaos;
  private final Map<ObjectKey, Map<String, Object>> objects = new LinkedHashMap<>();
  /** Objects created so far: the last uid given. */
  private long uids;

  ClusterObjects(K8sWorld k8s, ClusterChaos chaos) {
    this.k8s = k8s;
    this.chaos = chaos;
  }

  /** Creates or updates the objects of a manifest, as `kubectl apply`; see {@link Applied}. */
  List<Applied> apply(String manifest, String namespace) {
    World world = k8s.world();
    List<ManifestDocuments.Doc> docs = Manifest.parse(manifest);
    // refused before anything is stored, so that an apply is all or nothing
    for (ManifestDocuments.Doc doc : docs) {
      refuseDeployment(Kinds.normalise(doc.kind()), doc.name());
      ChaosRun.check(world, ClusterChaos.injections(doc, doc.namespace().isEmpty()
          ? k8s.resolve(namespace) : doc.namespace()));
    }
    return world.write(now -> {
      List<Applied> applied = new ArrayList<>();
      for (ManifestDocuments.Doc doc : docs) {
        String ns = !doc.namespace().isEmpty() ? doc.namespace() : k8s.resolve(namespace);
        String name = doc.name().isEmpty() ? doc.generateName() + world.randomSuffix()
            : doc.name();
        // the manifest's group too: a Chaos Mesh Workflow is not an Argo one
        applied.add(put(Kinds.normalise(doc.kind(), doc.apiVersion()), ns, name, doc.tree(),
            now, null));
      }
      return applied;
    });
  }

  /** Undoes one object of an `apply`: deletes it if it was created, else restores it. */
  void revert(Applied applied) {
    k8s.world().write(now -> {
      ObjectKey key = new ObjectKey(applied.kind(), applied.namespace(), applied.name());
      if (applied.previous() == null) {
        // exactly the object created: one recreated under its name (another uid) is not ours
        Map<String, Object> current = objects.get(key);
        if (current != null && applied.uid().equals(ManifestDocuments.text(
            ManifestDocuments.at(current, "metadata", "uid")))) {
          deleteObject(key, now);
        }
      } else {
        objects.put(key, applied.previous());
      }
      return null;
    });
  }

  /** Deletes one object; false when there was none (no error, as the signature table says). */
  boolean delete(String kind, String name, String namespace) {
    return k8s.world().write(now -> deleteObject(key(kind, namespace, name), now));
  }

  int deleteAll(String kind, String namespace, String labels) {
    return k8s.world().write(now -> {
      List<ObjectKey> keys = keys(Kinds.normalise(kind), k8s.resolve(namespace), labels, now);
      keys.forEach(k -> deleteObject(k, now));
      return keys.size();
    });
  }

  /** The object as a Json tree; a missing object is an error, as with kubectl. */
  Map<String, Object> get(String kind, String name, String namespace) {
    return k8s.world().read(now -> {
      ObjectKey key = key(kind, namespace, name);
      Map<String, Object> tree = tree(key, now);
      if (tree == null) {
        throw k8s.notFound(key);
      }
      return tree;
    });
  }

  boolean exists(String kind, String name, String namespace) {
    return k8s.world().read(now -> tree(key(kind, namespace, name), now) != null);
  }

  /** The names of the objects {@link #deleteAll} would delete, in the order it finds them. */
  List<String> names(String kind, String namespace, String labels) {
    return k8s.world().read(now -> keys(Kinds.normalise(kind), k8s.resolve(namespace), labels,
        now).stream().map(ObjectKey::name).toList());
  }

  int count(String kind, String namespace, String labels) {
    return k8s.world().read(now -> keys(Kinds.normalise(kind), k8s.resolve(namespace), labels,
        now).size());
  }

  /**
   * Merges a JSON merge patch into an object and returns the object as it was, for the
   * automatic inverse ({@link #restore}). A deployment takes `spec.replicas` only.
   */
  Map<String, Object> patch(String kind, String name, Map<String, Object> patch,
      String namespace) {
    return k8s.world().write(now -> {
      ObjectKey key = key(kind, namespace, name);
      Map<String, Object> previous = tree(key, now);
      if (previous == null) {
        throw k8s.notFound(key);
      }
      Deployment deployment = k8s.deploymentAt(key);
      if (deployment != null) {
        Object replicas = ManifestDocuments.at(patch, "spec", "replicas");
        if (!(replicas instanceof Number n) || patch.size() != 1
            || ManifestDocuments.map(patch.get("spec")).size() != 1) {
          throw new SandboxException("the sandbox patches only `spec.replicas` of a deployment");
        }
        deployment.scale(n.intValue(), now);
      } else {
        objects.put(key, MergePatch.apply(previous, patch));
      }
      return previous;
    });
  }

  /** Puts back an object as {@link #patch} returned it. */
  void restore(String kind, String name, Map<String, Object> previous, String namespace) {
    k8s.world().write(now -> {
      ObjectKey key = key(kind, namespace, name);
      Deployment deployment = k8s.deploymentAt(key);
      if (deployment != null) {
        Object replicas = ManifestDocuments.at(previous, "spec", "replicas");
        deployment.scale(((Number) replicas).intValue(), now);
      } else {
        objects.put(key, previous);
      }
      return null;
    });
  }

  /** Adds or replaces an object; kinds listed under `chaos` start acting. */
  Applied put(String kind, String namespace, String name, Map<String, Object> tree, Instant now,
      Duration runFor) {
    ObjectKey key = new ObjectKey(Kinds.normalise(kind), namespace, name);
    refuseDeployment(key.kind(), name);
    Map<String, Object> previous = objects.get(key);
    String created = previous == null ? now.toString()
        : ManifestDocuments.text(ManifestDocuments.at(previous, "metadata", "creationTimestamp"));
    // a counter, not the world's random numbers: a uid must not change what the seed picks
    String uid = previous == null ? "sandbox" + k8s.cluster() + "-uid-" + (++uids)
        : ManifestDocuments.text(ManifestDocuments.at(previous, "metadata", "uid"));
    Map<String, Object> stored = Manifest.withMetadata(tree, name, namespace, created);
    ManifestDocuments.map(stored.get("metadata")).put("uid", uid);
    objects.put(key, stored);
    if (previous == null) {
      chaos.created(key, tree, now, runFor);
    }
    return new Applied(key.kind() + "/" + name, key.kind(), namespace, name, previous, uid);
  }

  /** The tree of an object kept as applied; null when there is none. */
  Map<String, Object> object(String kind, String namespace, String name) {
    return objects.get(new ObjectKey(Kinds.normalise(kind), namespace, name));
  }

  private ObjectKey key(String kind, String namespace, String name) {
    return new ObjectKey(Kinds.normalise(kind), k8s.resolve(namespace), name);
  }

  private static void refuseDeployment(String kind, String name) {
    if (kind.equals("deployment")) {
      throw new SandboxException("the sandbox does not apply deployments: describe `" + name
          + "` in the world file instead");
    }
  }

  private boolean deleteObject(ObjectKey key, Instant now) {
    if (key.kind().equals("pod")) {
      for (Deployment d : k8s.deployments()) {
        if (d.namespace().equals(key.namespace())
            && d.podsAt(now).stream().anyMatch(p -> p.name.equals(key.name()))) {
          d.killNamed(key.name(), now);
          k8s.world().chaosStarted(now);
          return true;
        }
      }
      return false;
    }
    if (key.kind().equals("deployment")) {
      throw new SandboxException("the sandbox does not delete deployments; scale `" + key.name()
          + "` to 0 instead");
    }
    if (objects.remove(key) == null) {
      return false;
    }
    chaos.deleted(key, now);
    return true;
  }

  /** The objects of a kind in a namespace whose labels match; pods and deployments included. */
  private List<ObjectKey> keys(String kind, String namespace, String labels, Instant now) {
    LabelSelector selector = LabelSelector.parse(labels == null ? "" : labels);
    List<ObjectKey> out = new ArrayList<>();
    for (Deployment d : k8s.deployments()) {
      if (!d.namespace().equals(namespace) || !selector.matches(d.spec.labels())) {
        continue;
      }
      if (kind.equals("deployment")) {
        out.add(new ObjectKey(kind, namespace, d.name()));
      } else if (kind.equals("pod")) {
        d.podsAt(now).forEach(p -> out.add(new ObjectKey(kind, namespace, p.name)));
      }
    }
    objects.forEach((key, tree) -> {
      if (key.kind().equals(kind) && key.namespace().equals(namespace)
          && selector.matches(ObjectTrees.labels(tree))) {
        out.add(key);
      }
    });
    return out;
  }

  private Map<String, Object> tree(ObjectKey key, Instant now) {
    if (key.kind().equals("deployment")) {
      Deployment d = k8s.deploymentAt(key);
      return d == null ? null : ObjectTrees.deployment(d, now);
    }
    if (key.kind().equals("pod")) {
      for (Deployment d : k8s.deployments()) {
        for (Deployment.Pod p : d.podsAt(now)) {
          if (d.namespace().equals(key.namespace()) && p.name.equals(key.name())) {
            return ObjectTrees.pod(d, p, now);
          }
        }
      }
      return null;
    }
    return objects.get(key);
  }
}
