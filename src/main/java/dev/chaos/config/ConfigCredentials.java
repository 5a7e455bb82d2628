package dev.chaos.config;

import dev.chaos.spi.Redactor;

/**
 * The credentials written inside an environment's URLs (`http://user:password@prometheus`, a
 * JDBC URL's `?password=`), taught to a {@link Redactor} when the run starts: they are not
 * secret references, but a server that echoes them must not reach the output either.
 */
public final class ConfigCredentials {
  private ConfigCredentials() {}

  public static void learn(Redactor redactor, EnvironmentConfig environment) {
    environment.prometheus().ifPresent(p -> redactor.learnUrls(p.url().toString()));
    environment.notification().ifPresent(n -> {
      redactor.learnUrls(n.webhook().toString());
      n.contacts().values().forEach(c -> redactor.learnUrls(c.webhook().toString()));
    });
    environment.postgres().ifPresent(p -> redactor.learnUrls(p.url()));
  }
}
