package dev.chaos.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** How clients follow a switch of the lab's DNS record, without a server. */
class DnsRecordTest {
  @Test
  void pointsAtThePrimaryAtStartAndEveryClientFollowsIt() {
    DnsRecord record = new DnsRecord("primary", Duration.ofSeconds(5), () -> 0.0);
    assertThat(record.settled(System.nanoTime())).isTrue();
    assertThat(record.regionFor(System.nanoTime())).isEqualTo("primary");
  }

  @Test
  void clientsMoveOverTheTtlThenAllReachTheNewRegion() {
    long seed = System.nanoTime();
    System.out.println("DnsRecordTest seed " + seed);
    Random random = new Random(seed);
    DnsRecord record = new DnsRecord("primary", Duration.ofSeconds(10), random::nextDouble);
    DnsRecord.State switched = record.point("backup");
    long at = switched.switchedAtNanos();
    assertThat(record.settled(at)).isFalse();
    // just after the switch almost every cached answer still names the primary
    assertThat(share(record, at + Duration.ofMillis(100).toNanos())).isLessThan(0.05);
    // half-way through the TTL about half the clients have followed
    assertThat(share(record, at + Duration.ofSeconds(5).toNanos())).isBetween(0.4, 0.6);
    assertThat(record.settled(at + Duration.ofSeconds(10).toNanos())).isTrue();
    assertThat(share(record, at + Duration.ofSeconds(10).toNanos())).isEqualTo(1.0);
  }

  @Test
  void aSwitchToWhereItPointsChangesNothingAndAnUnknownRegionIsRefused() {
    DnsRecord record = new DnsRecord("primary", Duration.ofSeconds(5), () -> 0.0);
    DnsRecord.State before = record.state();
    assertThat(record.point("primary")).isSameAs(before);
    assertThat(record.settled(System.nanoTime())).isTrue();
    assertThatThrownBy(() -> record.point("mars")).hasMessageContaining("unknown region `mars`");
  }

  private static double share(DnsRecord record, long at) {
    int backup = 0;
    for (int i = 0; i < 2000; i++) {
      backup += record.regionFor(at).equals("backup") ? 1 : 0;
    }
    return backup / 2000.0;
  }
}
