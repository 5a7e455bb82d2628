package dev.chaos.drivers.live;

import dev.chaos.config.EnvironmentConfig;
import dev.chaos.config.SecretRef;
import dev.chaos.config.Secrets;
import dev.chaos.drivers.SharedServices;
import dev.chaos.spi.LiveSetup;
import dev.chaos.spi.yaml.YamlSection;
import java.nio.file.Path;
import java.util.Optional;

/** What one driver's live binding gets: its section of the chosen environment, and services. */
record LiveDriverSetup(Path runbookDirectory, EnvironmentConfig config, Optional<String> key,
    SharedServices services) implements LiveSetup {

  @Override
  public Optional<YamlSection.Field> section() {
    return key.flatMap(config::section);
  }

  @Override
  public String environment() {
    return config.name();
  }

  @Override
  public Exception missingSection() {
    return config.missing(key.orElse("?"));
  }

  @Override
  public String secret(YamlSection.Field field) throws Exception {
    return services.service(Secrets.class).resolve(SecretRef.read(field, config.origin().file()));
  }

  @Override
  public <T> void share(Class<T> type, Opener<T> opener) {
    services.share(type, opener);
  }

  @Override
  public <T> T service(Class<T> type) throws Exception {
    return services.service(type);
  }
}
