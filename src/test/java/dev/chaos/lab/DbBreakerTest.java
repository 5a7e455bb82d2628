package dev.chaos.lab;

import static dev.chaos.lab.DbBreaker.Admission.CALL;
import static dev.chaos.lab.DbBreaker.Admission.REJECTED;
import static dev.chaos.lab.DbBreaker.Admission.TRIAL;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DbBreakerTest {
  /** A clock the test moves by hand. */
  static final class FakeClock implements InstantSource {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public Instant instant() {
      return now;
    }

    void advance(Duration by) {
      now = now.plus(by);
    }
  }

  private final FakeClock clock = new FakeClock();
  private final List<Boolean> changes = new ArrayList<>();
  private final DbBreaker breaker = new DbBreaker(clock, changes::add);

  private void calls(int succeeded, int failed) {
    for (int i = 0; i < succeeded; i++) {
      breaker.succeeded(breaker.admit());
    }
    for (int i = 0; i < failed; i++) {
      breaker.failed(breaker.admit());
    }
  }

  @Test
  void staysClosedBelowTheMinimumNumberOfCalls() {
    calls(0, DbBreaker.MIN_CALLS - 1);

    assertThat(breaker.open()).isFalse();
    assertThat(breaker.admit()).isEqualTo(CALL);
  }

  @Test
  void opensWhenHalfOfTheCallsOfTheWindowFailedAndThenRejectsAtOnce() {
    calls(3, 2);
    assertThat(breaker.open()).as("2 of 5 failed").isFalse();

    calls(0, 1); // 3 of 6

    assertThat(breaker.open()).isTrue();
    assertThat(changes).containsExactly(true);
    assertThat(breaker.admit()).isEqualTo(REJECTED);
  }

  @Test
  void failuresOlderThanTheWindowDoNotCount() {
    calls(0, 4);
    clock.advance(DbBreaker.WINDOW.plusMillis(1));

    calls(4, 1); // the 4 old failures are gone: 1 of 5

    assertThat(breaker.open()).isFalse();
  }

  @Test
  void afterItsOpenTimeOneTrialIsLetThroughAndItsSuccessClosesIt() {
    calls(0, 5);
    clock.advance(DbBreaker.OPEN_FOR.minusMillis(1));
    assertThat(breaker.admit()).isEqualTo(REJECTED);

    clock.advance(Duration.ofMillis(1));
    DbBreaker.Admission trial = breaker.admit();
    assertThat(trial).isEqualTo(TRIAL);
    assertThat(breaker.admit()).as("only one trial at a time").isEqualTo(REJECTED);
    assertThat(breaker.open()).as("half-open counts as open").isTrue();

    breaker.succeeded(trial);

    assertThat(breaker.open()).isFalse();
    assertThat(changes).containsExactly(true, false);
    // the failures of the outage are forgotten: one more failure does not reopen it
    calls(0, 1);
    assertThat(breaker.open()).isFalse();
  }

  @Test
  void aFailedTrialOpensItForAnotherFullOpenTime() {
    calls(0, 5);
    clock.advance(DbBreaker.OPEN_FOR);
    breaker.failed(breaker.admit());

    clock.advance(DbBreaker.OPEN_FOR.minusMillis(1));
    assertThat(breaker.admit()).isEqualTo(REJECTED);
    clock.advance(Duration.ofMillis(1));
    assertThat(breaker.admit()).isEqualTo(TRIAL);
    assertThat(changes).containsExactly(true);
  }

  @Test
  void aCallAdmittedBeforeItOpenedThatEndsAfterwardsChangesNothing() {
    DbBreaker.Admission early = breaker.admit();
    calls(0, 5);

    breaker.succeeded(early);

    assertThat(breaker.open()).isTrue();
    assertThat(breaker.admit()).isEqualTo(REJECTED);
  }
}
