package dev.chaos.lab;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A steady, bounded load on the demo's own read endpoint, over real HTTP, so the metrics
 * Prometheus scrapes move when a store fails: {@code perSecond} requests a second, each with
 * a 6 s timeout (longer than the server's worst case), at most 32 in flight (a request that would exceed that is skipped and
 * counted, never queued).
 */
final class LoadLoop implements AutoCloseable {
  private static final int MAX_IN_FLIGHT = 32;
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(6);

  private final URI base;
  private final int perSecond;
  private final DemoMetrics metrics;
  private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
  private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "demo-load");
    thread.setDaemon(true);
    return thread;
  });
  private final HttpClient client = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(1))
      .version(HttpClient.Version.HTTP_1_1)
      .build();

  LoadLoop(URI base, int perSecond, DemoMetrics metrics) {
    this.base = base;
    this.perSecond = perSecond;
    this.metrics = metrics;
  }

  void start() {
    if (perSecond <= 0) {
      return;
    }
    long periodMicros = 1_000_000L / perSecond;
    ticker.scheduleAtFixedRate(this::fire, periodMicros, periodMicros, TimeUnit.MICROSECONDS);
  }

  private void fire() {
    if (!inFlight.tryAcquire()) {
      metrics.loadSkipped();
      return;
    }
    int id = ThreadLocalRandom.current().nextInt(ItemReads.ITEMS);
    HttpRequest request = HttpRequest.newBuilder(base.resolve("/items/" + id))
        .timeout(REQUEST_TIMEOUT)
        .GET()
        .build();
    // The response is the server's business (it counts it); the loop only keeps the pace.
    client.sendAsync(request, HttpResponse.BodyHandlers.discarding())
        .whenComplete((response, failure) -> inFlight.release());
  }

  @Override
  public void close() {
    ticker.shutdownNow();
  }
}
