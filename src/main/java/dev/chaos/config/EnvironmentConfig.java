package dev.chaos.config;

import dev.chaos.spi.yaml.Origin;
import dev.chaos.spi.yaml.YamlSection;
import java.util.Map;
import java.util.Optional;

/**
 * One environment of the config file. Each target section is optional; a driver asks for
 * its own with {@code require...}, which fails naming the missing section. {@code sections}
 * holds every section as written, with its place, for drivers that read their own.
 */
public record EnvironmentConfig(
    String name, EnvClass declaredClass, Origin origin,
    Optional<K8sTarget> kubernetes, Optional<PromTarget> prometheus,
    Optional<RedisTarget> redis, Optional<PostgresTarget> postgres,
    Optional<NotifyTarget> notification, Optional<HttpRoutes> http,
    Map<String, YamlSection.Field> sections) {

  public EnvironmentConfig {
    sections = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(sections));
  }

  /** The section {@code key} as written, if the environment has one. */
  public Optional<YamlSection.Field> section(String key) {
    return Optional.ofNullable(sections.get(key));
  }

  public K8sTarget requireKubernetes() throws ConfigException {
    return require(kubernetes, "kubernetes");
  }

  public PromTarget requirePrometheus() throws ConfigException {
    return require(prometheus, "prometheus");
  }

  public RedisTarget requireRedis() throws ConfigException {
    return require(redis, "redis");
  }

  public PostgresTarget requirePostgres() throws ConfigException {
    return require(postgres, "postgres");
  }

  /** The environment's `http.connect_to` routes; none when the section is absent. */
  public HttpRoutes httpRoutes() {
    return http.orElseGet(() -> new HttpRoutes(java.util.Map.of()));
  }

  public NotifyTarget requireNotify() throws ConfigException {
    return require(notification, "notify");
  }

  private <T> T require(Optional<T> section, String key) throws ConfigException {
    if (section.isPresent()) {
      return section.get();
    }
    throw missing(key);
  }

  /** The error of every driver whose section {@code key} is missing. */
  public ConfigException missing(String key) {
    return new ConfigException(origin,
        "environment `" + name + "` has no `" + key + "` section (add `" + origin.key() + "."
            + key + "`)");
  }
}
