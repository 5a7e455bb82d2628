package dev.chaos.drivers.http;

import static dev.chaos.drivers.http.HttpCalls.call;
import static dev.chaos.drivers.http.HttpCalls.closedPort;
import static dev.chaos.drivers.http.HttpCalls.loopbackServer;
import static dev.chaos.drivers.http.HttpCalls.url;
import static dev.chaos.drivers.http.HttpCalls.within;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chaos.types.Value;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * No answer is an error within the time allowed: the smaller of `timeout:` and the call's
 * deadline, a guard's interrupt, a closed port, a TLS mismatch.
 */
class HttpDeadlineTest {
  /** What a busy CI machine may add to a deadline; the assertions are about hanging, not speed. */
  private static final Duration MARGIN = Duration.ofSeconds(3);

  @BeforeAll
  static void warmUp() {
    HttpCalls.warmUp();
  }

  @Test
  void aStalledServerTimesOutAtTheTimeout() throws Exception {
    try (MockWebServer server = loopbackServer()) {
      server.enqueue(new MockResponse.Builder().body("late")
          .headersDelay(30, TimeUnit.SECONDS).build());
      long start = System.nanoTime();

      assertThatThrownBy(() -> call("http.get", within(Duration.ofSeconds(30)),
          "url", Value.str(url(server, "/health")), "timeout", Value.duration(
              Duration.ofMillis(300))))
          .isInstanceOf(HttpException.class)
          .hasMessage("GET http://127.0.0.1:" + server.getPort() + ": timed out after 300ms");
      assertThat(elapsedSince(start)).isLessThan(Duration.ofMillis(300).plus(MARGIN));
    }
  }

  @Test
  void theCallsDeadlineBoundsALongerTimeout() throws Exception {
    try (MockWebServer server = loopbackServer()) {
      server.enqueue(new MockResponse.Builder().body("late")
          .headersDelay(30, TimeUnit.SECONDS).build());
      long start = System.nanoTime();

      assertThatThrownBy(() -> call("http.post", within(Duration.ofMillis(400)),
          "url", Value.str(url(server, "/admin")),
          "timeout", Value.duration(Duration.ofSeconds(20))))
          .isInstanceOf(HttpException.class)
          // the budget is measured when the exchange starts, a little after the call began
          .hasMessageMatching("POST http://127\\.0\\.0\\.1:" + server.getPort()
              + ": timed out after [1-4]\\d0ms");
      assertThat(elapsedSince(start)).isLessThan(Duration.ofMillis(400).plus(MARGIN));
    }
  }

  @Test
  void aBodyThatStallsTimesOutToo() throws Exception {
    try (MockWebServer server = loopbackServer()) {
      server.enqueue(new MockResponse.Builder().body("slow body")
          .bodyDelay(30, TimeUnit.SECONDS).build());
      long start = System.nanoTime();

      assertThatThrownBy(() -> call("http.get", within(Duration.ofSeconds(30)),
          "url", Value.str(url(server, "/")), "timeout", Value.duration(Duration.ofMillis(300))))
          .hasMessage("GET http://127.0.0.1:" + server.getPort() + ": timed out after 300ms");
      assertThat(elapsedSince(start)).isLessThan(Duration.ofMillis(300).plus(MARGIN));
    }
  }

  @Test
  void anInterruptAbandonsTheExchangeAtOnce() throws Exception {
    try (MockWebServer server = loopbackServer()) {
      server.enqueue(new MockResponse.Builder().body("late")
          .headersDelay(30, TimeUnit.SECONDS).build());
      AtomicReference<Throwable> outcome = new AtomicReference<>();
      CompletableFuture<Duration> stoppedAfter = new CompletableFuture<>();
      Thread steps = new Thread(() -> {
        long start = System.nanoTime();
        try {
          call("http.get", within(Duration.ofSeconds(30)), "url", Value.str(url(server, "/")),
              "timeout", Value.duration(Duration.ofSeconds(30)));
        } catch (Throwable t) {
          outcome.set(t);
        }
        stoppedAfter.complete(elapsedSince(start));
      });
      steps.start();
      assertThat(server.takeRequest(10, TimeUnit.SECONDS)).isNotNull(); // on the wire
      steps.interrupt();

      Duration took = stoppedAfter.get(10, TimeUnit.SECONDS);
      assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
      assertThat(took).isLessThan(Duration.ofSeconds(30));
    }
  }

  @Test
  void aClosedPortIsRefusedWithinTheDeadlineNamingTheServerWithoutTheQuery() throws Exception {
    int port = closedPort();
    long start = System.nanoTime();

    assertThatThrownBy(() -> call("http.get", within(Duration.ofSeconds(2)),
        "url", Value.str("http://127.0.0.1:" + port + "/health?token=abc")))
        .isInstanceOf(HttpException.class)
        .hasMessage("GET http://127.0.0.1:" + port + ": connection refused");
    assertThatThrownBy(() -> call("http.post", within(Duration.ofSeconds(2)),
        "url", Value.str("http://127.0.0.1:" + port + "/admin/rebuild")))
        .hasMessage("POST http://127.0.0.1:" + port + ": connection refused");
    assertThat(elapsedSince(start)).isLessThan(Duration.ofSeconds(4).plus(MARGIN));
  }

  @Test
  void httpsToAPlainServerIsATlsError() throws Exception {
    // a server that answers plain HTTP at once, whatever it is sent: the client's TLS reads
    // a reply that is no TLS record (MockWebServer would wait for a line break in the hello)
    try (ServerSocket plain = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      Thread server = new Thread(() -> {
        try (Socket socket = plain.accept()) {
          socket.getOutputStream().write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"
              .getBytes(StandardCharsets.US_ASCII));
          socket.getOutputStream().flush();
          socket.getInputStream().read(new byte[4096]);
        } catch (IOException closed) {
          // the client gave up first
        }
      });
      server.setDaemon(true);
      server.start();

      assertThatThrownBy(() -> call("http.get", within(Duration.ofSeconds(5)),
          "url", Value.str("https://127.0.0.1:" + plain.getLocalPort() + "/")))
          .isInstanceOf(HttpException.class)
          .hasMessageStartingWith("GET https://127.0.0.1:" + plain.getLocalPort()
              + ": tls error: ")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n", "Exception"));
    }
  }

  @Test
  void aServerThatHangsUpIsAOneLineError() throws Exception {
    try (MockWebServer server = loopbackServer()) {
      server.enqueue(new MockResponse.Builder()
          .onRequestStart(new SocketEffect.CloseSocket(true, false, false)).build());

      assertThatThrownBy(() -> call("http.get", within(Duration.ofSeconds(5)),
          "url", Value.str(url(server, "/health?token=abc"))))
          .isInstanceOf(HttpException.class)
          .hasMessage("GET http://127.0.0.1:" + server.getPort()
              + ": the server closed the connection without an answer");
    }
  }

  @Test
  void aCallOutOfTimeDoesNotStart() throws Exception {
    try (MockWebServer server = loopbackServer()) {
      assertThatThrownBy(() -> call("http.get", within(Duration.ofMillis(-1)),
          "url", Value.str(url(server, "/"))))
          .hasMessage("GET http://127.0.0.1:" + server.getPort() + ": timed out after 0ms");
      assertThat(server.getRequestCount()).isZero();
    }
  }

  private static Duration elapsedSince(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }
}
