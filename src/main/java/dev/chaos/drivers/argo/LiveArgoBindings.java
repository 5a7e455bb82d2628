package dev.chaos.drivers.argo;

import dev.chaos.drivers.ManifestDocuments;
import dev.chaos.drivers.kube.LabelSelector;
import static dev.chaos.drivers.Arguments.string;
import static dev.chaos.drivers.ManifestDocuments.at;
import static dev.chaos.drivers.ManifestDocuments.text;

import dev.chaos.drivers.k8s.K8sCall;
import dev.chaos.drivers.k8s.LiveBlast;
import dev.chaos.drivers.kube.ChaosManifests;
import dev.chaos.drivers.k8s.K8sClients;
import dev.chaos.drivers.k8s.K8sException;
import dev.chaos.drivers.k8s.K8sKinds;
import dev.chaos.drivers.k8s.KubeObjects;
import dev.chaos.spi.BuiltinImpl;
import dev.chaos.spi.CallArgs;
import dev.chaos.spi.CallContext;
import dev.chaos.spi.Preview;
import dev.chaos.spi.Undo;
import dev.chaos.spi.UndoRecipe;
import dev.chaos.types.Value;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The `argo` functions on real clusters, one per row of {@link ArgoDriver}'s table, with the
 * sandbox's values, dry runs and wording. Workflows (argoproj.io/v1alpha1) are reached as
 * generic resources through the same clients as `k8s`, so no Argo server is needed:
 * terminating is what `argo terminate` does, a merge patch of `spec.shutdown: Terminate`,
 * which the workflow controller acts on.
 */
public final class LiveArgoBindings {
  private LiveArgoBindings() {}

  private static final String WORKFLOW = "workflow";
  private static final List<String> FINISHED = List.of("Succeeded", "Failed", "Error");

  /** Puts the implementation of every `argo` builtin, by qualified name, into {@code into}. */
  public static void bind(K8sClients clients, Map<String, BuiltinImpl> into) {
    into.put("argo.submit", (a, c) -> submit(clients, a, c));
    into.put("argo.phase", (a, c) -> {
      K8sClients.Cluster k = clients.cluster(cluster(a));
      String name = string(a, "name");
      String namespace = k.resolve(string(a, "namespace", ""));
      return Value.str(phase(K8sCall.run(clients, k, c,
          client -> require(client, k, name, namespace))));
    });
    into.put("argo.terminate", (a, c) -> {
      K8sClients.Cluster k = clients.cluster(cluster(a));
      String name = string(a, "name");
      String namespace = k.resolve(string(a, "namespace", ""));
      K8sCall.run(clients, k, c, client -> require(client, k, name, namespace));
      if (c.dryRun(Preview.of("terminate workflow " + name + k.where(namespace))
          .withTarget("workflow/" + name + k.where(namespace)))) {
        return Value.UNIT;
      }
      K8sCall.run(clients, k, c, client -> {
        if (running(require(client, k, name, namespace))) {
          terminate(client, name, namespace);
        }
        return null;
      });
      return Value.UNIT;
    });
    into.put("argo.terminate_all", (a, c) -> {
      K8sClients.Cluster k = clients.cluster(cluster(a));
      String namespace = k.resolve(string(a, "namespace", ""));
      List<String> running = K8sCall.run(clients, k, c, client -> {
        List<String> names = new ArrayList<>();
        for (Map<String, Object> wf : KubeObjects.list(client, WORKFLOW, namespace,
            LabelSelector.parse(""))) {
          if (running(wf)) {
            names.add(text(at(wf, "metadata", "name")));
          }
        }
        return names;
      });
      if (c.dryRun(Preview.of("terminate every running workflow" + k.where(namespace) + ": "
          + (running.isEmpty() ? "none is running" : String.join(", ", running)))
          .withTargets(running))) {
        return Value.integer(running.size());
      }
      return Value.integer(K8sCall.run(clients, k, c, client -> {
        for (String name : running) {
          terminate(client, name, namespace);
        }
        return running.size();
      }));
    });
  }

  private static Value submit(K8sClients clients, CallArgs a, CallContext c)
      throws InterruptedException {
    K8sClients.Cluster k = clients.cluster(cluster(a));
    List<ManifestDocuments.Doc> docs = ManifestDocuments.objects(string(a, "manifest"));
    ManifestDocuments.Doc doc = docs.get(0);
    String namespace = k.resolve(doc.namespace().isEmpty() ? string(a, "namespace", "")
        : doc.namespace());
    String refusal = dev.chaos.drivers.kube.ArgoWorkflowManifest.refusal(docs);
    if (refusal != null) {
      throw new K8sException(k.label(), refusal);
    }
    String undo = "terminate workflow " + (doc.name().isEmpty()
        ? doc.generateName() + "* (generated name)" : doc.name())
        + k.where(namespace) + " if it is still running";
    LiveBlast.Held blast = LiveBlast.hold(clients, k, c,
        ChaosManifests.argoWorkflow(doc, namespace));
    if (c.dryRun(blast.onto(Preview.of("submit workflow " + doc.shownName()
        + k.where(namespace)).withTarget("workflow/" + doc.shownName() + k.where(namespace))
        .withUndo(undo)))) {
      return Value.str(doc.shownName());
    }
    AtomicReference<String> submitted = new AtomicReference<>();
    dev.chaos.drivers.k8s.InFlight inFlight = new dev.chaos.drivers.k8s.InFlight();
    c.registerUndo(undo, terminateRecipe(k.name(), namespace,
        doc.name().isEmpty() ? null : doc.name(), doc.generateName()),
        u -> {
          inFlight.settle(u); // a submit the server carries out late is terminated too
          String name = submitted.get() != null ? submitted.get()
              : inFlight.sent() && !doc.name().isEmpty() ? doc.name() : null;
          if (name != null) {
            K8sCall.run(clients, k, u, client -> {
              Map<String, Object> wf = KubeObjects.get(client, WORKFLOW, null, namespace, name);
              if (wf != null && running(wf)) {
                terminate(client, name, namespace);
              }
              return null;
            });
          }
        });
    Map<String, Object> created = K8sCall.mutate(clients, k, c, inFlight, client -> {
      inFlight.sending();
      Map<String, Object> answer = KubeObjects.create(client, WORKFLOW, doc.apiVersion(),
          namespace, doc.tree());
      submitted.set(text(at(answer, "metadata", "name")));
      return answer;
    });
    String name = text(at(created, "metadata", "name"));
    c.updateUndo(terminateRecipe(k.name(), namespace, name, doc.generateName()));
    return Value.str(name);
  }

  static final String TERMINATE = "terminate";

  /** The inverse of `argo.submit` as values: the workflow, by name once it is known. */
  static UndoRecipe terminateRecipe(String cluster, String namespace, String name,
      String generateName) {
    Map<String, Object> args = new java.util.LinkedHashMap<>();
    args.put("cluster", cluster);
    args.put("namespace", namespace);
    args.put("name", name);
    args.put("generateName", generateName == null || generateName.isEmpty() ? null
        : generateName);
    return new UndoRecipe("argo", TERMINATE, args);
  }

  /**
   * `chaos recover`: terminates the submitted workflow if it is still running; one that is gone
   * or finished is done.
   */
  static Undo recover(K8sClients clients, UndoRecipe recipe) {
    if (!recipe.action().equals(TERMINATE)) {
      throw recipe.unknown();
    }
    Map<String, Object> args = recipe.args();
    String cluster = args.get("cluster") instanceof String s ? s : "";
    String namespace = (String) args.get("namespace");
    String name = args.get("name") instanceof String s ? s : null;
    return u -> {
      if (name == null) {
        throw new IllegalStateException("a workflow `" + args.get("generateName") + "*` was "
            + "being submitted in namespace " + namespace + " and the runner died before its "
            + "generated name was journaled: find it with `kubectl get workflows -n " + namespace
            + "` and terminate it");
      }
      K8sCall.run(clients, cluster, u, client -> {
        Map<String, Object> wf = KubeObjects.get(client, WORKFLOW, null, namespace, name);
        if (wf == null) {
          u.log("workflow " + name + " in namespace " + namespace + " is already gone");
        } else if (running(wf)) {
          terminate(client, name, namespace);
          u.log("terminated workflow " + name + " in namespace " + namespace);
        } else {
          u.log("workflow " + name + " in namespace " + namespace + " is already "
              + phase(wf));
        }
        return null;
      });
    };
  }

  /** The workflow's phase; one the controller has not picked up yet is `Pending`. */
  private static String phase(Map<String, Object> workflow) {
    String phase = text(at(workflow, "status", "phase"));
    return phase.isEmpty() ? "Pending" : phase;
  }

  /** Not finished and not already told to stop: what `terminate_all` stops. */
  private static boolean running(Map<String, Object> workflow) {
    return !FINISHED.contains(phase(workflow))
        && !"Terminate".equals(at(workflow, "spec", "shutdown"));
  }

  private static void terminate(KubernetesClient client, String name, String namespace) {
    KubeObjects.mergePatch(client, WORKFLOW, null, namespace, name,
        Map.of("spec", Map.of("shutdown", "Terminate")));
  }

  private static Map<String, Object> require(KubernetesClient client, K8sClients.Cluster k,
      String name, String namespace) {
    Map<String, Object> wf = KubeObjects.get(client, WORKFLOW, null, namespace, name);
    if (wf == null) {
      throw new K8sException(k.label(), "workflows.argoproj.io \"" + name
          + "\" not found in namespace " + namespace);
    }
    return wf;
  }

  private static String cluster(CallArgs a) {
    return string(a, "cluster", "");
  }

}
