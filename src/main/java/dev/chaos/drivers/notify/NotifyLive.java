package dev.chaos.drivers.notify;

import dev.chaos.config.EnvironmentConfig;
import dev.chaos.config.NotifyTarget;
import dev.chaos.config.Secrets;
import dev.chaos.spi.DriverBinder;
import dev.chaos.spi.LiveBinding;
import dev.chaos.spi.LiveSetup;
import java.util.Optional;

/** `notify` through the environment's `notify` webhook. */
public final class NotifyLive implements LiveBinding {
  @Override
  public Optional<String> section() {
    return Optional.of("notify");
  }

  @Override
  public DriverBinder prepare(LiveSetup setup) throws Exception {
    EnvironmentConfig environment = setup.service(EnvironmentConfig.class);
    Secrets secrets = setup.service(Secrets.class);
    return into -> {
      NotifyTarget target = environment.requireNotify();
      LiveNotifyBindings.bind(target.webhook(), secrets.resolve(target.token()), into);
      return null;
    };
  }
}
