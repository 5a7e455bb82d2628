package dev.chaos.lab;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * The demo service's metrics in the Prometheus text format (0.0.4): requests of the read
 * endpoint by status, their latency histogram, where each read was served from, the database
 * connection retries and whether the circuit breaker towards the database is open. Only the
 * read endpoint is counted, so Prometheus' own scrapes do not dilute the error rate.
 */
final class DemoMetrics {
  /** Upper bounds (seconds) of the latency buckets; +Inf is implicit. */
  static final double[] BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5};

  private final Map<Integer, AtomicLong> requestsByStatus = new ConcurrentHashMap<>();
  private final AtomicLongArray bucketCounts = new AtomicLongArray(BUCKETS.length + 1);
  private final DoubleAdder durationSum = new DoubleAdder();
  private final AtomicLong durationCount = new AtomicLong();
  private final Map<String, AtomicLong> readsBySource = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> backendErrors = new ConcurrentHashMap<>();
  private final AtomicLong loadSkipped = new AtomicLong();
  private final AtomicLong dbRetries = new AtomicLong();
  private final AtomicLong staleReads = new AtomicLong();
  private volatile boolean circuitBreakerOpen;
  private volatile boolean counting;

  DemoMetrics() {
    // Series that exist from the first scrape: a counter born mid-run loses its first
    // increments to rate(), and the SLO rules should see zero errors rather than no series.
    for (int status : new int[] {200, 500, 503}) {
      requestsByStatus.put(status, new AtomicLong());
    }
    for (String source : new String[] {"redis", "postgres", "none"}) {
      readsBySource.put(source, new AtomicLong());
    }
    for (String backend : new String[] {"redis", "postgres"}) {
      backendErrors.put(backend, new AtomicLong());
    }
  }

  /** From now on requests are counted; before, the service is warming up (see DemoService). */
  void startCounting() {
    counting = true;
  }

  boolean counting() {
    return counting;
  }

  void request(int status, double seconds) {
    if (!counting) {
      return;
    }
    requestsByStatus.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
    int bucket = BUCKETS.length;
    for (int i = 0; i < BUCKETS.length; i++) {
      if (seconds <= BUCKETS[i]) {
        bucket = i;
        break;
      }
    }
    bucketCounts.incrementAndGet(bucket);
    durationSum.add(seconds);
    durationCount.incrementAndGet();
  }

  void servedFrom(String source) {
    readsBySource.computeIfAbsent(source, s -> new AtomicLong()).incrementAndGet();
  }

  void backendError(String backend) {
    backendErrors.computeIfAbsent(backend, b -> new AtomicLong()).incrementAndGet();
  }

  /** A refused database connection is tried again (DemoDatabase). */
  void dbRetry() {
    dbRetries.incrementAndGet();
  }

  /** A stale cache entry served because the database could not answer (ItemReads). */
  void staleRead() {
    staleReads.incrementAndGet();
  }

  /** The circuit breaker towards the database opened (true) or closed again (false). */
  void circuitBreakerOpen(boolean open) {
    circuitBreakerOpen = open;
  }

  void loadSkipped() {
    loadSkipped.incrementAndGet();
  }

  long requests(int status) {
    AtomicLong count = requestsByStatus.get(status);
    return count == null ? 0 : count.get();
  }

  String exposition() {
    StringBuilder out = new StringBuilder(2048);
    out.append("# HELP http_requests_total Requests of the read endpoint /items, by status.\n")
        .append("# TYPE http_requests_total counter\n");
    new TreeMap<>(requestsByStatus).forEach((status, count) ->
        out.append("http_requests_total{path=\"/items\",status=\"").append(status).append("\"} ")
            .append(count.get()).append('\n'));

    out.append("# HELP http_request_duration_seconds Latency of the read endpoint /items.\n")
        .append("# TYPE http_request_duration_seconds histogram\n");
    long cumulative = 0;
    for (int i = 0; i <= BUCKETS.length; i++) {
      cumulative += bucketCounts.get(i);
      String le = i < BUCKETS.length ? format(BUCKETS[i]) : "+Inf";
      out.append("http_request_duration_seconds_bucket{path=\"/items\",le=\"").append(le)
          .append("\"} ").append(cumulative).append('\n');
    }
    out.append("http_request_duration_seconds_sum{path=\"/items\"} ")
        .append(format(durationSum.sum())).append('\n')
        .append("http_request_duration_seconds_count{path=\"/items\"} ")
        .append(durationCount.get()).append('\n');

    out.append("# HELP demo_reads_total Reads by the store that served them (none: both failed).\n")
        .append("# TYPE demo_reads_total counter\n");
    new TreeMap<>(readsBySource).forEach((source, count) ->
        out.append("demo_reads_total{source=\"").append(source).append("\"} ")
            .append(count.get()).append('\n'));

    out.append("# HELP demo_backend_errors_total Failed calls to a backing store.\n")
        .append("# TYPE demo_backend_errors_total counter\n");
    new TreeMap<>(backendErrors).forEach((backend, count) ->
        out.append("demo_backend_errors_total{backend=\"").append(backend).append("\"} ")
            .append(count.get()).append('\n'));

    out.append("# HELP demo_db_retries_total Database connections tried again after a refusal.\n")
        .append("# TYPE demo_db_retries_total counter\n")
        .append("demo_db_retries_total ").append(dbRetries.get()).append('\n');
    out.append("# HELP demo_stale_reads_total Stale cache entries served while the database"
            + " could not answer (also counted as demo_reads_total{source=\"redis\"}).\n")
        .append("# TYPE demo_stale_reads_total counter\n")
        .append("demo_stale_reads_total ").append(staleReads.get()).append('\n');
    out.append("# HELP demo_circuit_breaker_open 1 while the circuit breaker towards the database"
            + " is open (or half-open).\n")
        .append("# TYPE demo_circuit_breaker_open gauge\n")
        .append("demo_circuit_breaker_open ").append(circuitBreakerOpen ? 1 : 0).append('\n');

    out.append("# HELP demo_load_skipped_total Load requests not sent: too many in flight.\n")
        .append("# TYPE demo_load_skipped_total counter\n")
        .append("demo_load_skipped_total ").append(loadSkipped.get()).append('\n');

    // what a StressChaos burns shows here, as cAdvisor's container CPU would in a cluster
    out.append("# HELP process_cpu_seconds_total CPU time used by the demo's process.\n")
        .append("# TYPE process_cpu_seconds_total counter\n")
        .append("process_cpu_seconds_total ").append(format(processCpuSeconds())).append('\n');
    return out.toString();
  }

  private static double processCpuSeconds() {
    var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean sun
        ? sun.getProcessCpuTime() / 1e9 : 0;
  }

  private static String format(double value) {
    // Prometheus accepts Go float syntax; plain decimal keeps the le labels stable ("0.005").
    String text = String.format(Locale.ROOT, "%.6f", value);
    text = text.replaceAll("0+$", "");
    return text.endsWith(".") ? text + "0" : text;
  }
}
