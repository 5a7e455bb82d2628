package dev.chaos.drivers.k8s;

import static dev.chaos.drivers.ManifestDocuments.at;
import static dev.chaos.drivers.ManifestDocuments.text;

import dev.chaos.drivers.kube.Kind;
import dev.chaos.drivers.kube.Kinds;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * `chaos abort` on one cluster: every object of the chaos kinds chaos knows (every Chaos Mesh
 * kind of {@link Kinds}, Litmus's ChaosEngine) in the given namespaces is deleted, and every
 * Argo Workflow there that still runs is told to stop (`spec.shutdown: Terminate`, as `argo
 * terminate` does). {@link #remaining} says what is still there afterwards. Each pass is
 * idempotent: a second one finds nothing to do.
 */
public final class ChaosSweep {
  private ChaosSweep() {}

  private static final String CHAOS_MESH = "chaos-mesh.org";
  private static final Set<String> FINISHED = Set.of("Succeeded", "Failed", "Error");

  /** What a sweep did to one object: `deleted podchaos/x in namespace n`. */
  public record Action(String object, String what) {}

  /** The kinds a sweep deletes, in table order. */
  public static List<Kind> chaosKinds() {
    List<Kind> kinds = new ArrayList<>();
    for (Kind k : Kinds.all()) {
      if (k.group().equals(CHAOS_MESH) && !k.name().equals("workflow")
          || k.name().equals("chaosengine")) {
        kinds.add(k);
      }
    }
    return kinds;
  }

  /** Deletes the chaos objects and stops the running workflows of {@code namespaces}. */
  public static List<Action> sweep(KubernetesClient client, List<String> namespaces) {
    List<Action> done = new ArrayList<>();
    for (String ns : namespaces) {
      for (Kind kind : chaosKinds()) {
        for (GenericKubernetesResource item : list(client, kind, ns)) {
          if (item.getMetadata().getDeletionTimestamp() != null) {
            continue; // being deleted already (a finalizer still runs)
          }
          String name = item.getMetadata().getName();
          operation(client, kind).inNamespace(ns).withName(name).delete();
          done.add(new Action(ref(kind, name, ns), "deleted"));
        }
      }
      for (Map<String, Object> wf : workflows(client, ns)) {
        if (running(wf)) {
          String name = text(at(wf, "metadata", "name"));
          KubeObjects.mergePatch(client, "workflow", null, ns, name,
              Map.of("spec", Map.of("shutdown", "Terminate")));
          done.add(new Action("workflow/" + name + " in namespace " + ns, "terminated"));
        }
      }
    }
    return done;
  }

  /** What is still there: chaos objects (even those being deleted) and running workflows. */
  public static List<String> remaining(KubernetesClient client, List<String> namespaces) {
    List<String> left = new ArrayList<>();
    for (String ns : namespaces) {
      for (Kind kind : chaosKinds()) {
        for (GenericKubernetesResource item : list(client, kind, ns)) {
          List<String> finalizers = item.getMetadata().getFinalizers();
          left.add(ref(kind, item.getMetadata().getName(), ns)
              + (finalizers == null || finalizers.isEmpty() ? ""
                  : " (finalizers: " + String.join(", ", finalizers) + ")"));
        }
      }
      for (Map<String, Object> wf : workflows(client, ns)) {
        if (running(wf)) {
          left.add("workflow/" + text(at(wf, "metadata", "name")) + " in namespace " + ns
              + " (still running)");
        }
      }
    }
    return left;
  }

  private static List<GenericKubernetesResource> list(KubernetesClient client, Kind kind,
      String ns) {
    try {
      return operation(client, kind).inNamespace(ns).list().getItems();
    } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
      if (e.getCode() == 404) {
        return List.of(); // the cluster does not serve the kind: nothing of it to remove
      }
      throw e;
    }
  }

  private static List<Map<String, Object>> workflows(KubernetesClient client, String ns) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (GenericKubernetesResource item : list(client, Kinds.require("workflows.argoproj.io"),
        ns)) {
      out.add(KubeObjects.tree(client, item));
    }
    return out;
  }

  /** Not finished, and not already told to stop. */
  private static boolean running(Map<String, Object> wf) {
    String phase = text(at(wf, "status", "phase"));
    return !FINISHED.contains(phase) && !"Terminate".equals(text(at(wf, "spec", "shutdown")))
        && !"Stop".equals(text(at(wf, "spec", "shutdown")));
  }

  private static io.fabric8.kubernetes.client.dsl.MixedOperation<GenericKubernetesResource,
      io.fabric8.kubernetes.api.model.GenericKubernetesResourceList,
      io.fabric8.kubernetes.client.dsl.Resource<GenericKubernetesResource>> operation(
      KubernetesClient client, Kind kind) {
    return K8sKinds.operation(client, kind.kind() + "." + kind.group(), kind.apiVersion());
  }

  private static String ref(Kind kind, String name, String ns) {
    return kind.name() + "/" + name + " in namespace " + ns;
  }
}
