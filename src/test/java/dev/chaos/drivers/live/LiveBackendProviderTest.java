package dev.chaos.drivers.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chaos.config.ChaosConfig;
import dev.chaos.config.ConfigException;
import dev.chaos.config.KubectlFlags;
import dev.chaos.config.LiveRequest;
import dev.chaos.drivers.RealClockContext;
import dev.chaos.spi.Backend;
import dev.chaos.spi.BuiltinImpl;
import dev.chaos.types.Value;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The live backend: drivers from one environment of the config file, connected on first use. */
class LiveBackendProviderTest {
  @TempDir
  Path dir;

  private Backend open(String config, String environment) throws Exception {
    Path file = dir.resolve("chaos.yaml");
    Files.writeString(file, config);
    return new LiveBackendProvider().open(new LiveRequest(dir,
        ChaosConfig.load(file).environment(environment), KubectlFlags.NONE));
  }

  private static Value call(Backend backend, String builtin, Object... args) throws Exception {
    BuiltinImpl impl = backend.impl(builtin);
    assertThat(impl).as(builtin).isNotNull();
    return impl.call(RealClockContext.named(args), new RealClockContext(Duration.ofSeconds(5),
        false));
  }

  @Test
  void prometheusCallsReachTheEnvironmentsServer() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.start();
      server.enqueue(new MockResponse.Builder().code(200)
          .addHeader("Content-Type", "application/json")
          .body("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":"
              + "[{\"metric\":{},\"value\":[1764322000.1,\"0.25\"]}]}}").build());
      try (Backend backend = open("""
          environments:
            lab:
              class: dev
              prometheus:
                url: %s
            other:
              class: dev
              prometheus: {url: "http://127.0.0.1:1"}
          """.formatted(server.url("/")), "lab")) {
        assertThat(call(backend, "prometheus.scalar", "query", Value.str("up"))
            .display()).isEqualTo("0.25");
      }
      assertThat(server.takeRequest(1, TimeUnit.SECONDS).getTarget()).startsWith(
          "/api/v1/query?query=up");
    }
  }

  @Test
  void aMissingSectionFailsOnlyTheCallsThatNeedIt() throws Exception {
    try (Backend backend = open("""
        environments:
          lab:
            class: dev
            prometheus: {url: "http://127.0.0.1:19090"}
        """, "lab")) {
      assertThat(call(backend, "len", "value", Value.str("abc")).display()).isEqualTo("3");
      assertThatThrownBy(() -> call(backend, "redis.get", "key", Value.str("k")))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("environment `lab` has no `redis` section");
      // the same mistake, the same message, on every call
      assertThatThrownBy(() -> call(backend, "redis.dbsize"))
          .hasMessageContaining("has no `redis` section");
    }
  }

  @Test
  void aSecretIsReadOnlyWhenItsDriverIsFirstCalled() throws Exception {
    try (Backend backend = open("""
        environments:
          lab:
            class: dev
            postgres:
              url: jdbc:postgresql://127.0.0.1:1/chaos
              user: chaos
              password: env:CHAOS_TEST_UNSET_PG_PASSWORD
        """, "lab")) {
      assertThatThrownBy(() -> call(backend, "postgres.connections"))
          .hasMessageContaining("CHAOS_TEST_UNSET_PG_PASSWORD");
    }
  }

  @Test
  void aClosedPortIsAOneLineErrorNamingTheTarget() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    try (Backend backend = open("""
        environments:
          lab:
            class: dev
            prometheus: {url: "http://127.0.0.1:%d", timeout: 2s}
            redis: {address: "127.0.0.1:%d"}
        """.formatted(closed, closed), "lab")) {
      assertThatThrownBy(() -> call(backend, "prometheus.scalar", "query", Value.str("up")))
          .hasMessageContaining("127.0.0.1:" + closed).hasMessageContaining("refused")
          .hasMessageNotContaining("\n");
      assertThatThrownBy(() -> call(backend, "redis.ping"))
          .hasMessageContaining("127.0.0.1:" + closed).hasMessageNotContaining("\n");
    }
  }

  @Test
  void anUnknownEnvironmentIsRefusedWhenOpening() {
    assertThatThrownBy(() -> open("""
        environments:
          staging: {class: staging}
        """, "stagng")).isInstanceOf(ConfigException.class)
        .hasMessageContaining("no environment `stagng`").hasMessageContaining("`staging`");
  }

  private static final dev.chaos.spi.RunLock.Holder ME = new dev.chaos.spi.RunLock.Holder("ci-1",
      42, "r-20261203-031500-0a1b", "r", "alice", null, java.time.Instant.EPOCH);

  @Test
  void aLockNeedsAClusterToBeKeptIn() throws Exception {
    try (Backend backend = open("""
        environments:
          lab:
            class: dev
            prometheus: {url: "http://127.0.0.1:19090"}
        """, "lab")) {
      assertThatThrownBy(() -> backend.lock("llm-marketplace", ME, why -> { }))
          .isInstanceOf(dev.chaos.spi.RunLock.Refused.class)
          .hasMessage("locks are kept as Kubernetes Leases: environment `lab` has no "
              + "`kubernetes` section (add `environments.lab.kubernetes`)");
    }
  }

  @Test
  void aKubeconfigThatCannotBeReadRefusesTheLockWithItsReason() throws Exception {
    Path missing = dir.resolve("no-such-kubeconfig");
    try (Backend backend = open("""
        environments:
          lab:
            class: dev
            kubernetes: {context: lab, kubeconfig: %s}
        """.formatted(missing), "lab")) {
      assertThatThrownBy(() -> backend.lock("llm-marketplace", ME, why -> { }))
          .isInstanceOf(dev.chaos.spi.RunLock.Refused.class)
          .hasMessageContaining("kubeconfig").hasMessageContaining(missing.toString())
          .hasMessageNotContaining("\n");
    }
  }
}
