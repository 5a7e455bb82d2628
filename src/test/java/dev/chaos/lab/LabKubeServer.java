package dev.chaos.lab;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.VersionInfo;
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
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The lab's Kubernetes API: the fabric8 mock server in CRUD mode, standalone, over plain HTTP
 * on 127.0.0.1, with the discovery documents kubectl needs ({@link KubeDiscovery}), the
 * Chaos Mesh, Litmus and Argo kinds, and the seed's `llm-marketplace` objects
 * ({@link LlmMarketplaceSeed}). State lives in memory: a restart starts from the seed again.
 *
 * <p>It runs the lab's Chaos Mesh too ({@link ChaosController}), which acts on the demo service
 * through its admin endpoint.
 *
 * <p>It drives the gateway's HPA from the demo's real CPU ({@link HpaController}) and, given
 * {@code --lab scripts/lab --offset N}, backs the Redis pods with the lab's Redis processes
 * ({@link RedisPods}).
 *
 * In the primary region ({@code --region primary}, the default) it runs the seed's DR workflow:
 * Argo workflows and the Litmus node drain of the primary region ({@link RegionDrain}). The
 * backup region ({@code --region backup}) is seeded as a pilot light: one pod per deployment.
 *
 * <p>Given {@code --chaos bin/chaos --pods DIR [--ca PEM]}, it runs the Jobs of the namespaces
 * labelled {@code lab.chaos.dev/kubelet=run} as local processes of {@code bin/chaos}, a pod's
 * folder and log under DIR ({@link JobController}).
 *
 * <p>Arguments: {@code --port 16443 --demo http://127.0.0.1:18080 [--lab PATH --offset N]
 * [--region primary|backup] [--chaos PATH --pods DIR --ca PEM]}.
 * Stops on TERM.
 */
public final class LabKubeServer {
  /** Held so the level set on it is not lost with a collected logger. */
  private static final Logger QUIET = Logger.getLogger("io.fabric8.mockwebserver");
  private static final VersionInfo VERSION = new VersionInfo.Builder()
      .withMajor("1").withMinor("32").withGitVersion("v1.32.0-chaos-lab").withPlatform("linux/amd64")
      .build();

  private LabKubeServer() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = LabArgs.parse(args, Map.of("port", "16443", "demo", "http://127.0.0.1:18080",
        "lab", "", "offset", "0", "region", "primary", "chaos", "", "pods", "", "ca", ""));
    int port = Integer.parseInt(options.get("port"));
    KubeDiscovery discovery = new KubeDiscovery("127.0.0.1:" + port);
    Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
    KubernetesMixedDispatcher crud =
        new KubernetesMixedDispatcher(expectations, KubeDiscovery.customResourceContexts());
    // The mock server logs every request through java.util.logging at INFO: keep warnings only.
    QUIET.setLevel(Level.WARNING);
    KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(),
        expectations, new DiscoveryFirst(discovery, crud, Set.of()), false, VERSION);
    server.start(InetAddress.getByName("127.0.0.1"), port);

    Config config = new ConfigBuilder()
        .withMasterUrl("http://127.0.0.1:" + port)
        .withNamespace("default")
        .withRequestTimeout(10_000)
        .withConnectionTimeout(5_000)
        .build();
    KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
    // the backup region waits as a pilot light until a failover scales it up
    LlmMarketplaceSeed seed = new LlmMarketplaceSeed(client, options.get("region").equals("backup"));
    // the Redis pods stand for the lab's real Redis processes, which `scripts/lab` manages
    RedisPods redisPods = options.get("lab").isEmpty() ? null : new RedisPods(client,
        java.nio.file.Path.of(options.get("lab")), Integer.parseInt(options.get("offset")));
    try {
      seed.seed(redisPods == null ? () -> { } : redisPods::seed);
    } catch (RuntimeException e) {
      // the server's threads would keep a half-seeded API alive: end the process instead
      System.err.println("kube: seeding failed: " + e);
      client.close();
      server.shutdown();
      System.exit(1);
    }
    DeploymentController controller = new DeploymentController(client, seed);
    controller.start();
    ChaosController chaos = new ChaosController(client, java.net.URI.create(options.get("demo")));
    chaos.start();
    HpaController hpa = new HpaController(client, java.net.URI.create(options.get("demo")));
    hpa.start();
    if (redisPods != null) {
      redisPods.start();
    }
    // the Jobs of namespaces that ask for it run as local processes of bin/chaos
    JobController jobs = options.get("chaos").isEmpty() ? null : new JobController(client,
        java.nio.file.Path.of(options.get("chaos")), java.nio.file.Path.of(options.get("pods")),
        options.get("ca").isEmpty() ? null : java.nio.file.Path.of(options.get("ca")), port);
    if (jobs != null) {
      jobs.start();
    }
    // the primary region's API runs the seed's DR workflow (Argo) and its node drain (Litmus)
    RegionDrain region = options.get("region").equals("primary")
        ? new RegionDrain(client, java.net.URI.create(options.get("demo"))) : null;
    if (region != null) {
      region.start();
    }

    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      if (region != null) {
        region.close();
      }
      if (jobs != null) {
        jobs.close();
      }
      hpa.close();
      if (redisPods != null) {
        redisPods.close();
      }
      chaos.close();
      controller.close();
      client.close();
      server.shutdown();
      stopped.countDown();
    }, "kube-shutdown"));
    System.out.println("kube: listening on http://127.0.0.1:" + port + ", seeded");
    stopped.await();
  }

  /**
   * The lab's API in this process on a free loopback port, empty (no seed, no controller), for
   * a test that needs the API to change during a run: once an object of a resource named in
   * {@code withdrawnOnCreate} (`GROUP/VERSION/PLURAL`) is created, the API stops serving that
   * resource, as when its CRD goes away while the object exists. Stop it with {@code destroy}.
   */
  public static KubernetesMockServer startInProcess(Set<String> withdrawnOnCreate)
      throws java.io.IOException {
    QUIET.setLevel(Level.WARNING);
    KubeDiscovery discovery = new KubeDiscovery("127.0.0.1");
    Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
    KubernetesMixedDispatcher crud =
        new KubernetesMixedDispatcher(expectations, KubeDiscovery.customResourceContexts());
    KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(),
        expectations, new DiscoveryFirst(discovery, crud, withdrawnOnCreate), false, VERSION);
    server.init(InetAddress.getByName("127.0.0.1"), 0);
    return server;
  }

  /** Serves discovery documents itself and passes every other request to the CRUD store. */
  private static final class DiscoveryFirst extends Dispatcher {
    private final KubeDiscovery discovery;
    private final KubernetesMixedDispatcher crud;
    private final Set<String> withdrawnOnCreate;
    private final Set<String> withdrawn = ConcurrentHashMap.newKeySet();

    DiscoveryFirst(KubeDiscovery discovery, KubernetesMixedDispatcher crud,
        Set<String> withdrawnOnCreate) {
      this.discovery = discovery;
      this.crud = crud;
      this.withdrawnOnCreate = Set.copyOf(withdrawnOnCreate);
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      String path = request.getPath();
      int query = path.indexOf('?');
      String bare = query < 0 ? path : path.substring(0, query);
      if ("GET".equals(request.getMethod())) {
        Optional<String> document = discovery.document(bare);
        if (document.isPresent()) {
          return json(200, document.get());
        }
      }
      // The CRUD store answers any other path with every object it holds (kubectl's
      // /openapi/v2 included); outside the resource paths the lab has nothing to serve.
      if (!bare.startsWith("/api/") && !bare.startsWith("/apis/") && !bare.equals("/version")) {
        return json(404, "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
            + "\"reason\":\"NotFound\",\"code\":404,\"message\":\"the lab serves no " + bare + "\"}");
      }
      String resource = KubeDiscovery.resourceOf(bare);
      boolean apiPath = bare.startsWith("/api/") || bare.startsWith("/apis/");
      // a group or version the lab does not serve (its document is not above), or a resource
      if ((apiPath && resource == null) || !KubeDiscovery.serves(bare)
          || (resource != null && withdrawn.contains(resource))) {
        // as a real API server: no store behind a resource it does not serve
        return json(404, "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
            + "\"reason\":\"NotFound\",\"code\":404,\"message\":\"the server could not find"
            + " the requested resource\",\"details\":{}}");
      }
      MockResponse response = crud.dispatch(request);
      if ("POST".equals(request.getMethod()) && withdrawnOnCreate.contains(resource)) {
        withdrawn.add(resource);
      }
      return response;
    }

    private static MockResponse json(int status, String body) {
      return new MockResponse().setResponseCode(status)
          .setHeader("Content-Type", "application/json")
          .setBody(body);
    }

    @Override
    public void shutdown() {
      crud.shutdown();
    }
  }
}
