package dev.chaos.drivers.live;

import dev.chaos.config.ConfigException;
import dev.chaos.config.EnvironmentConfig;
import dev.chaos.config.HostPort;
import dev.chaos.config.NotifyTarget;
import dev.chaos.config.PostgresTarget;
import dev.chaos.config.PromTarget;
import dev.chaos.config.RedisTarget;
import dev.chaos.config.SecretRef;
import dev.chaos.config.Secrets;
import dev.chaos.drivers.http.LiveHttpBindings;
import dev.chaos.drivers.notify.LiveNotifyBindings;
import dev.chaos.drivers.postgres.LivePgBindings;
import dev.chaos.drivers.postgres.PgClient;
import dev.chaos.drivers.prometheus.LivePrometheusBindings;
import dev.chaos.drivers.prometheus.PrometheusClient;
import dev.chaos.drivers.redis.LiveRedisBindings;
import dev.chaos.drivers.redis.RedisClient;
import dev.chaos.drivers.shell.LiveShellBindings;
import dev.chaos.spi.BuiltinImpl;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How each driver connects, from one environment of the config file. Each binder runs on the
 * driver's first call, so secrets are read only when they are needed.
 */
final class LiveDrivers {
  private final EnvironmentConfig environment;
  private final Secrets secrets;

  LiveDrivers(EnvironmentConfig environment, Secrets secrets) {
    this.environment = environment;
    this.secrets = secrets;
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
