package dev.chaos.drivers.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaos.types.Value;
import dev.chaos.types.Values;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The calls of the contract's pod-failure example (`blast_radius 30%`, `kill_pods(backend,
 * fraction: 30%)`) made through the bindings in the order the interpreter makes them, on the
 * default world: the rehearsal the example must pass.
 */
@Timeout(20)
class PodFailureCallsTest {
  private final SandboxBackend backend = new SandboxBackend(WorldLoader.defaultWorld(), Path.of(""));
  private final TestCallContext c = new TestCallContext(backend, 30.0, false);

  private Value errorRate() throws Exception {
    Value ratio = c.call("prometheus.scalar", "query", Value.str("chaos:slo:error_rate:1m"));
    return c.call("percent", "ratio", ratio);
  }

  private boolean allReady() throws Exception {
    Value.Rec pods = (Value.Rec) c.call("k8s.pods", "selector", BuiltinSamples.BACKEND);
    return pods.field("ready").equals(pods.field("total"));
  }

  private static boolean below(Value value, double percent) {
    return Values.compare(value, Value.percent(percent)) < 0;
  }

  @Test
  void theExamplePassesUnderItsBlastRadius() throws Exception {
    assertThat(allReady()).as("precondition: backend fully ready").isTrue();
    assertThat(below(errorRate(), 0.1)).as("precondition: baseline error rate").isTrue();

    Value killed = c.call("k8s.kill_pods", "selector", BuiltinSamples.BACKEND,
        "fraction", Value.percent(30));
    assertThat(c.call("len", "value", killed)).isEqualTo(Value.integer(1));
    assertThat(below(errorRate(), 1)).as("throughout: no user-facing errors").isTrue();

    // wait until ... every 2s within 30s
    Instant deadline = backend.clock().now().plusSeconds(30);
    while (!allReady()) {
      assertThat(backend.clock().now()).isBefore(deadline);
      backend.clock().sleep(Duration.ofSeconds(2));
    }
    assertThat(c.call("k8s.events", "selector", BuiltinSamples.BACKEND, "reason", Value.str("Evicted")))
        .isEqualTo(Value.integer(0));
    assertThat(c.call("k8s.delete", "kind", Value.str("podchaos"),
        "name", Value.str("random-pod-kill"), "namespace", Value.str("chaos-testing")))
        .as("rollback: nothing to delete, no error").isEqualTo(Value.FALSE);
    assertThat(allReady()).isTrue();
    assertThat(below(errorRate(), 0.1)).as("recovery").isTrue();
  }
}
