package dev.chaos.drivers.prometheus;

import dev.chaos.config.EnvironmentConfig;
import dev.chaos.config.PromTarget;
import dev.chaos.config.Secrets;
import dev.chaos.drivers.RequestTimeout;
import dev.chaos.spi.DriverBinder;
import dev.chaos.spi.LiveBinding;
import dev.chaos.spi.LiveSetup;
import java.util.Optional;

/** `prometheus` on the environment's `prometheus` section; its `timeout` bounds each call. */
public final class PrometheusLive implements LiveBinding {
  @Override
  public Optional<String> section() {
    return Optional.of("prometheus");
  }

  @Override
  public DriverBinder prepare(LiveSetup setup) throws Exception {
    EnvironmentConfig environment = setup.service(EnvironmentConfig.class);
    Secrets secrets = setup.service(Secrets.class);
    return into -> {
      PromTarget target = environment.requirePrometheus();
      PrometheusClient client = new PrometheusClient(target.url().toString(),
          secrets.resolve(target.token()));
      LivePrometheusBindings.bind(client, into);
      RequestTimeout.apply(target.timeout(), into);
      return client;
    };
  }
}
