package dev.chaos.drivers.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chaos.spi.RunLock;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Runbook locks as Leases, on a Kubernetes API in CRUD mode on loopback. */
@Timeout(60)
class LeaseLocksTest {
  private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");

  private KubernetesMockServer server;
  private KubernetesClient client;

  @BeforeEach
  void start() {
    // CRUD mode: objects are stored, read, replaced and deleted as a real API server does
    server = new KubernetesMockServer(new io.fabric8.mockwebserver.Context(),
        new io.fabric8.mockwebserver.MockWebServer(), new java.util.HashMap<>(),
        new io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher(), false);
    server.init(java.net.InetAddress.getLoopbackAddress(), 0);
    client = server.createClient();
  }

  @AfterEach
  void stop() {
    client.close();
    server.destroy();
  }

  private LeaseLocks at(Instant now) {
    return new LeaseLocks(() -> client, "chaos-testing", Clock.fixed(now, ZoneOffset.UTC));
  }

  private Lease lease() {
    return client.leases().inNamespace("chaos-testing").withName("chaos-lock-llm-marketplace")
        .get();
  }

  @Test
  void aFreeLockIsTakenAsALeaseAndReleasedByDeletingIt() throws Exception {
    RunLock lock = at(T0).take("llm-marketplace", "alice@ci-1 (runbook pod-failure)",
        Duration.ofMinutes(40));
    Lease lease = lease();
    assertThat(lease.getSpec().getHolderIdentity()).isEqualTo("alice@ci-1 (runbook pod-failure)");
    assertThat(lease.getSpec().getLeaseDurationSeconds()).isEqualTo(2400);
    assertThat(lease.getSpec().getAcquireTime().toInstant()).isEqualTo(T0);
    lock.release();
    assertThat(lease()).isNull();
  }

  @Test
  void aHeldLockRefusesASecondRunNamingTheHolder() throws Exception {
    at(T0).take("llm-marketplace", "alice@ci-1", Duration.ofMinutes(40));
    assertThatThrownBy(() -> at(T0.plusSeconds(60)).take("llm-marketplace", "bob@ci-2",
        Duration.ofMinutes(40)))
        .isInstanceOf(RunLock.Refused.class)
        .hasMessageStartingWith("held by alice@ci-1 since 2026-11-28T10:00Z")
        .hasMessageContaining("Lease chaos-testing/chaos-lock-llm-marketplace, until "
            + "2026-11-28T10:40Z");
    assertThat(lease().getSpec().getHolderIdentity()).isEqualTo("alice@ci-1");
  }

  @Test
  void anExpiredLockIsTakenOverAndTheDeadHoldersReleaseLeavesItAlone() throws Exception {
    RunLock dead = at(T0).take("llm-marketplace", "alice@ci-1", Duration.ofMinutes(40));
    RunLock next = at(T0.plus(Duration.ofMinutes(41))).take("llm-marketplace", "bob@ci-2",
        Duration.ofMinutes(40));
    assertThat(lease().getSpec().getHolderIdentity()).isEqualTo("bob@ci-2");
    assertThat(lease().getSpec().getLeaseTransitions()).isEqualTo(1);
    dead.release();
    assertThat(lease().getSpec().getHolderIdentity()).isEqualTo("bob@ci-2");
    next.release();
    assertThat(lease()).isNull();
  }

  @Test
  void lockNamesBecomeValidObjectNames() {
    assertThat(LeaseLocks.leaseName("LLM Marketplace / eu")).isEqualTo(
        "chaos-lock-llm-marketplace-eu");
    assertThat(LeaseLocks.leaseName("x".repeat(80))).hasSize(63);
  }

  @Test
  void anUnreachableApiRefusesTheRunWithAOneLineReason() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    KubernetesClient unreachable = new io.fabric8.kubernetes.client.KubernetesClientBuilder()
        .withConfig(new io.fabric8.kubernetes.client.ConfigBuilder()
            .withMasterUrl("http://127.0.0.1:" + closed).withRequestRetryBackoffLimit(0)
            .build()).build();
    try (unreachable) {
      assertThatThrownBy(() -> new LeaseLocks(() -> unreachable, "chaos-testing",
          Clock.systemUTC()).take("llm-marketplace", "alice", Duration.ofMinutes(1)))
          .isInstanceOf(RunLock.Refused.class)
          .hasMessage("the Lease chaos-testing/chaos-lock-llm-marketplace cannot be read or "
              + "written: connection refused");
    }
  }
}
