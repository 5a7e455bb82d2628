package dev.chaos.drivers.k8s;

import static dev.chaos.drivers.k8s.K8sLab.args;
import static dev.chaos.drivers.k8s.K8sLab.selector;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.chaos.types.Value;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * kill_pods sends its deletes in parallel, never more than its bound at once. The fabric8 mock
 * API answers one request at a time, so it cannot show this: a small HTTP server answering
 * the two requests kill_pods makes (list, delete) on many threads stands in for an API server.
 */
class LiveK8sParallelKillTest {
  private static final int PODS = 40;

  @Test
  void deletesOverlapUpToTheBound() throws Exception {
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    CountDownLatch four = new CountDownLatch(4);
    HttpServer server = HttpServer.create(new InetSocketAddress(
        InetAddress.getByName("127.0.0.1"), 0), 100);
    ExecutorService threads = Executors.newFixedThreadPool(64);
    server.setExecutor(threads);
    server.createContext("/api/v1/namespaces/shop/pods", exchange -> {
      if (exchange.getRequestMethod().equals("GET")) {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < PODS; i++) {
          items.add(pod("backend-" + i));
        }
        answer(exchange, "{\"apiVersion\":\"v1\",\"kind\":\"PodList\",\"metadata\":{},"
            + "\"items\":[" + String.join(",", items) + "]}");
        return;
      }
      most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      four.countDown();
      try {
        // a serial client would wait here for nothing: the bound keeps the test short then
        four.await(3, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      inFlight.decrementAndGet();
      String path = exchange.getRequestURI().getPath();
      answer(exchange, pod(path.substring(path.lastIndexOf('/') + 1)));
    });
    server.start();
    try (KubernetesClient client = K8sLab.connect("http://127.0.0.1:"
        + server.getAddress().getPort(), "shop");
        K8sClients clients = K8sClients.of(client, Map.of())) {
      Value killed = K8sLab.bindings(clients).get("k8s.kill_pods").call(args("selector",
          selector("shop", "tier=backend"), "count", Value.integer(20)), new K8sLab.Ctx());

      assertThat(((Value.List) killed).items()).hasSize(20);
      assertThat(most.get()).isBetween(4, K8sClients.PARALLEL_REQUESTS);
    } finally {
      server.stop(0);
      threads.shutdownNow();
    }
  }

  private static String pod(String name) {
    return "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + name
        + "\",\"namespace\":\"shop\",\"labels\":{\"tier\":\"backend\"}}}";
  }

  private static void answer(HttpExchange exchange, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, body.length);
    try (var out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
