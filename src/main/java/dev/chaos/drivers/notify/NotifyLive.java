package dev.chaos.drivers.notify;

import dev.chaos.config.EnvironmentConfig;
import dev.chaos.config.NotifyContact;
import dev.chaos.config.NotifyTarget;
import dev.chaos.spi.Escalations;
import java.util.LinkedHashMap;
import java.util.Map;
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
    // the run asks for these by type, for its escalation, before any notify call binds us
    setup.share(Escalations.class, () -> environment.notification()
        .map(NotifyTarget::escalations).orElse(Escalations.NONE));
    return into -> {
      NotifyTarget target = environment.requireNotify();
      Map<String, LiveNotifyBindings.Channel> contacts = new LinkedHashMap<>();
      for (NotifyContact c : target.contacts().values()) {
        contacts.put(c.key(), new LiveNotifyBindings.Channel(c.webhook(),
            secrets.resolve(c.token())));
      }
      LiveNotifyBindings.bind(target.webhook(), secrets.resolve(target.token()), contacts,
          into);
      return null;
    };
  }
}
