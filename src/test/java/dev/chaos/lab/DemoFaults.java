package dev.chaos.lab;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The faults the lab's chaos controller puts on the demo service, by id (the chaos object's
 * `namespace/name`), through {@code /admin/faults/ID} on loopback: {@code POST} a JSON body
 * {@code {"delayMs":300,"jitterMs":0,"lossPercent":0,"cpuWorkers":0,"cpuLoad":0,"ttlMs":60000}},
 * {@code DELETE} to end it, {@code GET /admin/faults} to list them. Bounded: a delay of at most
 * {@link #MAX_DELAY_MS}, at most {@link CpuBurner#MAX_WORKERS} CPU workers in all, and a fault
 * ends by itself after its {@code ttlMs} (at most {@link #MAX_TTL_MS}), so a controller that dies
 * leaves nothing on for long.
 */
final class DemoFaults {
  static final String PATH = "/admin/faults";
  static final long MAX_DELAY_MS = 10_000;
  static final long MAX_TTL_MS = 15 * 60_000;
  private static final ObjectMapper JSON = new ObjectMapper();

  record Fault(long delayMs, long jitterMs, int lossPercent, int cpuWorkers, int cpuLoad,
      long expiresAtNanos) {
    boolean live(long now) {
      return now - expiresAtNanos < 0;
    }
  }

  private final Map<String, Fault> faults = new ConcurrentHashMap<>();
  private final CpuBurner burner = new CpuBurner();
  private final java.util.concurrent.ScheduledExecutorService expiry =
      java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "demo-fault-expiry");
        thread.setDaemon(true);
        return thread;
      });

  DemoFaults() {
    // an expired CPU fault stops burning within a second even when nobody asks
    expiry.scheduleWithFixedDelay(this::expire, 1, 1, java.util.concurrent.TimeUnit.SECONDS);
  }

  /** Whether this request is dropped (a loss fault), drawn per request. */
  boolean drop() {
    long now = System.nanoTime();
    int loss = 0;
    for (Fault f : faults.values()) {
      if (f.live(now)) {
        loss = Math.max(loss, f.lossPercent());
      }
    }
    return loss > 0 && ThreadLocalRandom.current().nextInt(100) < loss;
  }

  /** True while a live fault drops every answer (100% loss): the service is unreachable. */
  boolean unreachable() {
    long now = System.nanoTime();
    return faults.values().stream().anyMatch(f -> f.live(now) && f.lossPercent() >= 100);
  }

  /** The delay to add to this request: the largest live delay, with its jitter. */
  long delayMillis() {
    long now = System.nanoTime();
    long delay = 0;
    for (Fault f : faults.values()) {
      if (f.live(now) && f.delayMs() > 0) {
        long jitter = f.jitterMs() == 0 ? 0
            : ThreadLocalRandom.current().nextLong(-f.jitterMs(), f.jitterMs() + 1);
        delay = Math.max(delay, Math.max(0, f.delayMs() + jitter));
      }
    }
    return delay;
  }

  void handle(HttpExchange exchange) throws IOException {
    String id = exchange.getRequestURI().getPath().substring(PATH.length());
    id = id.startsWith("/") ? id.substring(1) : id;
    switch (exchange.getRequestMethod()) {
      case "GET" -> {
        expire();
        DemoService.reply(exchange, 200, JSON.writeValueAsString(faults), "application/json");
      }
      case "DELETE" -> {
        boolean was = faults.remove(id) != null;
        burn();
        DemoService.reply(exchange, was ? 204 : 404, "", "text/plain");
      }
      case "POST" -> {
        if (id.isEmpty()) {
          DemoService.reply(exchange, 400, "POST /admin/faults/ID\n", "text/plain");
          return;
        }
        Fault fault;
        try {
          JsonNode body = JSON.readTree(new String(exchange.getRequestBody().readAllBytes(),
              StandardCharsets.UTF_8));
          long ttl = clamp(body.path("ttlMs").asLong(MAX_TTL_MS), 1, MAX_TTL_MS);
          fault = new Fault(clamp(body.path("delayMs").asLong(0), 0, MAX_DELAY_MS),
              clamp(body.path("jitterMs").asLong(0), 0, MAX_DELAY_MS),
              (int) clamp(body.path("lossPercent").asLong(0), 0, 100),
              (int) clamp(body.path("cpuWorkers").asLong(0), 0, CpuBurner.MAX_WORKERS),
              (int) clamp(body.path("cpuLoad").asLong(0), 0, 100),
              System.nanoTime() + ttl * 1_000_000);
        } catch (RuntimeException e) {
          DemoService.reply(exchange, 400, "bad fault: " + e.getMessage() + "\n", "text/plain");
          return;
        }
        faults.put(id, fault);
        burn();
        DemoService.reply(exchange, 204, "", "text/plain");
      }
      default -> DemoService.reply(exchange, 405, "GET, POST or DELETE\n", "text/plain");
    }
  }

  /** Drops expired faults and sets the CPU burn to what the live ones ask. */
  void expire() {
    long now = System.nanoTime();
    if (faults.values().removeIf(f -> !f.live(now))) {
      burn();
    }
  }

  private synchronized void burn() {
    int workers = 0;
    int load = 0;
    for (Fault f : faults.values()) {
      workers += f.cpuWorkers();
      load = Math.max(load, f.cpuLoad());
    }
    burner.set(Math.min(workers, CpuBurner.MAX_WORKERS), load);
  }

  int activeCount() {
    expire();
    return faults.size();
  }

  void close() {
    expiry.shutdownNow();
    burner.set(0, 0);
  }

  private static long clamp(long v, long min, long max) {
    return Math.max(min, Math.min(max, v));
  }
}
