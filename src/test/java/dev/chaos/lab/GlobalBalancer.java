package dev.chaos.lab;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lab's global load balancer: what users reach as {@code https://llm-marketplace.example}
 * (the lab's `chaos.yaml` maps that name to it). Every request is forwarded to the gateway of
 * the region the users' DNS record points at ({@link DnsRecord}: the primary region's demo at
 * start), and the answer returned as it came, with a header {@code X-Lab-Region}. Clients follow
 * a switch within the record's TTL.
 *
 * <ul>
 *   <li>{@code GET /admin/record}: {@code {"region":"primary","previous":"primary",
 *       "switched_at":"...","ttl_seconds":5,"settled":true}};
 *   <li>{@code PUT /admin/record} (or POST) with {@code {"region":"backup"}}: points the record
 *       there; 400 naming an unknown region;
 *   <li>anything else: forwarded; 502 when the region's gateway does not answer (the body names
 *       the region in words, never as a {@code "region":} field, so it is not read as a health
 *       answer of that region).
 * </ul>
 *
 * <p>Arguments: {@code --port 18444 --primary http://127.0.0.1:18080
 * --backup https://127.0.0.1:18443 --tls server.p12 --ttl 5}. HTTPS with the lab's CA
 * ({@link DemoTls}); the backup's certificate is checked against the JVM's trust store, which
 * `scripts/lab` sets to the lab's CA. Stops on TERM.
 */
public final class GlobalBalancer {
  static final String ADMIN = "/admin/record";
  private static final Pattern REGION = Pattern.compile("\"region\"\\s*:\\s*\"([^\"]*)\"");

  private final DnsRecord record;
  private final Map<String, URI> upstreams;
  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(2)).followRedirects(HttpClient.Redirect.NEVER).build();

  GlobalBalancer(DnsRecord record, Map<String, URI> upstreams) {
    this.record = record;
    this.upstreams = Map.copyOf(upstreams);
  }

  public static void main(String[] args) throws IOException {
    Map<String, String> options = LabArgs.parse(args, Map.of("port", "18444",
        "primary", "http://127.0.0.1:18080", "backup", "https://127.0.0.1:18443", "tls", "",
        "ttl", "5"));
    int port = Integer.parseInt(options.get("port"));
    long ttl = Long.parseLong(options.get("ttl"));
    if (ttl < 0 || ttl > 300) {
      throw new IllegalArgumentException("--ttl must be 0..300 seconds (got " + ttl + ")");
    }
    if (options.get("tls").isEmpty()) {
      throw new IllegalArgumentException("--tls KEYSTORE is required: users reach it over HTTPS");
    }
    GlobalBalancer balancer = new GlobalBalancer(
        new DnsRecord("primary", Duration.ofSeconds(ttl), () -> ThreadLocalRandom.current().nextDouble()),
        Map.of("primary", URI.create(options.get("primary")), "backup", URI.create(options.get("backup"))));
    HttpServer server = DemoTls.server(new InetSocketAddress("127.0.0.1", port), Path.of(options.get("tls")));
    ExecutorService workers = Executors.newFixedThreadPool(16, r -> {
      Thread thread = new Thread(r, "global-lb");
      thread.setDaemon(true);
      return thread;
    });
    server.setExecutor(workers);
    server.createContext(ADMIN, balancer::admin);
    server.createContext("/", balancer::forward);
    server.start();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.stop(0);
      workers.shutdownNow();
    }, "global-lb-shutdown"));
    System.out.println("global-lb: listening on https://127.0.0.1:" + port + ", record -> primary, TTL "
        + ttl + " s");
  }

  private void admin(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    if (!exchange.getRequestURI().getPath().equals(ADMIN)) {
      DemoService.reply(exchange, 404, "GET or PUT " + ADMIN + "\n", "text/plain");
      return;
    }
    if (method.equals("PUT") || method.equals("POST")) {
      String body;
      try (InputStream in = exchange.getRequestBody()) {
        body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      Matcher m = REGION.matcher(body);
      if (!m.find()) {
        DemoService.reply(exchange, 400, "expected {\"region\":\"primary|backup\"}, got: " + body + "\n",
            "text/plain");
        return;
      }
      try {
        DnsRecord.State before = record.state();
        DnsRecord.State after = record.point(m.group(1));
        if (after != before) {
          System.out.println("global-lb: record -> " + after.region() + " (was " + after.previous()
              + "; clients follow within " + record.ttl().toSeconds() + " s)");
        }
      } catch (IllegalArgumentException e) {
        DemoService.reply(exchange, 400, e.getMessage() + "\n", "text/plain");
        return;
      }
    } else if (!method.equals("GET")) {
      DemoService.reply(exchange, 405, "GET or PUT " + ADMIN + "\n", "text/plain");
      return;
    }
    DnsRecord.State s = record.state();
    DemoService.reply(exchange, 200, "{\"region\":\"" + s.region() + "\",\"previous\":\"" + s.previous()
        + "\",\"switched_at\":\"" + Instant.ofEpochMilli(s.switchedAtEpochMillis()) + "\",\"ttl_seconds\":"
        + record.ttl().toSeconds() + ",\"settled\":" + record.settled(System.nanoTime()) + "}\n",
        "application/json");
  }

  private void forward(HttpExchange exchange) throws IOException {
    String region = record.regionFor(System.nanoTime());
    URI upstream = upstreams.get(region);
    URI target = upstream.resolve(exchange.getRequestURI().getRawPath()
        + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()));
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(10))
        .method(exchange.getRequestMethod(), body.length == 0
            ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    HttpResponse<byte[]> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      exchange.getResponseHeaders().set("X-Lab-Region", region);
      DemoService.reply(exchange, 502, "the " + region + " region's gateway (" + upstream
          + ") did not answer: " + e + "\n", "text/plain");
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    exchange.getResponseHeaders().set("X-Lab-Region", region);
    exchange.getResponseHeaders().set("Content-Type",
        response.headers().firstValue("Content-Type").orElse("application/octet-stream"));
    byte[] answer = response.body();
    exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(answer);
    }
  }
}
