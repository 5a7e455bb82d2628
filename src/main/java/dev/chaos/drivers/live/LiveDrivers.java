package dev.chaos.drivers.live;

import dev.chaos.config.ConfigException;
import dev.chaos.config.EnvironmentConfig;
import dev.chaos.config.HostPort;
import dev.chaos.config.K8sTarget;
import dev.chaos.config.KubeChoice;
import dev.chaos.config.KubeConventions;
import dev.chaos.config.NotifyTarget;
import dev.chaos.config.PostgresTarget;
import dev.chaos.config.PromTarget;
import dev.chaos.config.RedisTarget;
import dev.chaos.config.SecretRef;
import dev.chaos.config.Secrets;
import dev.chaos.drivers.argo.LiveArgoBindings;
import dev.chaos.drivers.http.LiveHttpBindings;
import dev.chaos.drivers.k8s.K8sClients;
import dev.chaos.drivers.k8s.LeaseLocks;
import dev.chaos.drivers.k8s.LiveK8sBindings;
import dev.chaos.drivers.notify.LiveNotifyBindings;
import dev.chaos.drivers.postgres.LivePgBindings;
import dev.chaos.drivers.postgres.PgClient;
import dev.chaos.drivers.prometheus.LivePrometheusBindings;
import dev.chaos.drivers.prometheus.PrometheusClient;
import dev.chaos.drivers.redis.LiveRedisBindings;
import dev.chaos.drivers.redis.RedisClient;
import dev.chaos.drivers.shell.LiveShellBindings;
import dev.chaos.spi.BuiltinImpl;
import dev.chaos.spi.RunLock;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How each driver connects, from one environment of the config file. Each binder runs on the
 * driver's first call, so secrets are read only when they are needed.
 */
final class LiveDrivers implements AutoCloseable {
  private final EnvironmentConfig environment;
  private final Secrets secrets;
  private final KubeFlags kubeFlags;
  private K8sClients k8s;

  /** kubectl's `--kubeconfig` and `--context`, and what they fall back on. */
  record KubeFlags(Optional<Path> kubeconfig, Optional<String> context,
      Map<String, String> environment, Path home) {}

  LiveDrivers(EnvironmentConfig environment, Secrets secrets, KubeFlags kubeFlags) {
    this.environment = environment;
    this.secrets = secrets;
    this.kubeFlags = kubeFlags;
  }

  /** `k8s` and `argo` share the clients of the environment's clusters, built on first use. */
  synchronized K8sClients k8sClients() throws ConfigException {
    if (k8s == null) {
      K8sTarget target = environment.requireKubernetes();
      KubeChoice main = KubeConventions.choose(kubeFlags.kubeconfig(), kubeFlags.context(),
          target, kubeFlags.environment(), kubeFlags.home());
      Map<String, KubeChoice> clusters = new LinkedHashMap<>();
      target.clusters().forEach((name, cluster) -> clusters.put(name,
          KubeConventions.chooseCluster(kubeFlags.kubeconfig(), target, cluster,
              kubeFlags.environment(), kubeFlags.home())));
      k8s = K8sClients.connect(main, clusters);
    }
    return k8s;
  }

  AutoCloseable k8s(Map<String, BuiltinImpl> into) throws ConfigException {
    LiveK8sBindings.bind(k8sClients(), into);
    return null;
  }

  AutoCloseable argo(Map<String, BuiltinImpl> into) throws ConfigException {
    LiveArgoBindings.bind(k8sClients(), into);
    return null;
  }

  /**
   * Runbook locks as Leases in the environment's cluster; without a `kubernetes` section there
   * is nowhere to keep them, and a runbook with a `lock` is refused rather than run unguarded.
   */
  RunLock.Store locks() {
    return (name, holder, hold) -> {
      K8sTarget target;
      K8sClients clients;
      try {
        target = environment.requireKubernetes();
        clients = k8sClients();
      } catch (ConfigException e) {
        throw new RunLock.Refused("locks are kept as Kubernetes Leases: " + e.problem());
      }
      return new LeaseLocks(() -> clients.cluster("").client(), target.lockNamespace(),
          java.time.Clock.systemUTC()).take(name, holder, hold);
    };
  }

  AutoCloseable prometheus(Map<String, BuiltinImpl> into) throws ConfigException {
    PromTarget target = environment.requirePrometheus();
    PrometheusClient client = new PrometheusClient(target.url().toString(),
        secret(target.token()));
    LivePrometheusBindings.bind(client, into);
    RequestTimeout.apply(target.timeout(), into);
    return client;
  }

  AutoCloseable redis(Map<String, BuiltinImpl> into) throws ConfigException {
    RedisTarget target = environment.requireRedis();
    String password = secret(target.password());
    RedisClient client = target.viaSentinel()
        ? RedisClient.sentinel(addresses(target.sentinels()), target.master().orElseThrow(),
            password)
        : RedisClient.direct(address(target.address().orElseThrow()), password);
    LiveRedisBindings.bind(client, into);
    return client;
  }

  AutoCloseable postgres(Map<String, BuiltinImpl> into) throws ConfigException {
    PostgresTarget target = environment.requirePostgres();
    PgClient client = new PgClient(target.url(), target.user(), secret(target.password()));
    LivePgBindings.bind(client, into);
    return client;
  }

  AutoCloseable http(Map<String, BuiltinImpl> into) {
    LiveHttpBindings.bind(environment.httpRoutes(), into);
    return null;
  }

  AutoCloseable notify(Map<String, BuiltinImpl> into) throws ConfigException {
    NotifyTarget target = environment.requireNotify();
    LiveNotifyBindings.bind(target.webhook(), secret(target.token()), into);
    return null;
  }

  /** Programs run in the runbook's directory, where its relative paths point. */
  static AutoCloseable shell(Path runbookDirectory, Map<String, BuiltinImpl> into) {
    LiveShellBindings.bind(runbookDirectory, into);
    return null;
  }

  @Override
  public synchronized void close() {
    if (k8s != null) {
      k8s.close();
    }
  }

  private String secret(Optional<SecretRef> ref) throws ConfigException {
    return ref.isEmpty() ? null : secrets.resolve(ref.get());
  }

  private static List<String> addresses(List<HostPort> all) {
    return all.stream().map(LiveDrivers::address).toList();
  }

  private static String address(HostPort hostPort) {
    return hostPort.host() + ":" + hostPort.port();
  }
}
