package dev.chaos.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chaos.drivers.k8s.K8sLab;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run stopped (here by a guard that trips once the create reached the server) while `k8s.apply`'s create is in flight: the API
 * server has the request and creates the object only after the stop. Undo waits for that
 * request to end and deletes what it created, so nothing is left once the run ends, and the
 * journal says undo waited for it.
 */
@Timeout(300)
class InFlightApplyTest {
  @TempDir
  Path dir;

  /** The CRUD store, with every create of a PodChaos held until {@link #answer} opens. */
  private static final class HeldCreates extends Dispatcher {
    private final KubernetesMixedDispatcher crud;
    final CountDownLatch received = new CountDownLatch(1);
    /** What the guard's endpoint answers: 200 until the create arrived, then 503. */
    volatile int health = 200;
    final CountDownLatch answer = new CountDownLatch(1);
    final CountDownLatch created = new CountDownLatch(1);

    HeldCreates(KubernetesMixedDispatcher crud) {
      this.crud = crud;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      boolean create = "POST".equals(request.getMethod())
          && request.getPath().contains("/podchaos");
      if (create) {
        health = 503; // the guard trips now, while the create is held
        received.countDown();
        try {
          answer.await(120, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      MockResponse response = crud.dispatch(request);
      if (create) {
        created.countDown();
      }
      return response;
    }

    @Override
    public void shutdown() {
      crud.shutdown();
    }
  }

  @Test
  void aCreateAnsweredOnlyAfterTheStopIsDeletedByUndo() throws Exception {
    Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
    HeldCreates dispatcher = new HeldCreates(
        new KubernetesMixedDispatcher(expectations, K8sLab.customKinds()));
    KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(),
        expectations, dispatcher, false);
    server.init(InetAddress.getByName("127.0.0.1"), 0);
    com.sun.net.httpserver.HttpServer health = com.sun.net.httpserver.HttpServer.create(
        new java.net.InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    health.createContext("/", exchange -> {
      exchange.sendResponseHeaders(dispatcher.health, -1);
      exchange.close();
    });
    health.start();
    try (KubernetesClient client = server.createClient()) {
      Path kubeconfig = dir.resolve("kubeconfig");
      Files.writeString(kubeconfig, "apiVersion: v1\nkind: Config\nclusters:\n- name: lab\n"
          + "  cluster: {server: 'http://127.0.0.1:" + server.getPort() + "'}\ncontexts:\n"
          + "- name: lab\n  context: {cluster: lab, user: lab}\ncurrent-context: lab\nusers:\n"
          + "- name: lab\n  user: {}\n");
      Path config = dir.resolve("chaos.yaml");
      Files.writeString(config, "environments:\n  dev:\n    class: dev\n    kubernetes:\n"
          + "      context: lab\n      kubeconfig: " + kubeconfig + "\n");
      Path runbook = dir.resolve("late.chaos");
      Files.writeString(runbook, """
          runbook "late" {
            environment dev
            blast_radius 100%%
            max_duration 10m
            guard "the service answers" every 1s {
              expect http.get("http://127.0.0.1:%d/").status == 200
            }
            step "apply" {
              k8s.apply(\"""
                apiVersion: chaos-mesh.org/v1alpha1
                kind: PodChaos
                metadata: {name: late, namespace: chaos-testing}
                spec: {action: pod-kill, mode: one,
                  selector: {namespaces: [chaos-testing], labelSelectors: {app: none}}}
                \""")
            }
          }
          """.formatted(health.getAddress().getPort()));
      Path journal = dir.resolve("run/journal.jsonl");
      AtomicReference<CliRunner.Result> result = new AtomicReference<>();
      Thread run = new Thread(() -> {
        try {
          result.set(new CliRunner().run("exec", "--config", config.toString(), "--journal",
              journal.toString(), runbook.toString()));
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }, "exec");
      run.start();
      await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100))
          .until(() -> dispatcher.received.getCount() == 0 || !run.isAlive());
      assertThat(dispatcher.received.getCount()).as("the create was sent: %s", result.get() == null
          ? "" : result.get().out() + result.get().err()).isZero();
      // the server answers the create once the run has stopped and undo began (or, without
      // the wait, once the run is over): either way after the stop
      await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100))
          .until(() -> !run.isAlive() || (Files.exists(journal)
              && Files.readString(journal).contains("waiting for the request")));
      dispatcher.answer.countDown();
      assertThat(dispatcher.created.await(120, TimeUnit.SECONDS)).isTrue();
      run.join(Duration.ofMinutes(2).toMillis());
      assertThat(run.isAlive()).isFalse();

      CliRunner.Result r = result.get();
      assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(4);
      var podChaos = client.genericKubernetesResources(new ResourceDefinitionContext.Builder()
          .withGroup("chaos-mesh.org").withVersion("v1alpha1").withKind("PodChaos")
          .withPlural("podchaos").withNamespaced(true).build());
      assertThat(podChaos.inNamespace("chaos-testing").withName("late").get())
          .as("the PodChaos created after the stop").isNull();
      assertThat(Files.readString(journal)).contains(
          "undo: waiting for the request that was in flight when the run stopped to end",
          "undo: the request in flight ended; undoing what it wrote");
    } finally {
      health.stop(0);
      server.destroy();
    }
  }
}
