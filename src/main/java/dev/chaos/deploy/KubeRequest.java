package dev.chaos.deploy;

/**
 * One kind of request a run makes to the API server, as RBAC sees it: a verb on a resource of
 * an API group ("" is the core group), in a namespace ("" for a cluster-scoped resource).
 */
public record KubeRequest(String verb, String group, String resource, String namespace) {
  public boolean clusterScoped() {
    return namespace.isEmpty();
  }

  /** `delete pods in llm-marketplace`, `list nodes (cluster-wide)`. */
  @Override
  public String toString() {
    return verb + " " + resource + (group.isEmpty() ? "" : "." + group)
        + (namespace.isEmpty() ? " (cluster-wide)" : " in " + namespace);
  }
}
