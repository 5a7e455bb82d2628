package dev.chaos.drivers.argo;

import static dev.chaos.spi.Param.named;
import static dev.chaos.spi.Param.positional;

import dev.chaos.drivers.SignatureTable;
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
 * Argo Workflows, which the seed uses to drive Litmus experiments (its disaster-recovery
 * workflow, and `argo terminate --all` in the emergency abort). Workflows are Kubernetes
 * objects, so these calls go through the same API server as `k8s` and take the same `cluster:`.
 */
public final class ArgoDriver implements Driver {
  private static final Param NAMESPACE = named("namespace", Type.STRING,
      "the context's namespace", "Namespace of the workflow.");
  private static final Param CLUSTER = named("cluster", Type.STRING,
      "the environment's default cluster",
      "A cluster named in the config; empty means the default cluster.");
  private static final Param NAME = positional("name", Type.STRING,
      "Name of the workflow, as `argo.submit` returned it.");

  private final List<Builtin> builtins = new SignatureTable("argo")
      .mutate("submit", Signature.of(Type.STRING,
              positional("manifest", Type.STRING, "A Workflow manifest in YAML or JSON.")
                  .withBlastRule(LiteralBlast::manifest),
              named("namespace", Type.STRING, "the manifest's, else the context's namespace",
                  "Namespace for a workflow whose manifest names none."),
              CLUSTER),
          "Submits a Workflow and returns its name (generated when it uses `generateName`).",
          "terminates the workflow if it is still running")
      .read("phase", Signature.of(Type.STRING, NAME, NAMESPACE, CLUSTER),
          "The workflow's phase: `Pending`, `Running`, `Succeeded`, `Failed` or `Error`.")
      .mutateWithoutInverse("terminate", Signature.of(Type.UNIT, NAME, NAMESPACE, CLUSTER),
          "Stops a running workflow at once, skipping its exit handlers (`argo terminate`).",
          "a stopped workflow cannot be resumed; what it already did stays done.")
      .mutateWithoutInverse("terminate_all", Signature.of(Type.INT, NAMESPACE, CLUSTER),
          "Stops every running workflow of a namespace and returns how many.",
          "a stopped workflow cannot be resumed; what it already did stays done.")
      .build();

  @Override
  public String namespace() {
    return "argo";
  }

  @Override
  public String doc() {
    return "Argo Workflows: submit, watch and terminate the workflows that drive experiments.";
  }

  @Override
  public List<Builtin> builtins() {
    return builtins;
  }

  /** Built only by a live run: the binding's class may load client libraries. */
  @Override
  public Optional<LiveBinding> live() {
    return Optional.of(new ArgoLive());
  }
}
