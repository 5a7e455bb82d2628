package dev.chaos.drivers.redis;

import dev.chaos.config.EnvironmentConfig;
import dev.chaos.config.HostPort;
import dev.chaos.config.RedisTarget;
import dev.chaos.config.Secrets;
import dev.chaos.spi.DriverBinder;
import dev.chaos.spi.LiveBinding;
import dev.chaos.spi.LiveSetup;
import java.util.List;
import java.util.Optional;

/** `redis` on the environment's `redis` section: one address, or Sentinels and a master. */
public final class RedisLive implements LiveBinding {
  @Override
  public Optional<String> section() {
    return Optional.of("redis");
  }

  @Override
  public DriverBinder prepare(LiveSetup setup) throws Exception {
    EnvironmentConfig environment = setup.service(EnvironmentConfig.class);
    Secrets secrets = setup.service(Secrets.class);
    return into -> {
      RedisClient client = connect(environment, secrets);
      LiveRedisBindings.bind(client, into);
      return client;
    };
  }

  /** `chaos recover`: a connection of its own for each rebuilt inverse, closed after it. */
  @Override
  public dev.chaos.spi.Undo recover(dev.chaos.spi.UndoRecipe recipe, LiveSetup setup)
      throws Exception {
    EnvironmentConfig environment = setup.service(EnvironmentConfig.class);
    Secrets secrets = setup.service(Secrets.class);
    return u -> {
      try (RedisClient client = connect(environment, secrets)) {
        LiveRedisBindings.recover(client, recipe, u);
      }
    };
  }

  private static RedisClient connect(EnvironmentConfig environment, Secrets secrets)
      throws Exception {
    RedisTarget target = environment.requireRedis();
    String password = secrets.resolve(target.password());
    return target.viaSentinel()
        ? RedisClient.sentinel(addresses(target.sentinels()), target.master().orElseThrow(),
            password)
        : RedisClient.direct(address(target.address().orElseThrow()), password);
  }

  private static List<String> addresses(List<HostPort> all) {
    return all.stream().map(RedisLive::address).toList();
  }

  private static String address(HostPort hostPort) {
    return hostPort.host() + ":" + hostPort.port();
  }
}
