package dev.chaos.drivers.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerFullRetryTest {
  private final List<Duration> pauses = new ArrayList<>();
  private final Connection connection = (Connection) Proxy.newProxyInstance(
      getClass().getClassLoader(), new Class<?>[] {Connection.class}, (p, m, a) -> null);

  private static SQLException refused(String state) {
    return new SQLException("FATAL: sorry, too many clients already", state);
  }

  @Test
  void opensOnceTheServerHasASlotAgain() throws Exception {
    int[] calls = {0};
    Connection opened = ServerFullRetry.open(() -> {
      if (++calls[0] < 4) {
        throw refused(ServerFullRetry.TOO_MANY_CONNECTIONS);
      }
      return connection;
    }, Duration.ofSeconds(10), pauses::add);
    assertThat(opened).isSameAs(connection);
    assertThat(pauses).containsExactly(Duration.ofMillis(50), Duration.ofMillis(100),
        Duration.ofMillis(200));
  }

  @Test
  void otherFailuresAreNotRetried() {
    assertThatThrownBy(() -> ServerFullRetry.open(() -> {
      throw refused("28P01");
    }, Duration.ofSeconds(10), pauses::add)).isInstanceOf(SQLException.class);
    assertThat(pauses).isEmpty();
  }

  @Test
  void aServerFullForTheWholeBudgetFailsWithItsRefusal() {
    assertThatThrownBy(() -> ServerFullRetry.open(() -> {
      throw refused(ServerFullRetry.TOO_MANY_CONNECTIONS);
    }, Duration.ofMillis(1), pauses::add)).hasMessageContaining("too many clients");
  }
}
