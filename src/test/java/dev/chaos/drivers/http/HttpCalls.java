package dev.chaos.drivers.http;

import dev.chaos.drivers.RealClockContext;
import dev.chaos.spi.BuiltinImpl;
import dev.chaos.types.Value;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import mockwebserver3.MockWebServer;

/** Calls of the live `http` functions on the real clock, and loopback servers for them. */
final class HttpCalls {
  private HttpCalls() {}

  /** A MockWebServer on 127.0.0.1; close it when done. */
  static MockWebServer loopbackServer() throws IOException {
    MockWebServer server = new MockWebServer();
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    return server;
  }

  /** {@code path} on {@code server}, by address: MockWebServer's own URLs say `localhost`. */
  static String url(MockWebServer server, String path) {
    return "http://127.0.0.1:" + server.getPort() + path;
  }

  /** A port on 127.0.0.1 that nothing listens on. */
  static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    }
  }

  static Value call(String builtin, RealClockContext context, Object... namesAndValues)
      throws Exception {
    return call(DeadlineExchange.BODY_LIMIT, builtin, context, namesAndValues);
  }

  static Value call(int bodyLimit, String builtin, RealClockContext context,
      Object... namesAndValues) throws Exception {
    Map<String, BuiltinImpl> impls = new HashMap<>();
    LiveHttpBindings.bind(new dev.chaos.config.HttpRoutes(Map.of()), bodyLimit, impls);
    return impls.get(builtin).call(RealClockContext.named(namesAndValues), context);
  }

  /** Binds the functions once, so that the client's one-time set-up is not in a test's budget. */
  static void warmUp() {
    LiveHttpBindings.bind(new HashMap<>());
  }

  static RealClockContext within(Duration budget) {
    return new RealClockContext(budget, false);
  }

  static int status(Value response) {
    return (int) ((Value.Int) ((Value.Rec) response).field("status")).value();
  }

  static String body(Value response) {
    return ((Value.Str) ((Value.Rec) response).field("body")).value();
  }

  static Duration latency(Value response) {
    return ((Value.Duration) ((Value.Rec) response).field("latency")).value();
  }
}
