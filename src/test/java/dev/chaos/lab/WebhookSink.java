package dev.chaos.lab;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The lab's notification webhook: {@code POST /hooks/chaos} records the post (the count, the
 * last body, at most 64 KiB, and its {@code Authorization} header); {@code GET
 * /hooks/chaos/count} gives the count, {@code GET /hooks/chaos/last} the last body and {@code
 * GET /hooks/chaos/last-authorization} its header (empty if none), so a test can see what
 * `notify` sent and with which token (the lab's webhook checks none).
 */
final class WebhookSink {
  static final String PATH = "/hooks/chaos";
  private static final int MAX_BODY = 64 * 1024;

  private final AtomicLong posts = new AtomicLong();
  private final AtomicReference<String> last = new AtomicReference<>("");
  private final AtomicReference<String> lastAuthorization = new AtomicReference<>("");

  void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String method = exchange.getRequestMethod();
    if (path.equals(PATH) && method.equals("POST")) {
      last.set(readBody(exchange.getRequestBody()));
      String authorization = exchange.getRequestHeaders().getFirst("Authorization");
      lastAuthorization.set(authorization == null ? "" : authorization);
      posts.incrementAndGet();
      DemoService.reply(exchange, 204, "", "text/plain");
    } else if (path.equals(PATH + "/count") && method.equals("GET")) {
      DemoService.reply(exchange, 200, posts.get() + "\n", "text/plain");
    } else if (path.equals(PATH + "/last") && method.equals("GET")) {
      DemoService.reply(exchange, 200, last.get(), "application/json");
    } else if (path.equals(PATH + "/last-authorization") && method.equals("GET")) {
      DemoService.reply(exchange, 200, lastAuthorization.get(), "text/plain");
    } else {
      DemoService.reply(exchange, 404, "not found\n", "text/plain");
    }
  }

  private static String readBody(InputStream body) throws IOException {
    byte[] bytes = body.readNBytes(MAX_BODY);
    body.transferTo(java.io.OutputStream.nullOutputStream());
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
