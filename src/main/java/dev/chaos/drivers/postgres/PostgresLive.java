package dev.chaos.drivers.postgres;

import dev.chaos.config.EnvironmentConfig;
import dev.chaos.config.PostgresTarget;
import dev.chaos.config.Secrets;
import dev.chaos.spi.DriverBinder;
import dev.chaos.spi.LiveBinding;
import dev.chaos.spi.LiveSetup;
import java.util.Optional;

/** `postgres` on the environment's `postgres` section (a JDBC URL, a user, a password). */
public final class PostgresLive implements LiveBinding {
  @Override
  public Optional<String> section() {
    return Optional.of("postgres");
  }

  /** `chaos recover`: a client of its own for each rebuilt inverse, closed after it. */
  @Override
  public dev.chaos.spi.Undo recover(dev.chaos.spi.UndoRecipe recipe, LiveSetup setup)
      throws Exception {
    EnvironmentConfig environment = setup.service(EnvironmentConfig.class);
    Secrets secrets = setup.service(Secrets.class);
    return u -> {
      PostgresTarget target = environment.requirePostgres();
      try (PgClient client = new PgClient(target.url(), target.user(),
          secrets.resolve(target.password()))) {
        LivePgBindings.recover(client, recipe, u);
      }
    };
  }

  @Override
  public DriverBinder prepare(LiveSetup setup) throws Exception {
    EnvironmentConfig environment = setup.service(EnvironmentConfig.class);
    Secrets secrets = setup.service(Secrets.class);
    return into -> {
      PostgresTarget target = environment.requirePostgres();
      PgClient client = new PgClient(target.url(), target.user(),
          secrets.resolve(target.password()));
      LivePgBindings.bind(client, into);
      return client;
    };
  }
}
