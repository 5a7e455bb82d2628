package dev.chaos.drivers.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When a held lock is renewed, retried and given up, on a clock the test moves. */
class LeaseRenewalTest {
  private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");
  private static final Duration LEASE = Duration.ofSeconds(30);

  /** A clock the test sets. */
  private static final class MovableClock extends Clock {
    Instant now = T0;

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  /** Each attempt's outcome, in order: "ok", "down" (unreachable) or "gone". */
  private final Deque<String> outcomes = new ArrayDeque<>();
  private final List<String> lost = new ArrayList<>();
  private final MovableClock clock = new MovableClock();
  private int attempts;

  private LeaseRenewal renewal() {
    return new LeaseRenewal(() -> {
      attempts++;
      String next = outcomes.isEmpty() ? "ok" : outcomes.poll();
      if (next.equals("down")) {
        throw new IllegalStateException("the Lease cannot be read: connection refused");
      }
      if (next.equals("gone")) {
        throw new LeaseRenewal.Gone("the Lease was deleted");
      }
    }, clock, LEASE, T0, lost::add);
  }

  @Test
  void aHeldLockIsRenewedEveryThirdOfItsDurationForAsLongAsTheRunLasts() {
    LeaseRenewal r = renewal();
    Duration next = r.renewEvery();
    assertThat(next).isEqualTo(Duration.ofSeconds(10));
    // an hour: 360 renewals, each 10 s after the last, never lost
    for (int i = 0; i < 360; i++) {
      clock.now = clock.now.plus(next);
      next = r.tick();
      assertThat(next).isEqualTo(Duration.ofSeconds(10));
    }
    assertThat(attempts).isEqualTo(360);
    assertThat(lost).isEmpty();
  }

  @Test
  void anUnreachableStoreIsRetriedEverySecondAndTheLockKeptWhenItComesBack() {
    LeaseRenewal r = renewal();
    outcomes.addAll(List.of("down", "down", "down", "ok"));
    clock.now = T0.plusSeconds(10);
    assertThat(r.tick()).isEqualTo(LeaseRenewal.RETRY_EVERY);
    clock.now = T0.plusSeconds(11);
    assertThat(r.tick()).isEqualTo(LeaseRenewal.RETRY_EVERY);
    clock.now = T0.plusSeconds(12);
    assertThat(r.tick()).isEqualTo(LeaseRenewal.RETRY_EVERY);
    clock.now = T0.plusSeconds(13);
    assertThat(r.tick()).isEqualTo(Duration.ofSeconds(10));
    assertThat(lost).isEmpty();
  }

  @Test
  void anUnreachableStoreUntilTheLeaseWouldExpireLosesTheLockOnce() {
    LeaseRenewal r = renewal();
    for (int i = 0; i < 40; i++) {
      outcomes.add("down");
    }
    clock.now = T0.plusSeconds(10);
    Duration next = r.tick();
    while (next != null) {
      clock.now = clock.now.plus(next);
      next = r.tick();
    }
    // the last try is the one after which the next would come too late: 29 s after T0
    assertThat(clock.now).isEqualTo(T0.plusSeconds(29));
    assertThat(lost).containsExactly("it could not be renewed for 29s and would expire (its "
        + "duration is 30s): the Lease cannot be read: connection refused");
    assertThat(r.tick()).isNull();
    assertThat(lost).hasSize(1);
  }

  @Test
  void aLeaseThatIsNoLongerOursIsLostAtOnce() {
    LeaseRenewal r = renewal();
    outcomes.add("gone");
    clock.now = T0.plusSeconds(10);
    assertThat(r.tick()).isNull();
    assertThat(lost).containsExactly("the Lease was deleted");
    assertThat(r.tick()).isNull();
    assertThat(attempts).isEqualTo(1);
  }

  @Test
  void aStoppedRenewalNeitherRenewsNorReportsALoss() {
    LeaseRenewal r = renewal();
    r.stop();
    outcomes.add("gone");
    assertThat(r.tick()).isNull();
    assertThat(attempts).isZero();
    assertThat(lost).isEmpty();
  }
}
