package dev.chaos.drivers.k8s;

import dev.chaos.drivers.ManifestDocuments;
import dev.chaos.spi.CallContext;
import dev.chaos.spi.Undo;
import dev.chaos.spi.UndoRecipe;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The inverses of the `k8s` functions as values ({@link UndoRecipe}), and the same inverses
 * rebuilt from them by `chaos recover`: `undo_apply` ({@link ApplyRecipe}), `restore_fields` (the
 * merge patch that puts back what `k8s.patch` changed) and `set_replicas` (`k8s.scale`). Each
 * rebuilt inverse is idempotent: it can run after the live one did, or twice.
 */
public final class K8sRecipes {
  static final String RESTORE_FIELDS = "restore_fields";
  static final String SET_REPLICAS = "set_replicas";

  private K8sRecipes() {}

  static UndoRecipe restoreFields(LiveK8sBindings.Target t, Map<String, Object> inverse) {
    Map<String, Object> args = object(t);
    args.put("patch", inverse);
    return new UndoRecipe("k8s", RESTORE_FIELDS, args);
  }

  static UndoRecipe setReplicas(LiveK8sBindings.Target t, int replicas) {
    Map<String, Object> args = object(t);
    args.put("replicas", (long) replicas);
    return new UndoRecipe("k8s", SET_REPLICAS, args);
  }

  private static Map<String, Object> object(LiveK8sBindings.Target t) {
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("cluster", t.cluster.name());
    args.put("kind", t.kind);
    args.put("namespace", t.namespace());
    args.put("name", t.name);
    return args;
  }

  /** The inverse {@code recipe} describes, on {@code clients}. */
  public static Undo recover(K8sClients clients, UndoRecipe recipe) {
    String cluster = recipe.args().get("cluster") instanceof String s ? s : "";
    return switch (recipe.action()) {
      case ApplyRecipe.ACTION -> {
        List<ApplyRecipe.Written> objects = ApplyRecipe.objects(recipe);
        yield u -> K8sCall.run(clients, cluster, u, client -> {
          for (int i = objects.size() - 1; i >= 0; i--) {
            u.log(ApplyRecipe.undo(client, objects.get(i), u.deadline()));
          }
          return null;
        });
      }
      case RESTORE_FIELDS -> {
        Map<String, Object> patch = ManifestDocuments.map(recipe.args().get("patch"));
        yield u -> K8sCall.run(clients, cluster, u, client -> {
          KubeObjects.mergeAndUpdate(client, text(recipe, "kind"), text(recipe, "namespace"),
              text(recipe, "name"), patch);
          return null;
        });
      }
      case SET_REPLICAS -> {
        if (!(recipe.args().get("replicas") instanceof Long replicas)) {
          throw new IllegalArgumentException(recipe.name() + " names no replicas");
        }
        yield u -> setReplicas(clients, cluster, recipe, replicas.intValue(), u);
      }
      default -> throw recipe.unknown();
    };
  }

  private static void setReplicas(K8sClients clients, String cluster, UndoRecipe recipe,
      int replicas, CallContext u) throws InterruptedException {
    K8sCall.run(clients, cluster, u, client -> {
      String kind = text(recipe, "kind");
      String namespace = text(recipe, "namespace");
      String name = text(recipe, "name");
      if (KubeObjects.get(client, kind, null, namespace, name) == null) {
        throw new K8sException(clients.cluster(cluster).label(), kind + "/" + name
            + " is gone from namespace " + namespace + ": nothing to scale back");
      }
      return KubeObjects.mergePatch(client, kind, null, namespace, name,
          Map.of("spec", Map.of("replicas", replicas)));
    });
  }

  private static String text(UndoRecipe recipe, String key) {
    if (!(recipe.args().get(key) instanceof String s)) {
      throw new IllegalArgumentException(recipe.name() + " has no `" + key + "`");
    }
    return s;
  }
}
