package dev.chaos.drivers.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.chaos.spi.RunLock;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Runbook locks as Leases, renewed while held, on a Kubernetes API in CRUD mode on loopback. */
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

  private static final Duration LONG = Duration.ofMinutes(40);
  private final List<String> lost = new CopyOnWriteArrayList<>();

  private LeaseLocks at(Instant now) {
    return new LeaseLocks(() -> client, "chaos-testing", Clock.fixed(now, ZoneOffset.UTC), LONG);
  }

  private static RunLock.Holder holder(String host, String runId) {
    return new RunLock.Holder(host, 42, runId, "pod-failure", "alice",
        "/runs/" + runId + "/journal.jsonl", T0);
  }

  private static final RunLock.Holder ALICE = holder("ci-1", "pod-failure-20261128-100000-a1b2");
  private static final RunLock.Holder BOB = holder("ci-2", "pod-failure-20261128-100100-b3c4");

  private Lease lease() {
    return client.leases().inNamespace("chaos-testing").withName("chaos-lock-llm-marketplace")
        .get();
  }

  @Test
  void aFreeLockIsTakenAsALeaseNamingItsHolderAndReleasedByDeletingIt() throws Exception {
    RunLock lock = at(T0).take("llm-marketplace", ALICE, lost::add);
    Lease lease = lease();
    assertThat(lease.getSpec().getHolderIdentity())
        .isEqualTo("ci-1/42/pod-failure-20261128-100000-a1b2");
    assertThat(lease.getSpec().getLeaseDurationSeconds()).isEqualTo(2400);
    assertThat(lease.getSpec().getAcquireTime().toInstant()).isEqualTo(T0);
    assertThat(lease.getMetadata().getAnnotations()).containsEntry("chaos.dev/runbook",
        "pod-failure").containsEntry("chaos.dev/user", "alice")
        .containsEntry("chaos.dev/journal", "/runs/pod-failure-20261128-100000-a1b2/journal.jsonl")
        .containsEntry("chaos.dev/started", "2026-11-28T10:00:00Z");
    lock.release();
    assertThat(lease()).isNull();
    assertThat(lost).isEmpty();
  }

  @Test
  void aHeldLockRefusesASecondRunNamingTheHolderAndSinceWhen() throws Exception {
    RunLock held = at(T0).take("llm-marketplace", ALICE, lost::add);
    assertThatThrownBy(() -> at(T0.plusSeconds(60)).take("llm-marketplace", BOB, lost::add))
        .isInstanceOf(RunLock.Refused.class)
        .hasMessage("held by run pod-failure-20261128-100000-a1b2 of runbook `pod-failure` "
            + "(host ci-1, pid 42, user alice) since 2026-11-28T10:00:00Z (Lease "
            + "chaos-testing/chaos-lock-llm-marketplace, renewed 2026-11-28T10:00:00Z)");
    assertThat(lease().getSpec().getHolderIdentity()).startsWith("ci-1/");
    held.release();
  }

  @Test
  void aLeaseWrittenByHandIsDescribedByItsIdentity() throws Exception {
    client.leases().inNamespace("chaos-testing").resource(new LeaseBuilder().withNewMetadata()
        .withName("chaos-lock-llm-marketplace").endMetadata().withNewSpec()
        .withHolderIdentity("bob@ci-3").withLeaseDurationSeconds(600)
        .withAcquireTime(T0.atZone(ZoneOffset.UTC)).endSpec().build()).create();
    assertThatThrownBy(() -> at(T0.plusSeconds(60)).take("llm-marketplace", ALICE, lost::add))
        .hasMessageStartingWith("held by bob@ci-3 since 2026-11-28T10:00:00Z (Lease ");
  }

  @Test
  void anExpiredLockIsTakenOverAndTheDeadHoldersReleaseLeavesItAlone() throws Exception {
    RunLock dead = at(T0).take("llm-marketplace", ALICE, lost::add);
    RunLock next = at(T0.plus(Duration.ofMinutes(41))).take("llm-marketplace", BOB, lost::add);
    assertThat(lease().getSpec().getHolderIdentity()).startsWith("ci-2/");
    assertThat(lease().getSpec().getLeaseTransitions()).isEqualTo(1);
    dead.release();
    assertThat(lease().getSpec().getHolderIdentity()).startsWith("ci-2/");
    next.release();
    assertThat(lease()).isNull();
  }

  /** Real time: a 3 s Lease, renewed every second. */
  private LeaseLocks shortLeases() {
    return new LeaseLocks(() -> client, "chaos-testing", Clock.systemUTC(),
        Duration.ofSeconds(3));
  }

  @Test
  void aLockIsRenewedSoThatItOutlivesSeveralDurationsWhileOthersAreRefused() throws Exception {
    RunLock lock = shortLeases().take("llm-marketplace", ALICE, lost::add);
    Instant acquired = lease().getSpec().getAcquireTime().toInstant();
    // three durations later it is still held, renewed on the way
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() ->
        Duration.between(acquired, lease().getSpec().getRenewTime().toInstant()).toSeconds()
            >= 9);
    assertThatThrownBy(() -> shortLeases().take("llm-marketplace", BOB, lost::add))
        .isInstanceOf(RunLock.Refused.class).hasMessageStartingWith("held by run "
            + "pod-failure-20261128-100000-a1b2");
    assertThat(lost).isEmpty();
    lock.release();
    assertThat(lease()).isNull();
  }

  @Test
  void aLeaseTakenByAnotherHolderIsReportedLost() throws Exception {
    RunLock lock = shortLeases().take("llm-marketplace", ALICE, lost::add);
    Lease stolen = lease();
    stolen.getSpec().setHolderIdentity("ci-9/7/other-run");
    stolen.getMetadata().setAnnotations(java.util.Map.of("chaos.dev/runbook", "db-exhaustion"));
    client.leases().inNamespace("chaos-testing").resource(stolen).update();
    await().atMost(Duration.ofSeconds(20)).until(() -> !lost.isEmpty());
    assertThat(lost).containsExactly("the Lease is now held by run other-run of runbook "
        + "`db-exhaustion` (host ci-9, pid 7) since " + LeaseLocks.seconds(stolen.getSpec().getAcquireTime())
        + " (Lease chaos-testing/chaos-lock-llm-marketplace)");
    lock.release();
    // the release leaves the other holder's Lease alone
    assertThat(lease().getSpec().getHolderIdentity()).isEqualTo("ci-9/7/other-run");
  }

  @Test
  void aDeletedLeaseIsReportedLost() throws Exception {
    RunLock lock = shortLeases().take("llm-marketplace", ALICE, lost::add);
    client.leases().inNamespace("chaos-testing").withName("chaos-lock-llm-marketplace")
        .delete();
    await().atMost(Duration.ofSeconds(20)).until(() -> !lost.isEmpty());
    assertThat(lost).containsExactly("the Lease was deleted (Lease "
        + "chaos-testing/chaos-lock-llm-marketplace)");
    lock.release();
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
          Clock.systemUTC(), LONG).take("llm-marketplace", ALICE, lost::add))
          .isInstanceOf(RunLock.Refused.class)
          .hasMessage("the Lease chaos-testing/chaos-lock-llm-marketplace cannot be read or "
              + "written: connection refused");
    }
  }
}
