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
 * A run stopped (here by a guard that trips once the request reached the server) while a
 * mutation is in flight (`k8s.apply`'s create, `k8s.scale`'s patch): the API server has the
 * request and carries it out only after the stop. Undo waits for that request to end and then
 * undoes it, so nothing is left once the run ends, and the journal says undo waited for it.
 */
@Timeout(300)
class InFlightMutationTest {
  @TempDir
  Path dir;

  /**
   * The CRUD store, with the first request {@code held} picks carried out only once {@link
   * #answer} opens: answered then ({@code unanswered} false: the server thread waits, and so
   * does every other request), or never ({@code unanswered}: the request is carried out off
   * the server's thread and its answer never comes, as when a connection is lost).
   */
  private static final class HeldCreates extends Dispatcher {
    private final KubernetesMixedDispatcher crud;
    private final java.util.function.Predicate<RecordedRequest> held;
    final CountDownLatch received = new CountDownLatch(1);
    /** What the guard's endpoint answers: 200 until the create arrived, then 503. */
    volatile int health = 200;
    final CountDownLatch answer = new CountDownLatch(1);
    final CountDownLatch created = new CountDownLatch(1);

    private final boolean unanswered;

    HeldCreates(KubernetesMixedDispatcher crud,
        java.util.function.Predicate<RecordedRequest> held, boolean unanswered) {
      this.crud = crud;
      this.held = held;
      this.unanswered = unanswered;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      boolean create = received.getCount() > 0 && held.test(request);
      if (create) {
        health = 503; // the guard trips now, while the create is held
        received.countDown();
        if (unanswered) {
          Thread late = new Thread(() -> {
            try {
              answer.await(120, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              return;
            }
            crud.dispatch(request);
            created.countDown();
          }, "late-write");
          late.setDaemon(true);
          late.start();
          return new MockResponse().setResponseCode(200).setBody("{}")
              .setBodyDelay(Duration.ofMinutes(10));
        }
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
    stoppedWhileHeld(r -> "POST".equals(r.getMethod()) && r.getPath().contains("/podchaos"),
        false, client -> { }, """
          k8s.apply(\"""
            apiVersion: chaos-mesh.org/v1alpha1
            kind: PodChaos
            metadata: {name: late, namespace: chaos-testing}
            spec: {action: pod-kill, mode: one,
              selector: {namespaces: [chaos-testing], labelSelectors: {app: none}}}
            \""")
        """, client -> {
          var podChaos = client.genericKubernetesResources(
              new ResourceDefinitionContext.Builder().withGroup("chaos-mesh.org")
                  .withVersion("v1alpha1").withKind("PodChaos").withPlural("podchaos")
                  .withNamespaced(true).build());
          assertThat(podChaos.inNamespace("chaos-testing").withName("late").get())
              .as("the PodChaos created after the stop").isNull();
        }, "undo: the request in flight ended; undoing what it wrote");
  }

  @Test
  void aScaleCarriedOutAfterTheStopAndNeverAnsweredIsPutBackByUndo() throws Exception {
    stoppedWhileHeld(r -> "PATCH".equals(r.getMethod()) && r.getPath().contains(
        "/deployments/api"), true, client -> client.apps().deployments().inNamespace("shop")
            .resource(new io.fabric8.kubernetes.api.model.apps.DeploymentBuilder()
                .withNewMetadata().withName("api").withNamespace("shop").endMetadata()
                .withNewSpec().withReplicas(3).endSpec().build()).create(),
        "k8s.scale(\"deployment\", \"api\", 1, namespace: \"shop\")\n",
        client -> assertThat(client.apps().deployments().inNamespace("shop").withName("api")
            .get().getSpec().getReplicas()).as("replicas after the run").isEqualTo(3),
        // it ends at the client's request timeout (60 s), within the undo's wait
        "undo: the request in flight ended; undoing what it wrote");
  }

  @Test
  void aSubmitAnsweredOnlyAfterTheStopIsTerminatedByUndo() throws Exception {
    stoppedWhileHeld(r -> "POST".equals(r.getMethod()) && r.getPath().contains(
        "/argoproj.io/") && r.getPath().endsWith("/workflows"), false, client -> { }, """
          argo.submit(\"""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {name: late-wf, namespace: chaos-testing}
            spec: {entrypoint: main}
            \""")
        """, client -> {
          var workflows = client.genericKubernetesResources(
              new ResourceDefinitionContext.Builder().withGroup("argoproj.io")
                  .withVersion("v1alpha1").withKind("Workflow").withPlural("workflows")
                  .withNamespaced(true).build());
          var wf = workflows.inNamespace("chaos-testing").withName("late-wf").get();
          assertThat(wf).as("the workflow submitted after the stop").isNotNull();
          assertThat(((Map<?, ?>) wf.getAdditionalProperties().get("spec")).get("shutdown"))
              .as("terminated by undo").isEqualTo("Terminate");
        }, "undo: the request in flight ended; undoing what it wrote");
  }

  /**
   * Runs a runbook whose one step is {@code call}; the request {@code held} picks is held by
   * the server, the run's guard trips meanwhile, and the request is carried out once undo began
   * (or, without the wait, once the run is over); then {@code after} checks the world and the
   * journal must say {@code said}.
   */
  private void stoppedWhileHeld(java.util.function.Predicate<RecordedRequest> held,
      boolean unanswered, java.util.function.Consumer<KubernetesClient> before, String call,
      java.util.function.Consumer<KubernetesClient> after, String said) throws Exception {
    Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
    HeldCreates dispatcher = new HeldCreates(
        new KubernetesMixedDispatcher(expectations, K8sLab.customKinds()), held, unanswered);
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
      before.accept(client);
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
            step "change" {
          %s
            }
          }
          """.formatted(health.getAddress().getPort(), call.indent(4)));
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
      after.accept(client);
      assertThat(Files.readString(journal)).contains(
          "undo: waiting for the request that was in flight when the run stopped to end", said);
    } finally {
      health.stop(0);
      server.destroy();
    }
  }
}
