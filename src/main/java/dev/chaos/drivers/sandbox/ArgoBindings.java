package dev.chaos.drivers.sandbox;

import dev.chaos.drivers.ManifestDocuments;
import dev.chaos.drivers.kube.BlastRadius;
import dev.chaos.drivers.kube.ChaosManifests;
import static dev.chaos.drivers.Arguments.string;

import dev.chaos.spi.BuiltinImpl;
import dev.chaos.spi.Preview;
import dev.chaos.spi.CallArgs;
import dev.chaos.types.Value;
import java.util.List;
import java.util.Map;

/** The `argo` functions on the workflows of the world's clusters. */
final class ArgoBindings {
  private ArgoBindings() {}

  static void bind(World world, Map<String, BuiltinImpl> into) {
    into.put("argo.submit", (a, c) -> {
      ArgoWorld argo = world.argo(cluster(a));
      String manifest = string(a, "manifest");
      List<ManifestDocuments.Doc> docs = Manifest.parse(manifest);
      ManifestDocuments.Doc doc = docs.get(0);
      String namespace = doc.namespace().isEmpty() ? string(a, "namespace", "")
          : doc.namespace();
      String shown = doc.shownName();
      String refusal = dev.chaos.drivers.kube.ArgoWorkflowManifest.refusal(docs);
      if (refusal != null) {
        throw new SandboxException(refusal);
      }
      String undo = "terminate workflow "
          + (doc.name().isEmpty() ? doc.generateName() + "* (generated name)" : doc.name())
          + where(world, a, namespace) + " if it is still running";
      K8sWorld k8s = world.k8s(cluster(a));
      BlastRadius.Share blast = SandboxBlast.hold(k8s, c,
          ChaosManifests.argoWorkflow(doc, k8s.resolve(namespace)));
      if (c.dryRun(SandboxBlast.onto(Preview.of("submit workflow " + shown
          + where(world, a, namespace)).withTarget("workflow/" + shown
          + where(world, a, namespace)).withUndo(undo), blast))) {
        return Value.str(shown);
      }
      Inverse<String> inverse = Inverse.register(c, undo,
          (name, u) -> argo.terminate(name, namespace));
      return Value.str(inverse.done(argo.submit(manifest, namespace)));
    });
    into.put("argo.phase", (a, c) -> Value.str(world.argo(cluster(a))
        .phase(string(a, "name"), string(a, "namespace", ""))));
    into.put("argo.terminate", (a, c) -> {
      ArgoWorld argo = world.argo(cluster(a));
      String name = string(a, "name");
      String namespace = string(a, "namespace", "");
      argo.phase(name, namespace); // a missing workflow fails as the real call would
      if (c.dryRun(Preview.of("terminate workflow " + name + where(world, a, namespace))
          .withTarget("workflow/" + name + where(world, a, namespace)))) {
        return Value.UNIT;
      }
      argo.terminate(name, namespace);
      return Value.UNIT;
    });
    into.put("argo.terminate_all", (a, c) -> {
      ArgoWorld argo = world.argo(cluster(a));
      String namespace = string(a, "namespace", "");
      List<String> running = argo.running(namespace);
      if (c.dryRun(Preview.of("terminate every running workflow" + where(world, a, namespace)
          + ": " + (running.isEmpty() ? "none is running" : String.join(", ", running)))
          .withTargets(running))) {
        return Value.integer(running.size());
      }
      return Value.integer(argo.terminateAll(namespace));
    });
  }

  private static String cluster(CallArgs a) {
    return string(a, "cluster", "");
  }

  private static String where(World world, CallArgs a, String namespace) {
    K8sWorld k8s = world.k8s(cluster(a));
    return " in namespace " + k8s.resolve(namespace)
        + (k8s.cluster().isEmpty() ? "" : " of cluster " + k8s.cluster());
  }
}
