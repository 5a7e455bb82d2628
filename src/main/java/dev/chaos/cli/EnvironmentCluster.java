package dev.chaos.cli;

import dev.chaos.config.K8sTarget;
import dev.chaos.config.KubeConventions;
import dev.chaos.drivers.k8s.K8sClients;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/**
 * The Kubernetes cluster of an environment as a command that only reads or writes objects
 * there (`chaos runs --env`, `chaos deploy --apply`) reaches it: as `chaos exec` would, and, as
 * for kubectl, `--context` and `--kubeconfig` replace what the environment says, so that a
 * config whose runs use the pod's service account (`in_cluster: true`) can be applied from a
 * laptop or a pipeline.
 */
final class EnvironmentCluster {
  private EnvironmentCluster() {}

  /** Adds `--context` and `--kubeconfig`; {@code what} says when they apply. */
  static void addOptions(CommandSpec spec, String what) {
    spec.addOption(Specs.option(String.class, "NAME",
        "The kubeconfig context of the environment's cluster (as kubectl's)" + what,
        "--context"));
    spec.addOption(Specs.option(Path.class, "FILE", "The kubeconfig file (as kubectl's)" + what,
        "--kubeconfig"));
  }

  /** The clients of {@code target}'s cluster, as the command line chooses it. */
  static K8sClients connect(CliContext context, ParseResult parsed, K8sTarget target) {
    return K8sClients.connect(KubeConventions.choose(
        Optional.ofNullable(parsed.matchedOptionValue("--kubeconfig", null)),
        Optional.ofNullable(parsed.matchedOptionValue("--context", null)), target,
        context.env(), Path.of(System.getProperty("user.home"))), Map.of());
  }
}
