package dev.chaos.cli;

import dev.chaos.config.ConfigException;
import dev.chaos.config.EnvironmentConfig;
import dev.chaos.config.K8sTarget;
import dev.chaos.config.KubeConventions;
import dev.chaos.config.KubectlFlags;
import dev.chaos.drivers.k8s.AnnouncementStore;
import dev.chaos.drivers.k8s.K8sClients;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Production notices in the environment's cluster, next to the locks' Leases (its
 * `kubernetes.lock_namespace`), reached as the run reaches the cluster (kubectl's rules).
 */
final class ClusterNotices implements AutoCloseable {
  private final K8sClients clients;
  private final AnnouncementStore store;

  private ClusterNotices(K8sClients clients, AnnouncementStore store) {
    this.clients = clients;
    this.store = store;
  }

  static ClusterNotices open(EnvironmentConfig environment, KubectlFlags flags,
      Map<String, String> variables) {
    K8sTarget target;
    try {
      target = environment.requireKubernetes();
    } catch (ConfigException e) {
      throw new CommandFailure("production notices are kept in the cluster, next to the "
          + "locks: " + e.problem());
    }
    K8sClients clients = K8sClients.connect(KubeConventions.choose(flags.kubeconfig(),
        flags.context(), target, variables, Path.of(System.getProperty("user.home"))),
        Map.of());
    try {
      return new ClusterNotices(clients, new AnnouncementStore(clients.cluster("").client(),
          target.lockNamespace()));
    } catch (RuntimeException e) {
      clients.close();
      throw new CommandFailure("cannot reach the cluster of environment `" + environment.name()
          + "`: " + e.getMessage());
    }
  }

  String where(String lock) {
    return store.where(lock);
  }

  Optional<Map<String, String>> read(String lock) {
    try {
      return store.read(lock);
    } catch (IOException | RuntimeException e) {
      throw new CommandFailure("refusing to run: the production notice cannot be checked: "
          + e.getMessage());
    }
  }

  void write(String lock, Map<String, String> data) throws IOException {
    try {
      store.write(lock, data);
    } catch (RuntimeException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    clients.close();
  }
}
