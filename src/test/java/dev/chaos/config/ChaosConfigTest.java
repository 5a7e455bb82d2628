package dev.chaos.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChaosConfigTest {
  static final Path FILE = Path.of("/srv/chaos/chaos.yaml");
  static final Path HOME = Path.of("/home/op");

  static final String FULL = String.join("\n",
      "environments:",
      "  staging:",
      "    class: staging",
      "    kubernetes:",
      "      context: staging-eu",
      "      kubeconfig: ~/.kube/staging",
      "      clusters:",
      "        dr:",
      "          context: staging-us",
      "          kubeconfig: kube/dr.yaml",
      "    prometheus:",
      "      url: https://prom.staging.example:9090",
      "      token: env:PROM_TOKEN",
      "      timeout: 1m30s",
      "    redis:",
      "      sentinels: [10.0.0.1:26379, '[::1]:26380']",
      "      master: mymaster",
      "      password: file:secrets/redis",
      "    postgres:",
      "      url: jdbc:postgresql://pg.staging:5432/market",
      "      user: chaos",
      "      password: env:PG_PASSWORD",
      "    notify:",
      "      webhook: https://hooks.example/chaos",
      "      token: file:/run/secrets/hook",
      "  prod:",
      "    class: prod",
      "    kubernetes:",
      "      in_cluster: true",
      "    redis:",
      "      address: redis.prod:6379",
      "");

  static ChaosConfig parse(String text) throws ConfigException {
    return ChaosConfig.parse(FILE, text, HOME);
  }

  static String error(String text) {
    return assertThrows(ConfigException.class, () -> parse(text)).getMessage();
  }

  @Test
  void readsEveryKeyOfAFullFile() throws Exception {
    ChaosConfig config = parse(FULL);
    assertEquals(List.of("staging", "prod"), List.copyOf(config.environments().keySet()));

    EnvironmentConfig staging = config.environment("staging");
    assertEquals(EnvClass.STAGING, staging.declaredClass());
    K8sTarget k8s = staging.requireKubernetes();
    assertEquals(Optional.of("staging-eu"), k8s.context());
    assertFalse(k8s.inCluster());
    assertEquals(Optional.of(Path.of("/home/op/.kube/staging")), k8s.kubeconfig());
    assertEquals(new K8sCluster("dr", "staging-us", Optional.of(Path.of("/srv/chaos/kube/dr.yaml"))),
        k8s.clusters().get("dr"));

    PromTarget prom = staging.requirePrometheus();
    assertEquals(URI.create("https://prom.staging.example:9090"), prom.url());
    assertEquals("env:PROM_TOKEN", prom.token().get().toString());
    assertEquals(Duration.ofSeconds(90), prom.timeout());

    RedisTarget redis = staging.requireRedis();
    assertTrue(redis.viaSentinel());
    assertEquals(List.of(new HostPort("10.0.0.1", 26379), new HostPort("::1", 26380)), redis.sentinels());
    assertEquals("[::1]:26380", redis.sentinels().get(1).toString());
    assertEquals(Optional.of("mymaster"), redis.master());
    assertEquals(Path.of("/srv/chaos/secrets/redis"), redis.password().get().path());

    PostgresTarget pg = staging.requirePostgres();
    assertEquals("jdbc:postgresql://pg.staging:5432/market", pg.url());
    assertEquals("chaos", pg.user());
    SecretRef pgPassword = pg.password().get();
    assertEquals(SecretRef.Source.ENV, pgPassword.source());
    assertEquals("PG_PASSWORD", pgPassword.variable());
    assertEquals("environments.staging.postgres.password", pgPassword.origin().key());
    assertEquals(22, pgPassword.origin().line());
    assertEquals(17, pgPassword.origin().column());

    NotifyTarget hook = staging.requireNotify();
    assertEquals(URI.create("https://hooks.example/chaos"), hook.webhook());
    assertEquals(Path.of("/run/secrets/hook"), hook.token().get().path());

    EnvironmentConfig prod = config.environment("prod");
    assertEquals(EnvClass.PROD, prod.declaredClass());
    assertTrue(prod.requireKubernetes().inCluster());
    RedisTarget direct = prod.requireRedis();
    assertFalse(direct.viaSentinel());
    assertEquals(Optional.of(new HostPort("redis.prod", 6379)), direct.address());
    assertEquals(PromTarget.DEFAULT_TIMEOUT, Duration.ofSeconds(5));
    assertTrue(prod.prometheus().isEmpty());
  }

  @Test
  void aMissingSectionIsNamedWhenADriverAsksForIt() throws Exception {
    ConfigException e = assertThrows(ConfigException.class,
        () -> parse(FULL).environment("prod").requirePostgres());
    assertEquals("/srv/chaos/chaos.yaml:26:3: environment `prod` has no `postgres` section"
        + " (add `environments.prod.postgres`)", e.getMessage());
  }

  @Test
  void anUnknownEnvironmentListsTheNames() {
    ConfigException e = assertThrows(ConfigException.class, () -> parse(FULL).environment("stagin"));
    assertEquals("/srv/chaos/chaos.yaml: no environment `stagin` (the environments are `staging`,"
        + " `prod`); did you mean `staging`?", e.getMessage());
    assertEquals(0, e.line());
  }

  @Test
  void aMissingFileIsNamed(@TempDir Path dir) {
    Path missing = dir.resolve("chaos.yaml");
    ConfigException e = assertThrows(ConfigException.class, () -> ChaosConfig.load(missing));
    assertEquals(missing + ": config file not found", e.getMessage());
  }

  @Test
  void loadsAFileFromDisk(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("chaos.yaml");
    Files.writeString(file, FULL);
    ChaosConfig config = ChaosConfig.load(file, HOME);
    assertEquals(file, config.file());
    assertEquals(dir.resolve("secrets/redis"),
        config.environment("staging").requireRedis().password().get().path());
  }
}
