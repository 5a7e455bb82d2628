import dev.chaos.drivers.k8s.K8sClients;
import dev.chaos.drivers.k8s.LiveK8sBindings;
import dev.chaos.spi.BuiltinImpl;
import dev.chaos.spi.CallArgs;
import dev.chaos.spi.CallContext;
import dev.chaos.spi.Clock;
import dev.chaos.spi.RunFacts;
import dev.chaos.spi.SystemClock;
import dev.chaos.spi.Undo;
import dev.chaos.types.Value;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * `k8s.kill_pods(selector, fraction: 30%)` over PODS pods labelled alike, as `chaos exec` makes
 * the call (binding, list, choice, parallel deletes): time to select and delete, per round. The
 * killed pods are re-created between rounds, untimed. On the lab's API when a URL is given,
 * else on a fabric8 mock API in CRUD mode started here on 127.0.0.1.
 * Usage: java -cp ... bench/K8sBench.java [URL|-] PODS ROUNDS
 */
public class K8sBench {
  /** Held, so that the level set on it stays: the mock logs every request at INFO. */
  private static final java.util.logging.Logger MOCK_LOG =
      java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

  public static void main(String[] args) throws Exception {
    MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
    String url = args.length > 0 && !args[0].equals("-") ? args[0] : null;
    int pods = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    KubernetesMockServer server = null;
    if (url == null) {
      server = new KubernetesMockServer(new Context(), new io.fabric8.mockwebserver.MockWebServer(),
          new HashMap<>(), new KubernetesCrudDispatcher(List.of()), false);
      server.init(InetAddress.getByName("127.0.0.1"), 0);
      url = "http://127.0.0.1:" + server.getPort();
    }
    String namespace = "chaos-bench-" + Long.toHexString(System.nanoTime() & 0xffffff);
    Config config = new ConfigBuilder(Config.empty()).withMasterUrl(url).withNamespace(namespace)
        .withTrustCerts(true).build();
    ExecutorService creators = Executors.newFixedThreadPool(16);
    try (KubernetesClient client = K8sClients.client(config);
        K8sClients clients = K8sClients.of(client, Map.of())) {
      client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace)
          .endMetadata().build()).create();
      Map<String, BuiltinImpl> impls = new HashMap<>();
      LiveK8sBindings.bind(clients, impls);
      BuiltinImpl kill = impls.get("k8s.kill_pods");
      CallArgs call = new CallArgs(Map.of("selector", LiveK8sBindingsSelector.of(namespace),
          "fraction", Value.percent(30)), List.of());
      List<String> all = new ArrayList<>();
      for (int i = 0; i < pods; i++) {
        all.add(String.format("backend-%05d", i));
      }
      create(client, creators, namespace, all);
      // one untimed round first, so that the timed ones run JIT-compiled code, as a long run does
      List<String> warm = new ArrayList<>();
      for (Value v : ((Value.List) kill.call(call, context())).items()) {
        warm.add(((Value.Str) v).value());
      }
      create(client, creators, namespace, warm);
      long[] nanos = new long[rounds];
      long[] selectNanos = new long[rounds];
      CallArgs select = new CallArgs(Map.of("selector", call.get("selector")), List.of());
      int killed = 0;
      for (int r = 0; r < rounds; r++) {
        // the selection alone, as `k8s.pods` makes it: the list that kill_pods starts with
        long listed = System.nanoTime();
        impls.get("k8s.pods").call(select, context());
        selectNanos[r] = System.nanoTime() - listed;
        long start = System.nanoTime();
        Value result = kill.call(call, context());
        nanos[r] = System.nanoTime() - start;
        List<String> gone = new ArrayList<>();
        for (Value v : ((Value.List) result).items()) {
          gone.add(((Value.Str) v).value());
        }
        killed = gone.size();
        System.out.printf("round %d: killed %d of %d pods in %.0f ms (listing them alone:"
            + " %.0f ms)%n", r + 1, killed, pods, nanos[r] / 1e6, selectNanos[r] / 1e6);
        create(client, creators, namespace, gone);
      }
      Arrays.sort(nanos);
      Arrays.sort(selectNanos);
      System.out.printf("k8s.kill_pods fraction 30%% of %d pods (%d killed) on %s, %d rounds"
          + " after 1 warm-up: median %.0f ms, p90 %.0f ms, min %.0f ms, max %.0f ms;"
          + " listing the %d pods alone: median %.0f ms%n", pods, killed,
          server == null ? url : "a fabric8 mock API in CRUD mode at " + url, rounds,
          nanos[rounds / 2] / 1e6, nanos[p90(rounds)] / 1e6, nanos[0] / 1e6,
          nanos[rounds - 1] / 1e6, pods, selectNanos[rounds / 2] / 1e6);
      if (server == null) {
        client.namespaces().withName(namespace).delete();
      }
    } finally {
      creators.shutdownNow();
      if (server != null) {
        server.destroy();
      }
    }
  }

  /** The index of the 90th percentile of {@code n} sorted values (nearest rank). */
  private static int p90(int n) {
    return Math.max(0, (int) Math.ceil(n * 0.9) - 1);
  }

  /** Creates the pods, ready, in parallel; not timed. */
  private static void create(KubernetesClient client, ExecutorService pool, String namespace,
      List<String> names) throws Exception {
    List<Future<?>> done = new ArrayList<>();
    for (String name : names) {
      Pod pod = new PodBuilder().withNewMetadata().withName(name).withNamespace(namespace)
          .addToLabels("tier", "backend").endMetadata()
          .withNewSpec().addNewContainer().withName("app").withImage("app:1").endContainer()
          .endSpec().withNewStatus().withPhase("Running").addNewCondition().withType("Ready")
          .withStatus("True").endCondition().endStatus().build();
      done.add(pool.submit(() -> client.pods().inNamespace(namespace).resource(pod).create()));
    }
    for (Future<?> f : done) {
      f.get();
    }
  }

  /** The Selector record `k8s.selector(namespace, "tier=backend")` returns. */
  private static final class LiveK8sBindingsSelector {
    static Value of(String namespace) {
      return Value.rec("Selector", "cluster", Value.str(""), "namespace", Value.str(namespace),
          "labels", Value.str("tier=backend"));
    }
  }

  private static CallContext context() {
    Clock clock = new SystemClock();
    Instant deadline = clock.now().plus(Duration.ofMinutes(5));
    return new CallContext() {
      public Clock clock() {
        return clock;
      }

      public Instant deadline() {
        return deadline;
      }

      public RunFacts run() {
        return new RunFacts("bench", "dev", 30.0, false);
      }

      public void registerUndo(String description, Undo undo) {
        throw new IllegalStateException("kill_pods registers no undo");
      }

      public void log(String line) {}
    };
  }
}
