package dev.chaos.drivers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What drivers share in a run: opened once on the first ask, closed after, newest first. */
class SharedServicesTest {
  interface Clients extends AutoCloseable {}

  interface Locks extends AutoCloseable {}

  @Test
  void aServiceOpensOnceOnItsFirstAskAndClosesInReverseOrder() throws Exception {
    List<String> events = new ArrayList<>();
    SharedServices services = new SharedServices();
    services.share(Clients.class, () -> {
      events.add("open clients");
      return () -> events.add("close clients");
    });
    services.share(Locks.class, () -> {
      events.add("open locks");
      return () -> events.add("close locks");
    });
    assertThat(events).isEmpty();
    Clients first = services.service(Clients.class);
    assertThat(services.service(Clients.class)).isSameAs(first);
    services.service(Locks.class);
    services.close();
    assertThat(events).containsExactly("open clients", "open locks", "close locks",
        "close clients");
  }

  @Test
  void aServiceThatFailedToOpenIsTriedAgainOnTheNextAsk() throws Exception {
    int[] attempts = new int[1];
    SharedServices services = new SharedServices();
    services.share(String.class, () -> {
      if (++attempts[0] == 1) {
        throw new IllegalStateException("cluster unreachable");
      }
      return "connected";
    });
    assertThatThrownBy(() -> services.service(String.class)).hasMessage("cluster unreachable");
    assertThat(services.service(String.class)).isEqualTo("connected");
  }

  @Test
  void twoOffersOfOneTypeAndAnAskForNoneAreErrorsNamingTheType() {
    SharedServices services = new SharedServices();
    services.shareValue(String.class, "a");
    assertThatThrownBy(() -> services.shareValue(String.class, "b"))
        .hasMessageContaining("java.lang.String");
    assertThatThrownBy(() -> services.service(Integer.class))
        .hasMessageContaining("no driver of this build shares a `java.lang.Integer`");
  }
}
