package dev.chaos.drivers.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chaos.types.Value;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A `redis.set` stopped while its SET is on the wire: the server has the command (Redis would
 * carry it out) but its answer never reaches the caller. The inverse must still run and put the
 * key back, on a Redis played by a few lines of RESP that holds every SET's answer.
 */
@Timeout(60)
class RedisInFlightTest {
  private final List<String> commands = new CopyOnWriteArrayList<>();
  private final CountDownLatch setReceived = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);

  /**
   * Answers HELLO as RESP2, DUMP with nil, DEL with 1, SET only once released, anything else
   * +OK.
   */
  private void serve(ServerSocket server) {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        Thread t = new Thread(() -> connection(socket), "fake-redis");
        t.setDaemon(true);
        t.start();
      } catch (java.io.IOException closed) {
        return;
      }
    }
  }

  private void connection(Socket socket) {
    try (socket; BufferedReader in = new BufferedReader(new InputStreamReader(
        socket.getInputStream(), StandardCharsets.UTF_8))) {
      OutputStream out = socket.getOutputStream();
      String line;
      while ((line = in.readLine()) != null) {
        if (!line.startsWith("*")) {
          continue;
        }
        int n = Integer.parseInt(line.substring(1));
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          in.readLine(); // $len
          parts.add(in.readLine());
        }
        String command = String.join(" ", parts);
        commands.add(command);
        String verb = parts.get(0).toUpperCase(java.util.Locale.ROOT);
        String answer = switch (verb) {
          case "DUMP" -> "$-1\r\n";
          case "DEL" -> ":1\r\n";
          case "HELLO" -> "*2\r\n$5\r\nproto\r\n:2\r\n";
          default -> "+OK\r\n";
        };
        if (verb.equals("SET")) {
          setReceived.countDown();
          release.await(30, TimeUnit.SECONDS);
        }
        out.write(answer.getBytes(StandardCharsets.UTF_8));
        out.flush();
      }
    } catch (Exception gone) {
      // the client closed the connection
    }
  }

  @Test
  void aSetStoppedOnTheWireIsStillPutBack() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      Thread acceptor = new Thread(() -> serve(server), "fake-redis-accept");
      acceptor.setDaemon(true);
      acceptor.start();
      try (RedisClient client = RedisClient.direct("127.0.0.1:" + server.getLocalPort(), null)) {
        RedisCallContext calls = new RedisCallContext(client, Duration.ofSeconds(20));
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread step = new Thread(() -> {
          try {
            calls.call("redis.set", "key", Value.str("feature:flag"), "value", Value.str("off"));
          } catch (Throwable t) {
            outcome.set(t);
          }
        }, "step");
        step.start();
        assertThat(setReceived.await(20, TimeUnit.SECONDS))
            .as("SET received: %s %s", commands, outcome.get()).isTrue();
        step.interrupt(); // the run stops while the SET is unanswered
        step.join(20_000);
        assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
        release.countDown();

        calls.undoAll();

        assertThat(calls.undoDescriptions).containsExactly(
            "delete redis key `feature:flag`, which did not exist");
        await().atMost(Duration.ofSeconds(10)).until(() -> commands.contains("DEL feature:flag"));
        assertThat(commands.indexOf("DEL feature:flag"))
            .isGreaterThan(commands.indexOf("SET feature:flag off"));
      }
    }
  }
}
