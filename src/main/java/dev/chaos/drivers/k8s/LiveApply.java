package dev.chaos.drivers.k8s;

import dev.chaos.drivers.ManifestDocuments;
import dev.chaos.drivers.kube.Kinds;
import static dev.chaos.drivers.ManifestDocuments.at;
import static dev.chaos.drivers.ManifestDocuments.text;

import dev.chaos.spi.CallContext;
import dev.chaos.spi.Preview;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * `k8s.apply`: creates the objects of a manifest that do not exist and merges the manifest
 * into those that do (a JSON merge patch: neither strategic merge nor server-side apply, which
 * the lab's API refuses). Its automatic inverse is registered before the first write and undoes
 * exactly what was written, in reverse order, even when a later object of the manifest failed:
 * it deletes what was created and puts back the previous version of what was changed. A dry
 * run parses and validates the manifest and reads which objects exist, as the real call does,
 * then stops before the first write.
 */
final class LiveApply {
  private LiveApply() {}

  /**
   * One object written: {@code created} is its identity when it was created, else {@code
   * previous} is what to put back. {@code undone} keeps a retried inverse from undoing it twice.
   * A create whose answer never came (the request cut by a timeout or a lost connection) is
   * kept as its name without a uid, since the server may have carried it out: the inverse
   * deletes it by name; {@code generated} is the generateName of such a create, which no name
   * finds.
   */
  private record Applied(CreatedObject created, String kind, String apiVersion,
      String namespace, Map<String, Object> previous, AtomicBoolean undone, String generated) {}

  /** Applies {@code manifest}; returns the objects as `kind/name`. */
  static List<String> apply(K8sClients clients, K8sClients.Cluster cluster, CallContext context,
      String manifest, String namespace) throws InterruptedException {
    List<ManifestDocuments.Doc> docs = ManifestDocuments.objects(manifest);
    List<String> planned = docs.stream()
        .map(d -> Kinds.ref(d.kind(), d.apiVersion(), d.shownName())).toList();
    List<String> namespaces = docs.stream()
        .map(d -> d.namespace().isEmpty() ? cluster.resolve(namespace) : d.namespace()).toList();
    // the blast radius is held before anything is read or written
    LiveBlast.Held blast = LiveBlast.hold(clients, cluster, context, docs, namespaces);
    List<Map<String, Object>> existing = K8sCall.run(clients, cluster, context, client -> {
      List<Map<String, Object>> found = new ArrayList<>();
      for (int i = 0; i < docs.size(); i++) {
        ManifestDocuments.Doc d = docs.get(i);
        found.add(d.name().isEmpty() ? null
            : KubeObjects.get(client, d.kind(), d.apiVersion(), namespaces.get(i), d.name()));
      }
      return found;
    });
    String undoText = undoDescription(cluster, docs, namespaces, existing);
    List<String> targets = new ArrayList<>();
    for (int i = 0; i < docs.size(); i++) {
      ManifestDocuments.Doc d = docs.get(i);
      targets.add((existing.get(i) == null ? "create " : "change ")
          + Kinds.ref(d.kind(), d.apiVersion(), d.shownName()) + where(cluster, d, namespaces.get(i)));
    }
    if (context.dryRun(blast.onto(Preview.of("apply " + String.join(", ", planned)
        + cluster.suffix()).withTargets(targets).withUndo(undoText)))) {
      return planned;
    }
    List<Applied> applied = new CopyOnWriteArrayList<>();
    ApplyRecipe recipe = new ApplyRecipe(cluster.name(), docs, namespaces, existing);
    InFlight inFlight = new InFlight();
    context.registerUndo(undoText, recipe.recipe(), undo -> {
      inFlight.settle(undo);
      K8sCall.run(clients, cluster, undo, client -> {
        for (int i = applied.size() - 1; i >= 0; i--) {
          Applied a = applied.get(i);
          if (a.undone().get()) {
            continue;
          }
          if (a.generated() != null) {
            throw new IllegalStateException("a " + Kinds.ref(a.kind(), a.apiVersion(),
                a.generated() + "*") + cluster.where(a.namespace()) + " may have been created "
                + "(its create was sent but never answered) under a generated name that no "
                + "answer told: find it with `kubectl get " + Kinds.normalise(a.kind()) + " -n "
                + a.namespace() + "` and delete it");
          }
          if (a.created() != null) {
            deleteCreated(client, undo, a.created());
          } else {
            KubeObjects.restore(client, a.kind(), a.apiVersion(), a.namespace(), a.previous());
          }
          a.undone().set(true);
        }
        return null;
      });
    });
    return K8sCall.mutate(clients, cluster, context, inFlight, client -> {
      List<String> refs = new ArrayList<>();
      for (int i = 0; i < docs.size(); i++) {
        if (inFlight.abandoned()) {
          break; // the run stopped: what was written is undone, nothing more is written
        }
        ManifestDocuments.Doc d = docs.get(i);
        String ns = namespaces.get(i);
        Map<String, Object> before = existing.get(i);
        if (before == null) {
          String objectNs = K8sKinds.namespaced(d.kind(), d.apiVersion()) ? ns : "";
          // kept before the request: if its answer never comes, the inverse deletes by name
          Applied sent = new Applied(d.name().isEmpty() ? null : new CreatedObject(
              createdAt(d, Map.of()), d.kind(), objectNs, d.name(), null), d.kind(),
              d.apiVersion(), ns, null, new AtomicBoolean(),
              d.name().isEmpty() ? d.generateName() : null);
          applied.add(sent);
          Map<String, Object> created;
          try {
            created = KubeObjects.create(client, d.kind(), d.apiVersion(), ns, d.tree());
          } catch (io.fabric8.kubernetes.client.KubernetesClientException refused) {
            if (refused.getCode() > 0) {
              applied.remove(sent); // the server answered that it created nothing
            }
            throw refused;
          }
          String name = text(at(created, "metadata", "name"));
          // the manifest's own apiVersion and kind: the object is undone where it was created
          applied.set(applied.indexOf(sent), new Applied(new CreatedObject(createdAt(d, created),
              d.kind(), objectNs, name, text(at(created, "metadata", "uid"))), d.kind(),
              d.apiVersion(), ns, null, new AtomicBoolean(), null));
          recipe.created(i, created);
          context.updateUndo(recipe.recipe());
          refs.add(Kinds.ref(d.kind(), d.apiVersion(), name));
        } else {
          // recorded first: a patch that fails half way is still put back
          applied.add(new Applied(null, d.kind(), d.apiVersion(), ns,
              KubeObjects.withoutServerFields(before), new AtomicBoolean(), null));
          KubeObjects.mergePatch(client, d.kind(), d.apiVersion(), ns, d.name(), d.tree());
          refs.add(Kinds.ref(d.kind(), d.apiVersion(), d.name()));
        }
      }
      return refs;
    });
  }

  /**
   * Deletes exactly the object that was created and waits until it is gone; says so when it
   * was gone already or another object of its name (not ours) has taken its place.
   */
  private static void deleteCreated(io.fabric8.kubernetes.client.KubernetesClient client,
      CallContext undo, CreatedObject created) throws InterruptedException {
    switch (CreatedObject.delete(client, created, CreatedObject.waitWithin(undo.deadline()))) {
      case ALREADY_GONE -> undo.log("undo: " + created.describe() + " was already gone");
      case REPLACED -> undo.log("undo: " + created.describe() + " is another object now (not"
          + " uid " + created.uid() + ", which is gone): left alone");
      case DELETED -> { }
    }
  }

  /** The apiVersion the object was created at: the manifest's, else what the API says. */
  private static String createdAt(ManifestDocuments.Doc d, Map<String, Object> created) {
    if (!d.apiVersion().isBlank()) {
      return d.apiVersion();
    }
    String answered = text(created.get("apiVersion"));
    return !answered.isBlank() ? answered
        : Kinds.find(d.kind()).map(dev.chaos.drivers.kube.Kind::apiVersion).orElse("");
  }

  /** What the inverse will do, last object first, as the sandbox words it. */
  private static String undoDescription(K8sClients.Cluster cluster, List<ManifestDocuments.Doc> docs,
      List<String> namespaces, List<Map<String, Object>> existing) {
    List<String> parts = new ArrayList<>();
    for (int i = docs.size() - 1; i >= 0; i--) {
      ManifestDocuments.Doc d = docs.get(i);
      String name = d.name().isEmpty() ? d.generateName() + "* (generated name)" : d.name();
      parts.add((existing.get(i) != null ? "restore the previous " : "delete ")
          + Kinds.ref(d.kind(), d.apiVersion(), name) + where(cluster, d, namespaces.get(i)));
    }
    return String.join("; ", parts);
  }

  /** " in namespace ns of cluster c", or only the cluster for a kind without namespaces. */
  private static String where(K8sClients.Cluster cluster, ManifestDocuments.Doc d,
      String namespace) {
    return K8sKinds.namespaced(d.kind(), d.apiVersion()) ? cluster.where(namespace)
        : cluster.suffix();
  }
}
