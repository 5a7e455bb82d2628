package dev.chaos.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * `chaos exec`'s `--kubeconfig` and `--context`, as kubectl's: they override the environment's
 * `kubernetes` section (see {@link KubeConventions}).
 */
public record KubectlFlags(Optional<Path> kubeconfig, Optional<String> context) {
  public static final KubectlFlags NONE = new KubectlFlags(Optional.empty(), Optional.empty());
}
