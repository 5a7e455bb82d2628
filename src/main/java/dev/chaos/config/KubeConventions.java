package dev.chaos.config;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * kubectl's rules for which kubeconfig and context to use. The kubeconfig: `--kubeconfig`,
 * else the config file's, else the first entry of `KUBECONFIG`, else `~/.kube/config`. The
 * context: `--context`, else the config file's, else the kubeconfig's current context.
 * Either flag also overrides `in_cluster: true`, as it does for kubectl in a pod. In a pod
 * ({@link PodEnvironment}) where nothing names a kubeconfig or a context and no kubeconfig file
 * exists, the pod's service account is used, as kubectl and client-go do: a runner image has no
 * kubeconfig, and one that has one (or a config naming a context) goes where that says.
 */
public final class KubeConventions {
  private KubeConventions() {}

  /** The environment's own cluster. */
  public static KubeChoice choose(
      Optional<Path> flagKubeconfig, Optional<String> flagContext, K8sTarget target,
      Map<String, String> environment, Path home) {
    if (target.inCluster() && flagKubeconfig.isEmpty() && flagContext.isEmpty()) {
      return new KubeChoice(true, null, Optional.empty());
    }
    Path file = kubeconfig(flagKubeconfig, target.kubeconfig(), environment, home);
    boolean nothingNamed = flagKubeconfig.isEmpty() && flagContext.isEmpty()
        && target.kubeconfig().isEmpty() && target.context().isEmpty()
        && environment.get("KUBECONFIG") == null;
    if (nothingNamed && !Files.exists(file) && PodEnvironment.detect(environment).isPresent()) {
      return new KubeChoice(true, null, Optional.empty());
    }
    return new KubeChoice(false, file, flagContext.isPresent() ? flagContext : target.context());
  }

  /**
   * A named cluster: always its own context (the `--context` flag picks the environment's
   * cluster, not this one); its own kubeconfig, else the same rules as the environment's.
   */
  public static KubeChoice chooseCluster(
      Optional<Path> flagKubeconfig, K8sTarget target, K8sCluster cluster,
      Map<String, String> environment, Path home) {
    Path file = cluster.kubeconfig().orElseGet(
        () -> kubeconfig(flagKubeconfig, target.kubeconfig(), environment, home));
    return new KubeChoice(false, file, Optional.of(cluster.context()));
  }

  static Path kubeconfig(
      Optional<Path> flag, Optional<Path> configured, Map<String, String> environment, Path home) {
    if (flag.isPresent()) {
      return flag.get();
    }
    if (configured.isPresent()) {
      return configured.get();
    }
    String variable = environment.get("KUBECONFIG");
    if (variable != null) {
      for (String entry : variable.split(File.pathSeparator)) {
        if (!entry.isBlank()) {
          return Path.of(entry);
        }
      }
    }
    return home.resolve(".kube").resolve("config");
  }
}
