package dev.chaos.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * How to reach one cluster: in-cluster, or a kubeconfig file and a context (absent: the
 * file's current context). {@code kubeconfig} is null exactly when {@code inCluster}.
 */
public record KubeChoice(boolean inCluster, Path kubeconfig, Optional<String> context) {}
