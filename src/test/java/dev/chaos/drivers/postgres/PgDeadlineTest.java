package dev.chaos.drivers.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chaos.types.Value;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Calls are bounded: a server that is not there, one that never answers, a guard's interrupt.
 * These need no PostgreSQL and run everywhere.
 */
class PgDeadlineTest {
  private static int closedPort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @Test
  void everyFunctionOnAClosedPortIsConnectionRefusedWithinTheDeadline() throws Exception {
    int port = closedPort();
    try (PgClient client = new PgClient("jdbc:postgresql://127.0.0.1:" + port + "/chaos",
        "chaos", "s3cret-password")) {
      String expected = "postgres 127.0.0.1:" + port + "/chaos: connection refused";
      Object[][] calls = {
          {"postgres.scalar", "sql", Value.str("SELECT 1")},
          {"postgres.connections", "state", Value.str("active")},
          {"postgres.replication_lag"},
          {"postgres.replicas"},
          {"postgres.terminate", "application", Value.str("chaos")},
          {"postgres.execute", "sql", Value.str("DELETE FROM t")},
      };
      for (Object[] call : calls) {
        Object[] args = new Object[call.length - 1];
        System.arraycopy(call, 1, args, 0, args.length);
        long start = System.nanoTime();
        assertThatThrownBy(() -> PgCallContext.call(client, Duration.ofSeconds(2),
            (String) call[0], args))
            .as((String) call[0])
            .isInstanceOf(PgException.class)
            .hasMessage(expected);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
      }
    }
  }

  @Test
  void heldConnectionsThatCannotOpenAreSaidAndTheirUndoIsHarmless() throws Exception {
    int port = closedPort();
    try (PgClient client = new PgClient("jdbc:postgresql://127.0.0.1:" + port + "/chaos",
        "chaos", null)) {
      PgCallContext context = new PgCallContext(Duration.ofSeconds(2), false);

      assertThat(context.call(client, "postgres.hold_connections", "count", Value.integer(3),
          "application", Value.str("chaos-test"))).isEqualTo(Value.UNIT);

      assertThat(context.undos).hasSize(1);
      assertThat(context.log).containsExactly("postgres 127.0.0.1:" + port
          + "/chaos: 3 of 3 connections not opened: connection refused");
      context.undo();
    }
  }

  /**
   * A run stopped while the connections are still opening (here: a server that never answers):
   * the call has handed them to its undo before it waits, so the undo can close them, and the
   * wait ends at the interrupt.
   */
  @Test
  void connectionsStillOpeningAreHandedToTheUndoBeforeTheCallWaitsForThem() throws Exception {
    try (Silent server = new Silent(); PgClient client = server.client()) {
      PgCallContext context = new PgCallContext(Duration.ofSeconds(30), false);
      CompletableFuture<HeldConnections> handed = new CompletableFuture<>();
      AtomicReference<Throwable> outcome = new AtomicReference<>();
      Thread call = new Thread(() -> {
        try {
          HeldConnections.open(client, context, 2, "chaos-test", null, handed::complete);
        } catch (Throwable t) {
          outcome.set(t);
        }
      });
      call.start();
      HeldConnections held = handed.get(20, TimeUnit.SECONDS);
      assertThat(call.isAlive()).as("the call still waits for the opens").isTrue();
      call.interrupt(); // the run stops
      call.join(20_000);
      assertThat(call.isAlive()).isFalse();
      assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
      assertThat(held.opened()).isZero();
      held.release(java.time.Instant.now().plusSeconds(1)); // what the undo does
    }
  }

  @Test
  void aDryRunHoldOpensNothingAndRegistersNoUndo() throws Exception {
    try (PgClient client = new PgClient("jdbc:postgresql://127.0.0.1:" + closedPort()
        + "/chaos", "chaos", null)) {
      PgCallContext context = new PgCallContext(Duration.ofSeconds(2), true);

      assertThat(context.call(client, "postgres.hold_connections", "count", Value.integer(5),
          "hold", Value.duration(Duration.ofMinutes(2)))).isEqualTo(Value.UNIT);

      assertThat(context.undos).isEmpty();
      assertThat(context.log).containsExactly(
          "dry run: would open 5 idle connections as application `chaos` for 2m");
      assertThat(context.previews).extracting(dev.chaos.spi.Preview::undo).containsExactly(
          "close the connections held by application `chaos`");
    }
  }

  @Test
  void aServerThatNeverAnswersTimesOutAtTheDeadline() throws Exception {
    try (Silent server = new Silent(); PgClient client = server.client()) {
      long start = System.nanoTime();

      assertThatThrownBy(() -> PgCallContext.call(client, Duration.ofMillis(400),
          "postgres.scalar", "sql", Value.str("SELECT 1")))
          .isInstanceOf(PgException.class)
          // what remained of the 400ms when the call started: not a fixed figure
          .hasMessageMatching(java.util.regex.Pattern.quote("postgres " + client.target()
              + ": timed out after ") + "[1-9][0-9]{0,2}ms");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }
  }

  @Test
  void anInterruptStopsTheCallAtOnce() throws Exception {
    try (Silent server = new Silent(); PgClient client = server.client()) {
      AtomicReference<Throwable> outcome = new AtomicReference<>();
      CompletableFuture<Long> stoppedAfterMillis = new CompletableFuture<>();
      Thread steps = new Thread(() -> {
        long start = System.nanoTime();
        try {
          PgCallContext.call(client, Duration.ofSeconds(30), "postgres.connections");
        } catch (Throwable t) {
          outcome.set(t);
        }
        stoppedAfterMillis.complete((System.nanoTime() - start) / 1_000_000);
      });
      steps.start();
      server.accepted.get(5, TimeUnit.SECONDS); // the call is on the wire
      steps.interrupt();

      long millis = stoppedAfterMillis.get(5, TimeUnit.SECONDS);
      assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
      assertThat(millis).isLessThan(2_000);
    }
  }

  @Test
  void aUrlThatIsNotPostgresIsRejectedWithoutItsPassword() {
    assertThatThrownBy(() -> new PgClient("jdbc:mysql://h/db?password=hunter2", "u", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("postgres URL `jdbc:mysql://h/db?password=***` is not a jdbc:postgresql://"
            + " URL");
  }

  @Test
  void theTargetNamesHostPortAndDatabaseOnly() {
    try (PgClient client = new PgClient(
        "jdbc:postgresql://127.0.0.1:15432/chaos?password=hunter2", "chaos", "hunter2")) {
      assertThat(client.target()).isEqualTo("127.0.0.1:15432/chaos");
    }
  }

  /** A TCP server that accepts connections and never says a word. */
  private static final class Silent implements AutoCloseable {
    final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    final CompletableFuture<Void> accepted = new CompletableFuture<>();
    final List<Socket> clients = new ArrayList<>();

    Silent() throws Exception {
      Thread acceptor = new Thread(() -> {
        try {
          while (true) {
            Socket client = socket.accept();
            synchronized (clients) {
              clients.add(client);
            }
            accepted.complete(null);
          }
        } catch (Exception closed) {
          // the test is over
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
    }

    PgClient client() {
      return new PgClient("jdbc:postgresql://127.0.0.1:" + socket.getLocalPort() + "/chaos",
          "chaos", null);
    }

    @Override
    public void close() throws Exception {
      socket.close();
      synchronized (clients) {
        for (Socket client : clients) {
          client.close();
        }
      }
    }
  }
}
