package dev.chaos.drivers.k8s;

import static dev.chaos.drivers.k8s.K8sLab.args;
import static dev.chaos.drivers.k8s.K8sLab.selector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chaos.spi.BuiltinImpl;
import dev.chaos.types.JsonTree;
import dev.chaos.types.Value;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Calls are bounded: a server that is not there, one that never answers, a guard's interrupt. */
class K8sDeadlineTest {
  private static final Duration BUDGET = Duration.ofSeconds(3);

  /** One call of every function that reaches the server, with arguments that would work. */
  private static Map<String, Object[]> everyCall() {
    Value.Rec pods = selector("shop", "tier=backend");
    Value kind = Value.str("deployment");
    Value name = Value.str("backend");
    Map<String, Object[]> calls = new LinkedHashMap<>();
    calls.put("k8s.pods", new Object[] {"selector", pods});
    calls.put("k8s.kill_pods", new Object[] {"selector", pods, "count", Value.integer(1)});
    calls.put("k8s.apply", new Object[] {"manifest", Value.str("kind: ConfigMap\n"
        + "apiVersion: v1\nmetadata: {name: x}")});
    calls.put("k8s.delete", new Object[] {"kind", kind, "name", name});
    calls.put("k8s.delete_all", new Object[] {"kind", Value.str("podchaos")});
    calls.put("k8s.get", new Object[] {"kind", kind, "name", name});
    calls.put("k8s.exists", new Object[] {"kind", kind, "name", name});
    calls.put("k8s.count", new Object[] {"kind", kind});
    calls.put("k8s.patch", new Object[] {"kind", kind, "name", name, "patch",
        JsonTree.of(Map.of("spec", Map.of("paused", true)))});
    calls.put("k8s.scale", new Object[] {"kind", kind, "name", name, "replicas",
        Value.integer(1)});
    calls.put("k8s.rollout_restart", new Object[] {"kind", kind, "name", name});
    calls.put("k8s.rollout_complete", new Object[] {"kind", kind, "name", name});
    calls.put("k8s.hpa", new Object[] {"name", name});
    calls.put("k8s.events", new Object[] {"selector", pods});
    calls.put("k8s.usage", new Object[] {"selector", pods});
    calls.put("argo.submit", new Object[] {"manifest", Value.str("apiVersion: argoproj.io/"
        + "v1alpha1\nkind: Workflow\nmetadata: {generateName: dr-}")});
    calls.put("argo.phase", new Object[] {"name", name});
    calls.put("argo.terminate", new Object[] {"name", name});
    calls.put("argo.terminate_all", new Object[0]);
    return calls;
  }

  @Test
  void everyCallToAClosedPortSaysConnectionRefusedWithinItsDeadline() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = socket.getLocalPort();
    }
    try (KubernetesClient client = K8sLab.connect("http://127.0.0.1:" + port, "shop");
        K8sClients clients = K8sClients.of(client, Map.of())) {
      Map<String, BuiltinImpl> bound = K8sLab.bindings(clients);
      for (Map.Entry<String, Object[]> call : everyCall().entrySet()) {
        K8sLab.Ctx context = new K8sLab.Ctx(BUDGET, false, null);
        long start = System.nanoTime();
        assertThatThrownBy(() -> bound.get(call.getKey()).call(args(call.getValue()), context))
            .as(call.getKey())
            .isInstanceOf(K8sException.class)
            .hasMessage("k8s 127.0.0.1:" + port + ": connection refused");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as(call.getKey())
            .isLessThan(BUDGET);
      }
    }
  }

  @Test
  void aServerThatNeverAnswersTimesOutAtTheDeadline() throws Exception {
    // accepts connections (the backlog) but never answers
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        KubernetesClient client = K8sLab.connect("http://127.0.0.1:" + silent.getLocalPort(),
            "shop");
        K8sClients clients = K8sClients.of(client, Map.of())) {
      Map<String, BuiltinImpl> bound = K8sLab.bindings(clients);
      long start = System.nanoTime();

      assertThatThrownBy(() -> bound.get("k8s.get").call(args("kind", Value.str("pod"),
          "name", Value.str("p")), new K8sLab.Ctx(Duration.ofMillis(400), false, null)))
          .isInstanceOf(K8sException.class)
          // the budget is what remained when the call started: 400ms less any time spent
          // before it (class loading on a loaded machine), so its figure is not fixed
          .hasMessageMatching("k8s 127\\.0\\.0\\.1:" + silent.getLocalPort()
              + ": timed out after [1-9][0-9]{0,2}ms");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }
  }

  @Test
  void anInterruptAbandonsTheCallAtOnce() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        KubernetesClient client = K8sLab.connect("http://127.0.0.1:" + silent.getLocalPort(),
            "shop");
        K8sClients clients = K8sClients.of(client, Map.of())) {
      Map<String, BuiltinImpl> bound = K8sLab.bindings(clients);
      AtomicReference<Throwable> outcome = new AtomicReference<>();
      CompletableFuture<Long> stoppedAfterMillis = new CompletableFuture<>();
      CompletableFuture<Void> started = new CompletableFuture<>();
      Thread steps = new Thread(() -> {
        long start = System.nanoTime();
        try {
          started.complete(null);
          bound.get("k8s.pods").call(args("selector", selector("shop", "")),
              new K8sLab.Ctx(Duration.ofSeconds(30), false, null));
        } catch (Throwable t) {
          outcome.set(t);
        }
        stoppedAfterMillis.complete((System.nanoTime() - start) / 1_000_000);
      });
      steps.start();
      started.get(5, TimeUnit.SECONDS);
      try (java.net.Socket held = silent.accept()) { // the call is on the wire, unanswered
        steps.interrupt();

        long millis = stoppedAfterMillis.get(5, TimeUnit.SECONDS);
        assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
        assertThat(millis).isLessThan(2_000);
      }
    }
  }
}
