package dev.chaos.drivers.k8s;

import dev.chaos.drivers.RealClockContext;
import dev.chaos.spi.BuiltinImpl;
import dev.chaos.spi.CallArgs;
import dev.chaos.spi.RunFacts;
import dev.chaos.types.Value;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * A Kubernetes API for the live driver tests: the fabric8 mock server in CRUD mode, started
 * in-process on 127.0.0.1 with the Chaos Mesh, Litmus and Argo kinds registered; or, when
 * `LAB_K8S_URL` is set, the lab's API (plain HTTP, no auth). Either way each fixture works in a
 * fresh namespace of its own, which is the client's default namespace.
 */
public final class K8sLab implements AutoCloseable {
  /** Held, so that the level set on it stays: the mock logs every request at INFO. */
  private static final java.util.logging.Logger MOCK_LOG =
      java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

  static {
    MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
  }

  /** The kinds the mock must know as custom resources, as the lab's API registers them. */
  public static List<CustomResourceDefinitionContext> customKinds() {
    List<CustomResourceDefinitionContext> out = new ArrayList<>();
    for (String kind : new String[] {"PodChaos", "NetworkChaos", "StressChaos", "IOChaos"}) {
      out.add(crd("chaos-mesh.org", kind, kind.toLowerCase(Locale.ROOT)));
    }
    out.add(crd("litmuschaos.io", "ChaosEngine", "chaosengines"));
    out.add(crd("argoproj.io", "Workflow", "workflows"));
    out.add(crd("chaos-mesh.org", "Workflow", "workflows"));
    out.add(new CustomResourceDefinitionContext.Builder().withGroup("metrics.k8s.io")
        .withVersion("v1beta1").withKind("PodMetrics").withPlural("pods")
        .withName("pods.metrics.k8s.io").withScope("Namespaced").build());
    return out;
  }

  private static CustomResourceDefinitionContext crd(String group, String kind, String plural) {
    return new CustomResourceDefinitionContext.Builder().withGroup(group)
        .withVersion("v1alpha1").withKind(kind).withPlural(plural)
        .withName(plural + "." + group).withScope("Namespaced").build();
  }

  private final KubernetesMockServer server;
  public final KubernetesClient client;
  public final String namespace;

  private K8sLab(KubernetesMockServer server, KubernetesClient client, String namespace) {
    this.server = server;
    this.client = client;
    this.namespace = namespace;
  }

  /**
   * The requests the mock server received since the last call, as `METHOD PATH`; empty on the
   * lab's API, which keeps no such log.
   */
  public List<String> takeRequests() throws InterruptedException {
    List<String> out = new ArrayList<>();
    if (server == null) {
      return out;
    }
    for (var r = server.takeRequest(50, java.util.concurrent.TimeUnit.MILLISECONDS); r != null;
        r = server.takeRequest(50, java.util.concurrent.TimeUnit.MILLISECONDS)) {
      out.add(r.getMethod() + " " + r.getPath());
    }
    return out;
  }

  /** The lab's API when `LAB_K8S_URL` is set, else a mock server of the fixture's own. */
  public static K8sLab start() throws Exception {
    String url = System.getenv("LAB_K8S_URL");
    return url == null || url.isBlank() ? startMock() : external(url);
  }

  /** Always an in-process mock server: the second cluster of the `cluster:` tests. */
  public static K8sLab startMock() throws Exception {
    KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(),
        new HashMap<>(), new KubernetesCrudDispatcher(customKinds()), false);
    server.init(InetAddress.getByName("127.0.0.1"), 0);
    String url = "http://127.0.0.1:" + server.getPort();
    return new K8sLab(server, connect(url, "chaos-test"), "chaos-test");
  }

  private static K8sLab external(String url) {
    String namespace = "chaos-test-" + UUID.randomUUID().toString().substring(0, 8);
    KubernetesClient client = connect(url, namespace);
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace)
        .endMetadata().build()).create();
    return new K8sLab(null, client, namespace);
  }

  /** A client as the driver builds them, on {@code url} with {@code namespace} as default. */
  public static KubernetesClient connect(String url, String namespace) {
    Config config = new ConfigBuilder(Config.empty()).withMasterUrl(url)
        .withNamespace(namespace).withTrustCerts(true).build();
    return K8sClients.client(config);
  }

  public String url() {
    return client.getConfiguration().getMasterUrl();
  }

  /** host:port of the API, as error messages name it. */
  public String server() {
    return K8sClients.server(url());
  }

  /** {@code count} pods `name-0`... labelled {@code labels}, the first {@code ready} ready. */
  public List<String> pods(String name, int count, int ready, Map<String, String> labels) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Pod pod = new PodBuilder().withNewMetadata().withName(name + "-" + i)
          .withNamespace(namespace).withLabels(labels).endMetadata()
          .withNewSpec().addNewContainer().withName("app").withImage("app:1").endContainer()
          .endSpec()
          .withNewStatus().withPhase("Running")
          .addNewCondition().withType("Ready").withStatus(i < ready ? "True" : "False")
          .endCondition()
          .addNewContainerStatus().withName("app").withRestartCount(i % 3).endContainerStatus()
          .endStatus().build();
      client.pods().inNamespace(namespace).resource(pod).create();
      names.add(pod.getMetadata().getName());
    }
    return names;
  }

  /** Creates an object from a plain tree, in the fixture's namespace unless it names one. */
  public Map<String, Object> create(String kind, Map<String, Object> tree) {
    return KubeObjects.create(client, kind, null, namespace, tree);
  }

  @Override
  public void close() {
    if (server == null) {
      client.namespaces().withName(namespace).delete();
    }
    client.close();
    if (server != null) {
      server.destroy();
    }
  }

  /** Live bindings of the `k8s` and `argo` functions on {@code clients}. */
  public static Map<String, BuiltinImpl> bindings(K8sClients clients) {
    Map<String, BuiltinImpl> into = new LinkedHashMap<>();
    LiveK8sBindings.bind(clients, into);
    dev.chaos.drivers.argo.LiveArgoBindings.bind(clients, into);
    return into;
  }

  /** A map of labels from key, value pairs. */
  public static Map<String, String> labels(String... keysAndValues) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      out.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return out;
  }

  /** Named arguments from name, value pairs. */
  public static CallArgs args(Object... namesAndValues) {
    return RealClockContext.named(namesAndValues);
  }

  /** A live call context with a blast radius (null: none) that records `affected`. */
  public static class Ctx extends RealClockContext {
    private final Double blastRadius;
    public final List<String> affected = new ArrayList<>();

    public Ctx(Duration budget, boolean dryRun, Double blastRadius) {
      super(budget, dryRun);
      this.blastRadius = blastRadius;
    }

    public Ctx() {
      this(Duration.ofSeconds(20), false, null);
    }

    @Override
    public RunFacts run() {
      RunFacts facts = super.run();
      return new RunFacts(facts.runbook(), facts.environment(), blastRadius, facts.dryRun());
    }

    @Override
    public void affected(int count, int of, String targets) {
      affected.add(count + " of " + of + " " + targets);
    }

    /** What the undos logged. */
    public final List<String> undoLog = new ArrayList<>();

    /** Runs every registered undo, last first, with a fresh deadline. */
    public void undoAll() throws Exception {
      for (int i = undos.size() - 1; i >= 0; i--) {
        Ctx undo = new Ctx();
        undos.get(i).run(undo);
        undoLog.addAll(undo.log);
      }
    }
  }

  /** A Selector value. */
  public static Value.Rec selector(String namespace, String labels) {
    return LiveK8sBindings.selectorValue("", namespace, labels);
  }
}
