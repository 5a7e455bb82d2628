package dev.chaos.config;

import java.nio.file.Path;
import java.util.Optional;

/** An extra named cluster (for `cluster:` arguments): a kubeconfig context, maybe its own file. */
public record K8sCluster(String name, String context, Optional<Path> kubeconfig) {}
