package dev.chaos.drivers.kube;

import dev.chaos.drivers.ManifestDocuments;
import java.util.List;

/**
 * What `argo.submit` takes, live and in the sandbox alike: one Argo Workflow, told by its kind
 * and the group of its apiVersion (`argoproj.io`; a manifest without an apiVersion means Argo's,
 * as `workflow` does). A Chaos Mesh Workflow (`chaos-mesh.org`) shares the kind's name but is
 * another object, run by Chaos Mesh: `k8s.apply` takes it.
 */
public final class ArgoWorkflowManifest {
  private static final String ARGO = "argoproj.io";

  private ArgoWorkflowManifest() {}

  /** Why {@code docs} is not one Argo Workflow, or null when it is. */
  public static String refusal(List<ManifestDocuments.Doc> docs) {
    if (docs.size() == 1) {
      ManifestDocuments.Doc doc = docs.get(0);
      Kind kind = Kinds.find(doc.kind(), doc.apiVersion()).orElse(null);
      if (kind != null && kind.group().equals(ARGO) && kind.name().equals("workflow")) {
        return null;
      }
      if (Kinds.find(doc.kind()).filter(k -> k.group().equals(ARGO)).isPresent()) {
        // the kind's name is Argo's, its apiVersion another group's
        return "argo.submit takes an Argo Workflow (apiVersion " + ARGO + "/v1alpha1), not the "
            + doc.apiVersion() + " " + doc.kind() + " `" + doc.shownName() + "`"
            + (Kinds.groupOf(doc.apiVersion()).equals(Kinds.CHAOS_MESH)
                ? ": a Chaos Mesh Workflow is applied with k8s.apply" : "");
      }
    }
    return "argo.submit takes one Workflow, not "
        + docs.stream().map(ManifestDocuments.Doc::kind).toList();
  }
}
