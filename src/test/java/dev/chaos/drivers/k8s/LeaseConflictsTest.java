package dev.chaos.drivers.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chaos.spi.RunLock;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Leases against an API that answers what a busy cluster may: another runner's create landing
 * between our read and our create (409), a release that fails (500, 409). The server answers in
 * the order its expectations were set, so each race is played the same way every time.
 */
@Timeout(60)
class LeaseConflictsTest {
  private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");
  private static final String LEASES = "/apis/coordination.k8s.io/v1/namespaces/chaos-testing/"
      + "leases";
  private static final String LEASE = LEASES + "/chaos-lock-llm-marketplace";
  private static final RunLock.Holder ALICE = new RunLock.Holder("ci-1", 42,
      "pod-failure-20261128-100000-a1b2", "pod-failure", "alice", null, T0);

  private KubernetesMockServer server;
  private KubernetesClient client;
  private final List<String> lost = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    // expectations mode: each request gets the next answer set for it
    server = new KubernetesMockServer(false);
    server.init(InetAddress.getByName("127.0.0.1"), 0);
    client = K8sLab.connect("http://127.0.0.1:" + server.getPort(), "chaos-testing");
  }

  @AfterEach
  void stop() {
    client.close();
    server.destroy();
  }

  private LeaseLocks locks() {
    return new LeaseLocks(() -> client, "chaos-testing", Clock.fixed(T0, ZoneOffset.UTC),
        Duration.ofMinutes(40));
  }

  private static Lease lease(String identity, String runbook, Instant acquired) {
    return new LeaseBuilder().withNewMetadata().withName("chaos-lock-llm-marketplace")
        .withNamespace("chaos-testing").withResourceVersion("7")
        .addToAnnotations(LeaseLocks.RUNBOOK, runbook).addToAnnotations(LeaseLocks.USER, "bob")
        .endMetadata().withNewSpec().withHolderIdentity(identity)
        .withLeaseDurationSeconds(2400).withAcquireTime(acquired.atZone(ZoneOffset.UTC))
        .withRenewTime(acquired.atZone(ZoneOffset.UTC)).endSpec().build();
  }

  private static io.fabric8.kubernetes.api.model.Status status(int code, String reason,
      String message) {
    return new StatusBuilder().withStatus("Failure").withCode(code).withReason(reason)
        .withMessage(message).build();
  }

  @Test
  void aCreateThatLosesTheRaceRefusesNamingTheWinnerAndSinceWhen() {
    // our read finds no Lease; another runner creates it; our create is a 409
    server.expect().get().withPath(LEASE).andReturn(404, status(404, "NotFound",
        "leases.coordination.k8s.io \"chaos-lock-llm-marketplace\" not found")).once();
    server.expect().post().withPath(LEASES).andReturn(409, status(409, "AlreadyExists",
        "leases.coordination.k8s.io \"chaos-lock-llm-marketplace\" already exists")).once();
    server.expect().get().withPath(LEASE).andReturn(200, lease(
        "ci-2/77/chaos-drill-20261128-100000-c3d4", "chaos-drill", T0)).once();
    assertThatThrownBy(() -> locks().take("llm-marketplace", ALICE, lost::add))
        .isInstanceOf(RunLock.Refused.class)
        .hasMessage("held by run chaos-drill-20261128-100000-c3d4 of runbook `chaos-drill` "
            + "(host ci-2, pid 77, user bob) since 2026-11-28T10:00:00Z (Lease "
            + "chaos-testing/chaos-lock-llm-marketplace, renewed 2026-11-28T10:00:00Z)");
  }

  @Test
  void aTakeoverThatLosesTheRaceRefusesNamingTheWinner() {
    // an expired Lease read; another runner takes it over first; our update is a 409
    Instant old = T0.minus(Duration.ofHours(2));
    server.expect().get().withPath(LEASE).andReturn(200, lease("ci-9/1/dead-run", "x", old))
        .once();
    server.expect().put().withPath(LEASE).andReturn(409, status(409, "Conflict",
        "the object has been modified")).once();
    server.expect().get().withPath(LEASE).andReturn(200, lease(
        "ci-2/77/chaos-drill-20261128-100000-c3d4", "chaos-drill", T0)).once();
    assertThatThrownBy(() -> locks().take("llm-marketplace", ALICE, lost::add))
        .isInstanceOf(RunLock.Refused.class)
        .hasMessageStartingWith("held by run chaos-drill-20261128-100000-c3d4 of runbook "
            + "`chaos-drill` (host ci-2, pid 77, user bob) since 2026-11-28T10:00:00Z");
  }

  @Test
  void aWinnerThatIsGoneAgainIsSaid() {
    server.expect().get().withPath(LEASE).andReturn(404, status(404, "NotFound", "gone"))
        .times(2);
    server.expect().post().withPath(LEASES).andReturn(409, status(409, "AlreadyExists",
        "already exists")).once();
    assertThatThrownBy(() -> locks().take("llm-marketplace", ALICE, lost::add))
        .hasMessage("another run wrote the Lease chaos-testing/chaos-lock-llm-marketplace at "
            + "the same moment and it is gone again");
  }

  /** Takes the lock on a free Lease; the release then reads {@code ours} back. */
  private RunLock taken() throws Exception {
    Lease ours = lease(ALICE.identity(), "pod-failure", T0);
    server.expect().get().withPath(LEASE).andReturn(404, status(404, "NotFound", "none")).once();
    server.expect().post().withPath(LEASES).andReturn(201, ours).once();
    server.expect().get().withPath(LEASE).andReturn(200, ours).once();
    return locks().take("llm-marketplace", ALICE, lost::add);
  }

  @Test
  void aReleaseTheApiRefusesIsSaidNamingTheLeaseTheReasonAndTheExpiry() throws Exception {
    RunLock lock = taken();
    server.expect().delete().withPath(LEASE).andReturn(500, status(500, "InternalError",
        "etcdserver: request timed out")).always();
    assertThatThrownBy(lock::release).isInstanceOf(RunLock.NotReleased.class)
        .hasMessage("could not release the lock `llm-marketplace` (Lease chaos-testing/"
            + "chaos-lock-llm-marketplace): HTTP 500: etcdserver: request timed out; it expires"
            + " at 2026-11-28T10:40:00Z");
    assertThat(lost).isEmpty();
  }

  @Test
  void aReleaseThatConflictsIsSaid() throws Exception {
    RunLock lock = taken();
    server.expect().delete().withPath(LEASE).andReturn(409, status(409, "Conflict",
        "the object has been modified")).once();
    assertThatThrownBy(lock::release).isInstanceOf(RunLock.NotReleased.class)
        .hasMessage("could not release the lock `llm-marketplace` (Lease chaos-testing/"
            + "chaos-lock-llm-marketplace): HTTP 409: the object has been modified; it expires"
            + " at 2026-11-28T10:40:00Z");
  }

  @Test
  void aReleaseWithTheApiDownSaysWhenTheLeaseExpires() throws Exception {
    RunLock lock = taken();
    server.destroy();
    assertThatThrownBy(lock::release).isInstanceOf(RunLock.NotReleased.class)
        .hasMessage("could not release the lock `llm-marketplace` (Lease chaos-testing/"
            + "chaos-lock-llm-marketplace): connection refused; it expires at "
            + "2026-11-28T10:40:00Z");
  }
}
