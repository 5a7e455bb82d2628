package dev.chaos.config;

import static dev.chaos.config.ChaosConfigTest.error;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Each kind of mistake in the file: one message naming the file, line, column and key. */
class ConfigErrorsTest {
  static final String F = "/srv/chaos/chaos.yaml:";

  static String env(String... lines) {
    return "environments:\n  staging:\n    class: staging\n" + String.join("\n", lines) + "\n";
  }

  @Test
  void malformedYaml() {
    assertEquals(F + "4:15: malformed YAML: expected ',' or ']', but got :",
        error("environments:\n  staging:\n    class: [dev\n    kubernetes: {}\n"));
  }

  @Test
  void tabIndentation() {
    assertEquals(F + "3:1: malformed YAML: found character '\\t(TAB)' that cannot start any token."
            + " (Do not use \\t(TAB) for indentation)",
        error("environments:\n  dev:\n\tclass: dev\n"));
  }

  @Test
  void aSecondDocument() {
    assertEquals(F + "4:1: the config file must hold one YAML document, found a second",
        error("environments:\n  dev: {class: dev}\n---\nenvironments: {}\n"));
  }

  @Test
  void unknownKeyWithASuggestion() {
    assertEquals(F + "5:7: unknown key `environments.staging.prometheus.ulr`; did you mean `url`?",
        error(env("    prometheus:", "      ulr: http://prom:9090")));
  }

  @Test
  void unknownKeyListsTheKeys() {
    assertEquals(F + "4:5: unknown key `environments.staging.elasticsearch` (expected `class`,"
            + " `kubernetes`, `prometheus`, `redis`, `postgres`, `notify`, `http`)",
        error(env("    elasticsearch: {}")));
  }

  @Test
  void wrongType() {
    assertEquals(F + "4:17: `environments.staging.prometheus` must be a mapping, not the string"
            + " `http://prom:9090`",
        error(env("    prometheus: http://prom:9090")));
  }

  @Test
  void missingRequiredKey() {
    assertEquals(F + "4:5: missing required key `environments.staging.postgres.user`",
        error(env("    postgres:", "      url: jdbc:postgresql://pg/db")));
  }

  @Test
  void missingClass() {
    assertEquals(F + "2:3: missing required key `environments.dev.class`",
        error("environments:\n  dev:\n    redis: {address: 'localhost:6379'}\n"));
  }

  @Test
  void emptyFile() {
    assertEquals(F + "1:1: missing required key `environments` (the file is empty)", error(""));
  }

  @Test
  void badDuration() {
    assertEquals(F + "6:16: `environments.staging.prometheus.timeout`: `5 seconds` is not a"
            + " duration: write a number and a unit (ms, s, m, h or d), largest unit first, e.g."
            + " `500ms` or `1m30s`; did you mean `5s`?",
        error(env("    prometheus:", "      url: http://prom:9090", "      timeout: 5 seconds")));
  }

  @Test
  void durationWithoutUnit() {
    assertEquals(F + "6:16: `environments.staging.prometheus.timeout`: `5` is not a duration:"
            + " write its unit (ms, s, m, h or d), e.g. `5s`",
        error(env("    prometheus:", "      url: http://prom:9090", "      timeout: 5")));
  }

  @Test
  void badClass() {
    assertEquals(F + "3:12: `environments.dev.class` must be `dev`, `staging` or `prod`, not"
            + " `production`; did you mean `prod`?",
        error("environments:\n  dev:\n    class: production\n"));
  }

  @Test
  void inlineSecretIsRefused() {
    ConfigException e = assertThrows(ConfigException.class, () -> ChaosConfigTest.parse(env(
        "    postgres:", "      url: jdbc:postgresql://pg/db", "      user: chaos",
        "      password: hunter2")));
    assertEquals(F + "7:17: `environments.staging.postgres.password` must be `env:NAME` or"
        + " `file:PATH`, never the secret itself", e.getMessage());
    assertEquals("environments.staging.postgres.password", e.key());
    assertEquals(7, e.line());
    assertEquals(17, e.column());
    assertFalse(e.getMessage().contains("hunter2"), "the secret must not be echoed");
  }

  @Test
  void inlineNumericSecretIsRefused() {
    assertEquals(F + "5:17: `environments.staging.redis.password` must be `env:NAME` or"
            + " `file:PATH`, never the secret itself",
        error(env("    redis:", "      password: 123456", "      address: redis:6379")));
  }

  @Test
  void badEnvSecretName() {
    assertEquals(F + "6:14: `environments.staging.notify.token`: `env:NAME` needs a variable name"
            + " of letters, digits and `_` (the value is not shown: it may be the secret itself)",
        error(env("    notify:", "      webhook: http://hook", "      token: env:MY-TOKEN")));
  }

  /** A secret pasted after `env:` by mistake is never echoed, whatever is wrong with it. */
  @Test
  void aMistypedEnvReferenceIsNeverEchoed() {
    String spaced = error(env("    notify:", "      webhook: http://hook",
        "      token: \"env: s3cr3t-pasted-token\""));
    assertEquals(F + "6:14: `environments.staging.notify.token`: `env:NAME` has no space around"
        + " the variable name (the value is not shown: it may be the secret itself)", spaced);
    String pasted = error(env("    notify:", "      webhook: http://hook",
        "      token: \"env:Bearer s3cr3t/pasted+token==\""));
    assertFalse(pasted.contains("s3cr3t"), pasted);
    assertFalse(error(env("    prometheus:", "      url: \"htp://admin:hunter2pw@prom:9090\""))
        .contains("hunter2pw"));
    assertFalse(error(env("    postgres:", "      url: \"postgresql://pg/db?password=hunter2pw\"",
        "      user: chaos")).contains("hunter2pw"));
  }

  @Test
  void duplicateKey() {
    assertEquals(F + "4:3: duplicate key `dev` (first written at line 2)",
        error("environments:\n  dev: {class: dev}\n  prod: {class: prod}\n  dev: {class: dev}\n"));
  }

  @Test
  void redisNeedsOneForm() {
    assertEquals(F + "4:5: `environments.staging.redis` needs exactly one of `address` (direct)"
            + " or `sentinels` with `master`",
        error(env("    redis:", "      master: mymaster")));
  }

  @Test
  void badSentinelAddress() {
    assertEquals(F + "5:35: `environments.staging.redis.sentinels` must be `host:port`, not the"
            + " string `10.0.0.2`",
        error(env("    redis:", "      sentinels: [10.0.0.1:26379, 10.0.0.2]", "      master: m")));
  }

  @Test
  void inClusterExcludesAContext() {
    assertEquals(F + "6:7: `environments.staging.kubernetes.context` cannot be used with"
            + " `in_cluster: true` (in-cluster uses the pod's service account)",
        error(env("    kubernetes:", "      in_cluster: true", "      context: staging")));
  }

  @Test
  void badJdbcUrl() {
    assertEquals(F + "5:12: `environments.staging.postgres.url` must be a JDBC URL starting with"
            + " `jdbc:postgresql:`, not `postgres://pg/db`",
        error(env("    postgres:", "      url: postgres://pg/db", "      user: u")));
  }

  @Test
  void badWebhookUrl() {
    assertEquals(F + "5:16: `environments.staging.notify.webhook` must be an http:// or https://"
            + " URL, not `hooks.example`",
        error(env("    notify:", "      webhook: hooks.example")));
  }

  @Test
  void noEnvironments() {
    assertEquals(F + "1:1: unknown key `environment`; did you mean `environments`?",
        error("environment:\n  dev: {class: dev}\n"));
  }

  @Test
  void aHugeDurationIsRefusedNotOverflowed() {
    assertEquals(F + "6:16: `environments.staging.prometheus.timeout`: `99999999999999999999h` is"
            + " too long for a duration: at most about 292 years (`106751d`)",
        error(env("    prometheus:", "      url: http://prom:9090", "      timeout: 99999999999999999999h")));
  }

  @Test
  void inClusterMustBeABoolean() {
    assertEquals(F + "5:19: `environments.staging.kubernetes.in_cluster` must be `true` or `false`,"
            + " not the string `yes`",
        error(env("    kubernetes:", "      in_cluster: yes")));
  }

  @Test
  void anEnvironmentMustBeAMapping() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ChaosConfigTest.parse("environments:\n  dev:\n"));
    assertEquals(F + "2:7: `environments.dev` must be a mapping, not empty", e.getMessage());
    assertEquals(java.nio.file.Path.of("/srv/chaos/chaos.yaml"), e.file());
    assertEquals("environments.dev", e.key());
  }

  @Test
  void httpRoutesMapAddressesToAddresses() throws Exception {
    HttpRoutes routes = ChaosConfigTest.parse(env("    http:", "      connect_to:",
        "        graphql-gateway.llm-marketplace:4000: 127.0.0.1:18080"))
        .environment("staging").httpRoutes();
    assertEquals(java.util.Optional.of(new HostPort("127.0.0.1", 18080)),
        routes.route("graphql-gateway.llm-marketplace", 4000));
    assertEquals(java.util.Optional.empty(), routes.route("graphql-gateway.llm-marketplace", 80));
    assertEquals(F + "6:9: `environments.staging.http.connect_to.gateway` is not `host:port` "
            + "(the address a runbook names)",
        error(env("    http:", "      connect_to:", "        gateway: 127.0.0.1:18080")));
    assertEquals(F + "6:21: `environments.staging.http.connect_to.gateway:80` must be "
            + "`host:port`, not the string `nowhere`",
        error(env("    http:", "      connect_to:", "        gateway:80: nowhere")));
  }

  @Test
  void locksAreKeptInTheirOwnNamespaceOrInDefault() throws Exception {
    assertEquals("chaos-testing", ChaosConfigTest.parse(env("    kubernetes:",
        "      lock_namespace: chaos-testing")).environment("staging").requireKubernetes()
        .lockNamespace());
    assertEquals("default", ChaosConfigTest.parse(env("    kubernetes: {context: lab}"))
        .environment("staging").requireKubernetes().lockNamespace());
  }

  @Test
  void aLocksLeaseLastsThirtySecondsUnlessTheFileSaysAndNeverUnderThree() throws Exception {
    assertEquals(java.time.Duration.ofSeconds(30), ChaosConfigTest.parse(env(
        "    kubernetes: {context: lab}")).environment("staging").requireKubernetes()
        .lockLease());
    assertEquals(java.time.Duration.ofSeconds(5), ChaosConfigTest.parse(env("    kubernetes:",
        "      lock_lease: 5s")).environment("staging").requireKubernetes().lockLease());
    assertEquals(F + "5:19: `environments.staging.kubernetes.lock_lease` must be at least 3s "
            + "(it is renewed every third of it), not 500ms",
        error(env("    kubernetes:", "      lock_lease: 500ms")));
  }
}
