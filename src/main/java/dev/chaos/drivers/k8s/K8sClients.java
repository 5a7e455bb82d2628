package dev.chaos.drivers.k8s;

import dev.chaos.drivers.ManifestDocuments;
import dev.chaos.config.KubeChoice;
import dev.chaos.config.PodEnvironment;
import dev.chaos.drivers.FailureText;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.okhttp.OkHttpClientFactory;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The fabric8 clients of an environment: its default cluster ("") and the named clusters that
 * `cluster:` arguments choose. A client is built on first use, so a run that never touches a
 * backup region never reads its kubeconfig context. Thread safe; {@link #close()} closes the
 * clients it built (not those handed to {@link #of}) and stops its worker threads.
 */
public final class K8sClients implements AutoCloseable {
  /**
   * One cluster: {@code name} ("" for the default one), {@code label} the text that starts its
   * error messages ("k8s 127.0.0.1:16443", "k8s 127.0.0.1:16444 (cluster backup)").
   */
  public record Cluster(String name, String label, KubernetesClient client) {
    /** The namespace an empty `namespace` argument means: the kubeconfig context's. */
    public String resolve(String namespace) {
      if (namespace != null && !namespace.isEmpty()) {
        return namespace;
      }
      String own = client.getNamespace();
      return own == null || own.isEmpty() ? "default" : own;
    }

    /** " in namespace x", plus " of cluster y" for a named cluster: the sandbox's wording. */
    public String where(String namespace) {
      return " in namespace " + resolve(namespace) + suffix();
    }

    /** " of cluster y" for a named cluster, else "". */
    public String suffix() {
      return name.isEmpty() ? "" : " of cluster " + name;
    }
  }

  /** A client not yet built, and whether this object owns it. */
  private static final class Slot {
    final Supplier<KubernetesClient> build;
    final boolean owned;
    Cluster cluster;

    Slot(Supplier<KubernetesClient> build, boolean owned) {
      this.build = build;
      this.owned = owned;
    }
  }

  /** Requests a client keeps in flight at once: kill_pods deletes this many pods in parallel. */
  static final int PARALLEL_REQUESTS = 16;

  private final Map<String, Slot> slots = new LinkedHashMap<>();
  private final ExecutorService workers = Executors.newCachedThreadPool(runnable -> {
    Thread thread = new Thread(runnable, "k8s-call");
    thread.setDaemon(true);
    return thread;
  });
  private final java.time.Instant created = java.time.Instant.now();
  private boolean closed;

  private K8sClients() {}

  /**
   * When these clients were made, which is when the run started: `chaos exec` connects once,
   * before the first step. Whole seconds, as the API server stamps events.
   */
  public java.time.Instant runStart() {
    return created.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
  }

  /**
   * Clients for {@code main} (the environment's cluster) and {@code clusters} (by the name a
   * `cluster:` argument gives), each from its kubeconfig file and context, or in-cluster.
   */
  public static K8sClients connect(KubeChoice main, Map<String, KubeChoice> clusters) {
    return connect(main, clusters, config -> { });
  }

  /** As above; {@code credentials} sees each cluster's configuration once it is read. */
  public static K8sClients connect(KubeChoice main, Map<String, KubeChoice> clusters,
      java.util.function.Consumer<Config> credentials) {
    K8sClients clients = new K8sClients();
    clients.slots.put("", new Slot(() -> build(main, "", credentials), true));
    clusters.forEach((name, choice) -> {
      if (!name.isEmpty()) {
        clients.slots.put(name, new Slot(() -> build(choice, name, credentials), true));
      }
    });
    return clients;
  }

  /** Clients already built, as the tests make them; {@link #close()} leaves them open. */
  public static K8sClients of(KubernetesClient main, Map<String, KubernetesClient> clusters) {
    K8sClients clients = new K8sClients();
    clients.slots.put("", new Slot(() -> main, false));
    clusters.forEach((name, client) -> clients.slots.put(name, new Slot(() -> client, false)));
    return clients;
  }

  /**
   * The cluster a `cluster:` argument names ("" is the default one), its client built on first
   * use; an unknown name fails listing the known ones.
   */
  public synchronized Cluster cluster(String name) {
    if (closed) {
      throw new IllegalStateException("k8s: the clients are closed");
    }
    Slot slot = slot(name);
    if (slot.cluster == null) {
      KubernetesClient client = slot.build.get();
      slot.cluster = new Cluster(name, label(client, name), client);
    }
    return slot.cluster;
  }

  /** Fails as {@link #cluster} would for an unknown name, without building a client. */
  public synchronized void checkKnown(String name) {
    slot(name);
  }

  /** Threads that run the blocking fabric8 calls while callers wait on the run's clock. */
  ExecutorService workers() {
    return workers;
  }

  private Slot slot(String name) {
    Slot slot = slots.get(name == null ? "" : name);
    if (slot == null) {
      List<String> known = new ArrayList<>(slots.keySet());
      known.remove("");
      throw new K8sException("k8s", "no cluster `" + name + "` in the config; "
          + (known.isEmpty() ? "it names no cluster besides the default one"
              : "known clusters: " + String.join(", ", known)));
    }
    return slot;
  }

  @Override
  public synchronized void close() {
    closed = true;
    for (Slot slot : slots.values()) {
      if (slot.owned && slot.cluster != null) {
        slot.cluster.client().close();
      }
    }
    workers.shutdownNow();
  }

  private static String label(KubernetesClient client, String name) {
    String server = server(client.getConfiguration().getMasterUrl());
    return "k8s " + server + (name.isEmpty() ? "" : " (cluster " + name + ")");
  }

  /** host:port of the API server URL, as messages name it. */
  static String server(String masterUrl) {
    try {
      URI uri = URI.create(masterUrl);
      if (uri.getHost() == null) {
        return masterUrl;
      }
      int port = uri.getPort() != -1 ? uri.getPort() : "http".equals(uri.getScheme()) ? 80 : 443;
      return uri.getHost() + ":" + port;
    } catch (IllegalArgumentException e) {
      return masterUrl;
    }
  }

  private static KubernetesClient build(KubeChoice choice, String name,
      java.util.function.Consumer<Config> credentials) {
    String what = name.isEmpty() ? "k8s" : "k8s cluster " + name;
    Config config;
    if (choice.inCluster()) {
      config = inCluster(what, System.getenv());
    } else {
      String text;
      try {
        text = Files.readString(choice.kubeconfig());
      } catch (java.nio.file.NoSuchFileException e) {
        throw new K8sException(what, "kubeconfig " + choice.kubeconfig() + " does not exist");
      } catch (IOException e) {
        throw new K8sException(what, "cannot read kubeconfig " + choice.kubeconfig() + ": "
            + FailureText.oneLine(String.valueOf(e.getMessage())));
      }
      checkContext(what, choice, text);
      try {
        config = Config.fromKubeconfig(choice.context().orElse(null), text,
            choice.kubeconfig().toString());
      } catch (RuntimeException e) {
        throw new K8sException(what, "kubeconfig " + choice.kubeconfig()
            + choice.context().map(c -> " context `" + c + "`").orElse("") + ": "
            + FailureText.oneLine(String.valueOf(e.getMessage())));
      }
    }
    credentials.accept(config);
    return client(config);
  }

  /**
   * The pod's service account, read from its files rather than by fabric8's auto-configuration,
   * which would prefer a kubeconfig it finds and reads its folder from system properties. The
   * token is read for each request: a projected token is rotated while a long run lasts.
   */
  static Config inCluster(String what, Map<String, String> environment) {
    PodEnvironment pod = PodEnvironment.detect(environment).orElseThrow(() -> new K8sException(
        what, "in-cluster: " + PodEnvironment.missing(environment)));
    Config config = Config.empty();
    config.setMasterUrl(pod.url());
    if (Files.isRegularFile(pod.caCert())) {
      config.setCaCertFile(pod.caCert().toString());
    }
    config.setOauthTokenProvider(() -> {
      try {
        return Files.readString(pod.token()).trim();
      } catch (IOException e) {
        throw new K8sException(what, "in-cluster: cannot read the service-account token "
            + pod.token() + ": " + FailureText.oneLine(String.valueOf(e.getMessage())));
      }
    });
    String namespace = pod.namespace();
    if (!namespace.isEmpty()) {
      config.setNamespace(namespace);
    }
    return config;
  }

  /**
   * Fails unless the kubeconfig has the chosen context (or a current one when none is chosen):
   * fabric8 silently falls back to another cluster for a context it does not find, and a typo
   * must not send a chaos experiment to the wrong cluster.
   */
  private static void checkContext(String what, KubeChoice choice, String text) {
    Map<String, Object> tree;
    try {
      tree = ManifestDocuments.map(new tools.jackson.dataformat.yaml.YAMLMapper()
          .readValue(text, Map.class));
    } catch (tools.jackson.core.JacksonException e) {
      throw new K8sException(what, "kubeconfig " + choice.kubeconfig() + " is not valid YAML: "
          + FailureText.oneLine(e.getOriginalMessage()));
    }
    List<String> contexts = new ArrayList<>();
    if (tree.get("contexts") instanceof List<?> list) {
      for (Object context : list) {
        contexts.add(ManifestDocuments.text(ManifestDocuments.map(context).get("name")));
      }
    }
    String wanted = choice.context().orElse(ManifestDocuments.text(tree.get("current-context")));
    if (wanted.isEmpty()) {
      throw new K8sException(what, "kubeconfig " + choice.kubeconfig() + " has no"
          + " current-context; name one of its contexts: " + String.join(", ", contexts));
    }
    if (!contexts.contains(wanted)) {
      throw new K8sException(what, "kubeconfig " + choice.kubeconfig() + " context `" + wanted
          + "`: no such context; it has " + (contexts.isEmpty() ? "none"
              : String.join(", ", contexts)));
    }
  }

  /**
   * A client on {@code config}, tuned for driver calls: no retries (the call's deadline is the
   * only budget, and a refused connection must fail at once), and enough parallel requests for
   * kill_pods.
   */
  public static KubernetesClient client(Config config) {
    config.setRequestRetryBackoffLimit(0);
    config.setConnectionTimeout(10_000);
    config.setRequestTimeout(60_000);
    config.setMaxConcurrentRequests(64);
    config.setMaxConcurrentRequestsPerHost(PARALLEL_REQUESTS * 2);
    return new KubernetesClientBuilder().withConfig(config)
        .withHttpClientFactory(new OkHttpClientFactory()).build();
  }
}
