package dev.chaos.drivers.k8s;

import static dev.chaos.spi.Param.named;
import static dev.chaos.spi.Param.optionalPositional;
import static dev.chaos.spi.Param.positional;

import dev.chaos.drivers.RecordTypes;
import dev.chaos.drivers.SignatureTable;
import dev.chaos.drivers.kube.Kinds;
import dev.chaos.drivers.kube.LabelSelector;
import dev.chaos.drivers.kube.LiteralBlast;
import dev.chaos.spi.Builtin;
import dev.chaos.spi.Driver;
import dev.chaos.spi.LiveBinding;
import dev.chaos.spi.Param;
import dev.chaos.spi.Signature;
import dev.chaos.types.Type;
import java.util.List;
import java.util.Optional;

/**
 * Kubernetes, through the API server (fabric8 at run time). Every function takes an optional
 * `cluster:` naming another cluster of the config, which is how one runbook reaches a backup
 * region (the seed's `kubectl config use-context backup-region`).
 */
public final class K8sDriver implements Driver {
  private static final Param CLUSTER = named("cluster", Type.STRING,
      "the environment's default cluster",
      "A cluster named in the config; empty means the default cluster.");
  private static final Param SELECTOR_CLUSTER = named("cluster", Type.STRING,
      "the selector's cluster", "Another cluster to look in; empty keeps the selector's.");
  private static final Param NAMESPACE = named("namespace", Type.STRING,
      "the context's namespace", "Namespace of the object.");
  private static final Param SELECTOR = positional("selector", RecordTypes.SELECTOR,
      "Pods chosen with `k8s.selector`.");
  private static final Param KIND = positional("kind", Type.STRING,
      "Resource kind, singular or plural, any case, or a short name: `deployment`, `deploy`,"
          + " `podchaos`.").withRule(Kinds::problem);
  private static final Param NAME = positional("name", Type.STRING, "Name of the object.");

  private final List<Builtin> builtins = new SignatureTable("k8s")
      .read("selector", Signature.of(RecordTypes.SELECTOR,
              positional("namespace", Type.STRING, "Namespace of the pods."),
              optionalPositional("labels", Type.STRING, "every pod of the namespace",
                  "Label selector as kubectl takes it: `tier=backend,app!=db`,"
                      + " `env in (a,b)`.").withRule(LabelSelector::problem),
              CLUSTER),
          "Names a set of pods; nothing is looked up until the selector is used.")
      .read("pods", Signature.of(RecordTypes.POD_SET, SELECTOR, SELECTOR_CLUSTER),
          "Counts the selected pods, the ready ones and their container restarts.")
      .mutateWithoutInverse("kill_pods", Signature.of(Type.list(Type.STRING),
              SELECTOR,
              named("fraction", Type.PERCENT, "",
                  "Share of the selected pods to kill, rounded up, at least one, but never"
                      + " past the runbook's `blast_radius`.").withBlastRule(LiteralBlast::fraction),
              named("count", Type.INT, "", "Number of the selected pods to kill."),
              named("grace", Type.DURATION, "`0s`", "Grace period before the pods are killed."),
              SELECTOR_CLUSTER).withExactlyOneOf("fraction", "count"),
          "Deletes randomly chosen pods of the selector in parallel and"
              + " returns their names; refuses when that is more than the runbook's `blast_radius`.",
          "the pods' controller recreates them; a step that kills needs an `undo`, a"
              + " `rollback` or `irreversible`.")
      .mutate("apply", Signature.of(Type.list(Type.STRING),
              positional("manifest", Type.STRING,
                  "One or more YAML or JSON documents, separated by `---`.")
                  .withBlastRule(LiteralBlast::manifest),
              named("namespace", Type.STRING, "the manifest's, else the context's namespace",
                  "Namespace for objects whose manifest names none."),
              CLUSTER),
          "Creates or updates objects as `kubectl apply` does; returns them as `kind/name`.",
          "deletes the objects it created and restores the previous version of those it changed")
      .mutateWithoutInverse("delete", Signature.of(Type.BOOL, KIND, NAME, NAMESPACE, CLUSTER),
          "Deletes one object and returns whether it existed (a missing object is no error).",
          "a deleted object is gone; its controller, if any, recreates it.")
      .mutateWithoutInverse("delete_all", Signature.of(Type.INT, KIND,
              NAMESPACE,
              named("labels", Type.STRING, "every object of the kind",
                  "Label selector limiting what is deleted.").withRule(LabelSelector::problem),
              CLUSTER),
          "Deletes every object of a kind in a namespace and returns how many there were.",
          "the deleted objects are gone.")
      .read("get", Signature.of(Type.JSON, KIND, NAME, NAMESPACE, CLUSTER),
          "The object as Json (`[\"spec\"][\"replicas\"]`); a missing object is an error.")
      .read("exists", Signature.of(Type.BOOL, KIND, NAME, NAMESPACE, CLUSTER),
          "Whether an object exists.")
      .read("count", Signature.of(Type.INT, KIND,
              NAMESPACE,
              named("labels", Type.STRING, "every object of the kind",
                  "Label selector limiting what is counted.").withRule(LabelSelector::problem),
              CLUSTER),
          "The number of objects of a kind in a namespace.")
      .mutate("patch", Signature.of(Type.UNIT, KIND, NAME,
              positional("patch", Type.JSON,
                  "A JSON merge patch, usually a record: `{spec: {engineState: \"stop\"}}`."),
              NAMESPACE, CLUSTER),
          "Merges a patch into an object, as `kubectl patch --type=merge`.",
          "restores the previous values of the fields it changed")
      .mutate("scale", Signature.of(Type.INT, KIND, NAME,
              positional("replicas", Type.INT, "The new number of replicas.")
                  .withBlastRule(LiteralBlast::scaleTo),
              NAMESPACE, CLUSTER),
          "Sets the replicas of a deployment or statefulset; returns the previous number.",
          "scales back to the previous number of replicas")
      .mutateWithoutInverse("rollout_restart", Signature.of(Type.UNIT, KIND, NAME,
              NAMESPACE, CLUSTER),
          "Restarts every pod of a deployment, statefulset or daemonset by a rolling update.",
          "the replaced pods are gone; the new ones run the same spec.")
      .read("rollout_complete", Signature.of(Type.BOOL, KIND, NAME, NAMESPACE, CLUSTER),
          "Whether the latest rollout finished with every replica updated and available.")
      .read("hpa", Signature.of(RecordTypes.HPA,
              positional("name", Type.STRING, "Name of the HorizontalPodAutoscaler."),
              NAMESPACE, CLUSTER),
          "The replicas of a HorizontalPodAutoscaler: current, desired and its bounds.")
      .read("events", Signature.of(Type.INT, SELECTOR,
              named("reason", Type.STRING, "every reason",
                  "Event reason such as `Evicted`, `BackOff`, `Killing`."),
              named("since", Type.DURATION, "the start of the run",
                  "Only count events this recent."),
              SELECTOR_CLUSTER),
          "The number of events about the selected pods, by reason.")
      .read("usage", Signature.of(RecordTypes.USAGE, SELECTOR, SELECTOR_CLUSTER),
          "CPU and memory in use by the selected pods, from metrics-server (`kubectl top`).")
      .build();

  @Override
  public String namespace() {
    return "k8s";
  }

  @Override
  public String doc() {
    return "Kubernetes: pods, objects, scaling and events, in the default or a named cluster.";
  }

  @Override
  public List<Builtin> builtins() {
    return builtins;
  }

  /** Built only by a live run: the binding's class may load client libraries. */
  @Override
  public Optional<LiveBinding> live() {
    return Optional.of(new K8sLive());
  }
}
