package dev.chaos.lab;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A client of the running lab's Kubernetes API, as the lab's tests reach it. */
final class LabKube {
  private LabKube() {}

  /** The kubeconfig's `lab` context, each request bounded so a frozen API fails the test. */
  static KubernetesClient connect() throws IOException {
    Config config = Config.fromKubeconfig("lab",
        Files.readString(Path.of(System.getenv("LAB_KUBECONFIG"))), null);
    config.setRequestTimeout(5_000);
    return new KubernetesClientBuilder().withConfig(config).build();
  }
}
