package dev.chaos.lab;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import redis.clients.jedis.HostAndPort;

/**
 * The lab's stand-in for the seed's `graphql-gateway` (see docs/lab.md), on 127.0.0.1:
 * <ul>
 *   <li>{@code GET /items/N}: item N (0..99) from Redis through Sentinel, else PostgreSQL
 *       ({@link DemoDatabase}: retries, circuit breaker); 503 with a JSON body saying why when
 *       neither can serve it, at once while the circuit breaker is open;
 *   <li>{@code GET /health}: 200 when a read can be served now (saying so when the database is
 *       degraded: reads from the cache still work), 503 otherwise; JSON naming its region;
 *   <li>{@code GET /metrics}: Prometheus text format ({@link DemoMetrics});
 *   <li>{@code /hooks/chaos}: a webhook that records posts ({@link WebhookSink});
 *   <li>{@code /admin/faults/ID}: the faults the lab's chaos controller puts on it
 *       ({@link DemoFaults}): delay, loss, CPU burnt;
 *   <li>{@code POST /admin/cache/rebuild}, {@code GET /admin/cache}: the seed's cache rebuild
 *       from the database, and the cache's size.
 * </ul>
 * A built-in {@link LoadLoop} reads at a steady rate. The first {@link #WARM_UP} is not
 * counted and {@code /health} answers 503 meanwhile. Stops cleanly on TERM.
 *
 * <p>Arguments: {@code --port 18080 --sentinels H:P,H:P --master mymaster
 * --jdbc jdbc:postgresql://H:P/db --user demo --rate 20 [--tls server.p12] [--region primary]}:
 * with {@code --tls} it serves HTTPS with that PKCS12 key store (password {@code changeit}), as
 * the backup region's demo does; {@code /health} answers JSON naming {@code --region}
 * ({@code {"status":"ok","region":"primary"}}), so an answer through the lab's global load
 * balancer says which region served it.
 */
public final class DemoService {
  static final Duration WARM_UP = Duration.ofSeconds(5);
  static final String CACHE_PATH = "/admin/cache";

  private DemoService() {}

  public static void main(String[] args) throws IOException {
    Map<String, String> options = LabArgs.parse(args, Map.of(
        "port", "18080", "sentinels", "127.0.0.1:26379", "master", "mymaster",
        "jdbc", "jdbc:postgresql://127.0.0.1:15432/chaos", "user", "demo", "rate", "20",
        "tls", "", "region", "primary"));
    // every argument is read before anything starts: a bad one ends the process at once
    int port = Integer.parseInt(options.get("port"));
    int rate = Integer.parseInt(options.get("rate"));
    String region = options.get("region");
    DemoMetrics metrics = new DemoMetrics();
    ItemReads reads = new ItemReads(options.get("master"), sentinels(options.get("sentinels")),
        options.get("jdbc"), options.get("user"), metrics);
    WebhookSink webhook = new WebhookSink();
    DemoFaults faults = new DemoFaults();

    HttpServer server = options.get("tls").isEmpty()
        ? HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64)
        : DemoTls.server(new InetSocketAddress("127.0.0.1", port), java.nio.file.Path.of(options.get("tls")));
    ExecutorService workers = Executors.newFixedThreadPool(32, r -> {
      Thread thread = new Thread(r, "demo-http");
      thread.setDaemon(true);
      return thread;
    });
    server.setExecutor(workers);
    server.createContext("/items/", exchange -> items(exchange, reads, metrics, faults));
    server.createContext("/health", exchange -> {
      if (!metrics.counting()) {
        reply(exchange, 503, "warming up\n", "text/plain");
        return;
      }
      if (faults.unreachable()) {
        // 100% loss (a NetworkChaos, or the region drained): health checks are lost too
        reply(exchange, 503, "unreachable: every answer is dropped\n", "text/plain");
        return;
      }
      // the region in the answer: behind the global load balancer, it says who served it
      boolean healthy = reads.canServe();
      String status = (healthy ? "ok" : "cannot serve reads")
          + (reads.databaseCircuitOpen() ? " (database degraded: circuit open)" : "");
      reply(exchange, healthy ? 200 : 503, "{\"status\":\"" + status + "\",\"region\":\"" + region
          + "\"}\n", "application/json");
    });
    server.createContext("/metrics", exchange -> reply(exchange, 200, metrics.exposition(),
        "text/plain; version=0.0.4; charset=utf-8"));
    server.createContext(WebhookSink.PATH, webhook::handle);
    server.createContext(DemoFaults.PATH, faults::handle);
    server.createContext(CACHE_PATH, exchange -> cache(exchange, reads));
    server.start();

    LoadLoop load = new LoadLoop(URI.create((options.get("tls").isEmpty() ? "http" : "https")
        + "://127.0.0.1:" + port), rate, metrics);
    load.start();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      load.close();
      faults.close();
      server.stop(0);
      workers.shutdownNow();
      reads.close();
    }, "demo-shutdown"));
    System.out.println("demo: listening on 127.0.0.1:" + port + ", warming up");
    // The first seconds of a cold JVM (class loading, JIT, the first connections) are slower
    // than the service ever is afterwards; like a readiness probe, /health says 503 and
    // nothing is counted until they are over, so they do not land in the SLO series.
    warmUp(metrics);
    System.out.println("demo: counting requests");
  }

  /**
   * The seed's cache recovery endpoint: {@code POST /admin/cache/rebuild} fills the cache from
   * PostgreSQL and answers {@code {"rebuilt":100,"keys":N}} (N: DBSIZE of the cache's
   * database); {@code GET /admin/cache} answers {@code {"keys":N}}. 503 when a store is down.
   */
  private static void cache(HttpExchange exchange, ItemReads reads) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String method = exchange.getRequestMethod();
    try {
      if (path.equals(CACHE_PATH + "/rebuild") && method.equals("POST")) {
        int rebuilt = reads.rebuildCache();
        reply(exchange, 200, "{\"rebuilt\":" + rebuilt + ",\"keys\":" + reads.cacheSize()
            + ",\"database\":" + ItemReads.CACHE_DATABASE + "}\n", "application/json");
      } else if (path.equals(CACHE_PATH) && method.equals("GET")) {
        reply(exchange, 200, "{\"keys\":" + reads.cacheSize() + ",\"database\":"
            + ItemReads.CACHE_DATABASE + "}\n", "application/json");
      } else {
        reply(exchange, 404, "POST " + CACHE_PATH + "/rebuild or GET " + CACHE_PATH + "\n",
            "text/plain");
      }
    } catch (DemoDatabase.Unavailable | RuntimeException e) {
      reply(exchange, 503, "cache rebuild failed: " + e.getMessage() + "\n", "text/plain");
    }
  }

  private static void warmUp(DemoMetrics metrics) {
    try {
      Thread.sleep(WARM_UP.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    metrics.startCounting();
  }

  private static void items(HttpExchange exchange, ItemReads reads, DemoMetrics metrics,
      DemoFaults faults) throws IOException {
    long started = System.nanoTime();
    int status;
    String body;
    Optional<Integer> id = itemId(exchange.getRequestURI().getPath());
    // a NetworkChaos on the gateway's pods: the answer is late, or lost (a 503, as a proxy
    // in front of a pod whose packets are dropped answers)
    long delay = faults.delayMillis();
    if (delay > 0) {
      try {
        Thread.sleep(delay);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (faults.drop()) {
      metrics.request(503, (System.nanoTime() - started) / 1e9);
      reply(exchange, 503, "dropped by a NetworkChaos loss\n", "text/plain");
      return;
    }
    String type = "application/json";
    if (id.isEmpty()) {
      status = 404;
      body = "no such item\n";
      type = "text/plain";
    } else {
      try {
        Optional<ItemReads.Read> read = reads.read(id.get());
        status = read.isPresent() ? 200 : 503;
        body = read.map(r -> "{\"id\":" + id.get() + ",\"name\":\"" + r.value()
            + "\",\"source\":\"" + r.source() + "\"}\n")
            .orElse("{\"error\":\"item " + id.get() + " is not in the database\"}\n");
      } catch (DemoDatabase.Unavailable e) {
        // the gateway's graceful answer: a 503 that says why, never a hang or a 500
        status = 503;
        body = "{\"error\":\"" + e.getMessage() + "\"}\n";
      }
    }
    metrics.request(status, (System.nanoTime() - started) / 1e9);
    reply(exchange, status, body, type);
  }

  private static Optional<Integer> itemId(String path) {
    String tail = path.substring("/items/".length());
    try {
      int id = Integer.parseInt(tail);
      return id >= 0 && id < ItemReads.ITEMS ? Optional.of(id) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  static void reply(HttpExchange exchange, int status, String body, String contentType)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static Set<HostAndPort> sentinels(String list) {
    Set<HostAndPort> sentinels = new LinkedHashSet<>();
    for (String address : list.split(",")) {
      sentinels.add(HostAndPort.from(address.trim()));
    }
    return sentinels;
  }
}
