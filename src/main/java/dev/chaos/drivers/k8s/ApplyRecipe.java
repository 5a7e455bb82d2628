package dev.chaos.drivers.k8s;

import static dev.chaos.drivers.ManifestDocuments.at;
import static dev.chaos.drivers.ManifestDocuments.text;

import dev.chaos.drivers.ManifestDocuments;
import dev.chaos.drivers.kube.Kinds;
import dev.chaos.spi.UndoRecipe;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The inverse of one `k8s.apply` as values, for `chaos recover`: each object of the manifest in
 * the order applied, with what identifies it exactly (apiVersion, kind, namespace, name and,
 * once the create answered, uid) and, for an object that existed, its previous version. Written
 * before the first write, when the names of objects to be created are known (or only their
 * generateName), and again after each create with its name and uid.
 */
final class ApplyRecipe {
  static final String ACTION = "undo_apply";

  /** One object of the manifest; {@code previous} is null for one the apply creates. */
  record Written(String apiVersion, String kind, String namespace, String name, String uid,
      String generateName, Map<String, Object> previous) {}

  private final String cluster;
  private final List<Written> objects = new ArrayList<>();

  /** Every object of the manifest, as the apply will write it. */
  ApplyRecipe(String cluster, List<ManifestDocuments.Doc> docs, List<String> namespaces,
      List<Map<String, Object>> existing) {
    this.cluster = cluster;
    for (int i = 0; i < docs.size(); i++) {
      ManifestDocuments.Doc d = docs.get(i);
      Map<String, Object> before = existing.get(i);
      objects.add(new Written(d.apiVersion(), d.kind(), namespaces.get(i),
          d.name().isEmpty() ? null : d.name(), null,
          d.generateName().isEmpty() ? null : d.generateName(),
          before == null ? null : previous(d.kind(), KubeObjects.withoutServerFields(before))));
    }
  }

  /** The object {@code index} was created as {@code created}: its name and uid are known. */
  synchronized void created(int index, Map<String, Object> created) {
    Written w = objects.get(index);
    objects.set(index, new Written(w.apiVersion(), w.kind(), w.namespace(),
        text(at(created, "metadata", "name")), text(at(created, "metadata", "uid")),
        w.generateName(), null));
  }

  synchronized UndoRecipe recipe() {
    List<Object> list = new ArrayList<>();
    for (Written w : objects) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("apiVersion", w.apiVersion());
      o.put("kind", w.kind());
      o.put("namespace", w.namespace());
      o.put("name", w.name());
      o.put("uid", w.uid() == null || w.uid().isEmpty() ? null : w.uid());
      o.put("generateName", w.generateName());
      o.put("previous", w.previous());
      list.add(o);
    }
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("cluster", cluster);
    args.put("objects", list);
    return new UndoRecipe("k8s", ACTION, args);
  }

  /**
   * A Secret's previous data is not written to the journal (it would put the secret on the
   * disk): recovery then cannot put it back, and says so.
   */
  private static Map<String, Object> previous(String kind, Map<String, Object> tree) {
    if (!Kinds.normalise(kind).equals("secret")) {
      return tree;
    }
    Map<String, Object> marker = new LinkedHashMap<>();
    marker.put("secret", true);
    marker.put("metadata", tree.get("metadata"));
    return marker;
  }

  /** The objects of a journaled recipe, in the order applied. */
  static List<Written> objects(UndoRecipe recipe) {
    List<Written> out = new ArrayList<>();
    if (!(recipe.args().get("objects") instanceof List<?> list)) {
      throw new IllegalArgumentException("the recipe " + recipe.name() + " lists no objects");
    }
    for (Object item : list) {
      Map<String, Object> o = ManifestDocuments.map(item);
      Object previous = o.get("previous");
      out.add(new Written(string(o, "apiVersion"), string(o, "kind"), string(o, "namespace"),
          string(o, "name"), string(o, "uid"), string(o, "generateName"),
          previous == null ? null : ManifestDocuments.map(previous)));
    }
    return out;
  }

  private static String string(Map<String, Object> o, String key) {
    return o.get(key) instanceof String s ? s : null;
  }

  /**
   * Undoes one object, idempotently: a created object is deleted exactly as the live inverse
   * deletes it ({@link CreatedObject#delete}: when it is still there and still the one created,
   * waiting out its finalizers within {@code deadline}), and is done when it is gone; a changed
   * one gets its previous version back. Returns what was done, for the journal.
   */
  static String undo(KubernetesClient client, Written w, Instant deadline)
      throws InterruptedException {
    boolean namespaced = K8sKinds.namespaced(w.kind(), w.apiVersion());
    String ref = Kinds.ref(w.kind(), w.name() == null ? w.generateName() + "*" : w.name())
        + (namespaced ? " in namespace " + w.namespace() : "");
    if (w.previous() != null) {
      if (Boolean.TRUE.equals(w.previous().get("secret"))) {
        throw new IllegalStateException(ref + ": the previous version of a Secret is not "
            + "journaled; put it back by hand");
      }
      KubeObjects.restore(client, w.kind(), w.apiVersion(), w.namespace(), w.previous());
      return "restored the previous " + ref;
    }
    if (w.name() == null) {
      throw new IllegalStateException(ref + " was being created with a generated name that the "
          + "runner did not journal before it died: find it with `kubectl get "
          + Kinds.normalise(w.kind()) + " -n " + w.namespace() + "` and delete it");
    }
    CreatedObject created = new CreatedObject(w.apiVersion(), w.kind(),
        namespaced ? w.namespace() : "", w.name(), w.uid());
    return switch (CreatedObject.delete(client, created, CreatedObject.waitWithin(deadline))) {
      case ALREADY_GONE -> ref + " is already gone";
      case REPLACED -> ref + " is another object now (not uid " + created.uid() + "): left alone";
      case DELETED -> "deleted " + ref;
    };
  }
}
