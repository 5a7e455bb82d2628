import dev.chaos.drivers.prometheus.LivePrometheusBindings;
import dev.chaos.drivers.prometheus.PrometheusClient;
import dev.chaos.spi.BuiltinImpl;
import dev.chaos.spi.CallArgs;
import dev.chaos.spi.CallContext;
import dev.chaos.spi.Clock;
import dev.chaos.spi.RunFacts;
import dev.chaos.spi.SystemClock;
import dev.chaos.spi.Undo;
import dev.chaos.types.Value;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The overhead of one `prometheus.scalar` call as `chaos exec` makes it (binding, HTTP round
 * trip, JSON, Value) against a real Prometheus. Usage: java -cp ... bench/PromBench.java URL N
 */
public class PromBench {
  public static void main(String[] args) throws Exception {
    String url = args[0];
    int n = Integer.parseInt(args[1]);
    Map<String, BuiltinImpl> impls = new HashMap<>();
    try (PrometheusClient client = new PrometheusClient(url, null)) {
      LivePrometheusBindings.bind(client, impls);
      BuiltinImpl scalar = impls.get("prometheus.scalar");
      CallArgs call = new CallArgs(Map.of("query", new Value.Str("chaos:slo:error_rate:1m")),
          List.of());
      for (int i = 0; i < 200; i++) {
        scalar.call(call, context());
      }
      long[] nanos = new long[n];
      for (int i = 0; i < n; i++) {
        long start = System.nanoTime();
        scalar.call(call, context());
        nanos[i] = System.nanoTime() - start;
      }
      Arrays.sort(nanos);
      System.out.printf("prometheus.scalar against %s, %d calls after 200 warm-up: median %.2f ms,"
          + " p90 %.2f ms, p99 %.2f ms, max %.2f ms%n", url, n, nanos[n / 2] / 1e6,
          nanos[n * 9 / 10] / 1e6, nanos[n * 99 / 100] / 1e6, nanos[n - 1] / 1e6);
    }
  }

  private static CallContext context() {
    Clock clock = new SystemClock();
    Instant deadline = clock.now().plus(Duration.ofSeconds(5));
    return new CallContext() {
      public Clock clock() {
        return clock;
      }

      public Instant deadline() {
        return deadline;
      }

      public RunFacts run() {
        return new RunFacts("bench", "dev", null, false);
      }

      public void registerUndo(String description, Undo undo) {
        throw new IllegalStateException("a read needs no undo");
      }

      public void log(String line) {}
    };
  }
}
