package dev.chaos.drivers.http;

import dev.chaos.config.EnvironmentConfig;
import dev.chaos.spi.DriverBinder;
import dev.chaos.spi.LiveBinding;
import dev.chaos.spi.LiveSetup;
import java.util.Optional;

/** `http` to any URL; the environment's optional `http.connect_to` reroutes addresses. */
public final class HttpLive implements LiveBinding {
  @Override
  public Optional<String> section() {
    return Optional.of("http");
  }

  @Override
  public DriverBinder prepare(LiveSetup setup) throws Exception {
    EnvironmentConfig environment = setup.service(EnvironmentConfig.class);
    return into -> {
      LiveHttpBindings.bind(environment.httpRoutes(), into);
      return null;
    };
  }
}
