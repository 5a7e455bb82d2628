package dev.chaos.drivers.k8s;

import static dev.chaos.drivers.k8s.K8sLab.args;
import static dev.chaos.drivers.k8s.K8sLab.labels;
import static dev.chaos.drivers.k8s.K8sLab.selector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chaos.config.KubeChoice;
import dev.chaos.spi.BuiltinImpl;
import dev.chaos.types.Value;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `cluster:` arguments, the clients built from a kubeconfig, and unknown cluster names. */
class K8sClustersTest {
  @Test
  void theClusterArgumentChoosesASecondServer() throws Exception {
    try (K8sLab main = K8sLab.start(); K8sLab backup = K8sLab.startMock();
        K8sClients clients = K8sClients.of(main.client, Map.of("backup", backup.client))) {
      Map<String, BuiltinImpl> k8s = K8sLab.bindings(clients);
      main.pods("backend", 2, 2, labels("tier", "backend"));
      backup.pods("backend", 3, 1, labels("tier", "backend"));
      Value.Rec inBackup = LiveK8sBindings.selectorValue("backup", backup.namespace,
          "tier=backend");

      assertThat(total(k8s, selector(main.namespace, "tier=backend"), null)).isEqualTo(2);
      assertThat(total(k8s, inBackup, null)).isEqualTo(3);
      assertThat(total(k8s, selector(backup.namespace, "tier=backend"), "backup")).isEqualTo(3);
      assertThat(k8s.get("k8s.count").call(args("kind", Value.str("pods"), "namespace",
          Value.str(backup.namespace), "cluster", Value.str("backup")), new K8sLab.Ctx()))
          .isEqualTo(Value.integer(3));

      K8sLab.Ctx context = new K8sLab.Ctx();
      k8s.get("k8s.apply").call(args("manifest", Value.str("""
          apiVersion: v1
          kind: ConfigMap
          metadata: {name: region}
          """), "cluster", Value.str("backup")), context);
      assertThat(context.undoDescriptions).containsExactly("delete configmap/region in"
          + " namespace " + backup.namespace + " of cluster backup");
      assertThat(KubeObjects.get(backup.client, "configmap", null, backup.namespace, "region"))
          .isNotNull();
      assertThat(KubeObjects.get(main.client, "configmap", null, main.namespace, "region"))
          .isNull();
    }
  }

  private static long total(Map<String, BuiltinImpl> k8s, Value.Rec selector, String cluster)
      throws Exception {
    Value.Rec set = (Value.Rec) k8s.get("k8s.pods").call(cluster == null
        ? args("selector", selector)
        : args("selector", selector, "cluster", Value.str(cluster)), new K8sLab.Ctx());
    return ((Value.Int) set.field("total")).value();
  }

  @Test
  void anUnknownClusterNameFailsListingTheKnownOnes() throws Exception {
    try (K8sLab main = K8sLab.startMock();
        K8sClients clients = K8sClients.of(main.client, Map.of("backup", main.client,
            "dr", main.client))) {
      Map<String, BuiltinImpl> bound = K8sLab.bindings(clients);
      String expected = "k8s: no cluster `west` in the config; known clusters: ";

      assertThatThrownBy(() -> bound.get("k8s.selector").call(args("namespace",
          Value.str("x"), "cluster", Value.str("west")), new K8sLab.Ctx()))
          .isInstanceOf(K8sException.class).hasMessageStartingWith(expected)
          .hasMessageContainingAll("backup", "dr");
      assertThatThrownBy(() -> bound.get("k8s.pods").call(args("selector",
          LiveK8sBindings.selectorValue("west", "x", "")), new K8sLab.Ctx()))
          .hasMessageStartingWith(expected);
      assertThatThrownBy(() -> bound.get("argo.phase").call(args("name", Value.str("wf"),
          "cluster", Value.str("west")), new K8sLab.Ctx()))
          .hasMessageStartingWith(expected);
    }
  }

  @Test
  void clientsAreBuiltFromAKubeconfigContextOnFirstUse(@TempDir Path dir) throws Exception {
    try (K8sLab main = K8sLab.startMock(); K8sLab backup = K8sLab.startMock()) {
      Path kubeconfig = dir.resolve("config");
      Files.writeString(kubeconfig, kubeconfig(main.url(), backup.url()));
      main.pods("backend", 1, 1, labels("tier", "backend"));
      backup.pods("backend", 2, 2, labels("tier", "backend"));

      try (K8sClients clients = K8sClients.connect(
          new KubeChoice(false, kubeconfig, Optional.empty()),
          Map.of("backup", new KubeChoice(false, kubeconfig, Optional.of("backup")),
              "broken", new KubeChoice(false, dir.resolve("missing"), Optional.empty()),
              "typo", new KubeChoice(false, kubeconfig, Optional.of("bakcup"))))) {
        Map<String, BuiltinImpl> k8s = K8sLab.bindings(clients);

        assertThat(total(k8s, selector("", "tier=backend"), null)).isEqualTo(1);
        assertThat(total(k8s, selector("", "tier=backend"), "backup")).isEqualTo(2);
        assertThat(clients.cluster("backup").label())
            .isEqualTo("k8s " + backup.server() + " (cluster backup)");
        assertThatThrownBy(() -> total(k8s, selector("", ""), "broken"))
            .isInstanceOf(K8sException.class)
            .hasMessage("k8s cluster broken: kubeconfig " + dir.resolve("missing")
                + " does not exist");
        assertThatThrownBy(() -> total(k8s, selector("", ""), "typo"))
            .isInstanceOf(K8sException.class)
            .hasMessage("k8s cluster typo: kubeconfig " + kubeconfig
                + " context `bakcup`: no such context; it has main, backup");
      }
    }
  }

  /** Contexts `main` (current) and `backup`, each with the lab's test namespace. */
  private static String kubeconfig(String mainUrl, String backupUrl) {
    StringBuilder text = new StringBuilder("apiVersion: v1\nkind: Config\n"
        + "current-context: main\nclusters:\n");
    for (List<String> c : List.of(List.of("main", mainUrl), List.of("backup", backupUrl))) {
      text.append("- name: ").append(c.get(0)).append("\n  cluster: {server: '")
          .append(c.get(1)).append("'}\n");
    }
    text.append("users:\n- name: me\n  user: {token: t}\ncontexts:\n");
    for (String c : List.of("main", "backup")) {
      text.append("- name: ").append(c).append("\n  context: {cluster: ").append(c)
          .append(", user: me, namespace: chaos-test}\n");
    }
    return text.toString();
  }
}
