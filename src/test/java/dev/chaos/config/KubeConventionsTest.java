package dev.chaos.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KubeConventionsTest {
  static final Path HOME = Path.of("/home/op");
  static final Path FLAG = Path.of("/flag/kubeconfig");
  static final Path CONFIGURED = Path.of("/configured/kubeconfig");
  static final Map<String, String> KUBECONFIG_SET = Map.of("KUBECONFIG",
      File.pathSeparator + "/first/kubeconfig" + File.pathSeparator + "/second/kubeconfig");

  static K8sTarget target(Optional<Path> kubeconfig, Optional<String> context) {
    return new K8sTarget(context, false, kubeconfig,
        Map.of("dr", new K8sCluster("dr", "dr-context", Optional.empty())),
        K8sTarget.DEFAULT_LOCK_NAMESPACE);
  }

  static Path kubeconfig(Optional<Path> flag, Optional<Path> configured, Map<String, String> env) {
    return KubeConventions.choose(flag, Optional.empty(), target(configured, Optional.empty()), env, HOME)
        .kubeconfig();
  }

  @Test
  void theFlagWinsOverEverything() {
    assertEquals(FLAG, kubeconfig(Optional.of(FLAG), Optional.of(CONFIGURED), KUBECONFIG_SET));
  }

  @Test
  void thenTheConfigFile() {
    assertEquals(CONFIGURED, kubeconfig(Optional.empty(), Optional.of(CONFIGURED), KUBECONFIG_SET));
  }

  @Test
  void thenTheFirstEntryOfKubeconfig() {
    assertEquals(Path.of("/first/kubeconfig"), kubeconfig(Optional.empty(), Optional.empty(), KUBECONFIG_SET));
  }

  @Test
  void thenTheHomeDirectory() {
    assertEquals(Path.of("/home/op/.kube/config"), kubeconfig(Optional.empty(), Optional.empty(), Map.of()));
  }

  @Test
  void theContextFlagWinsOverTheConfiguredContext() {
    K8sTarget target = target(Optional.empty(), Optional.of("staging-eu"));
    assertEquals(Optional.of("other"), KubeConventions.choose(Optional.empty(), Optional.of("other"),
        target, Map.of(), HOME).context());
    assertEquals(Optional.of("staging-eu"), KubeConventions.choose(Optional.empty(), Optional.empty(),
        target, Map.of(), HOME).context());
    assertEquals(Optional.empty(), KubeConventions.choose(Optional.empty(), Optional.empty(),
        target(Optional.empty(), Optional.empty()), Map.of(), HOME).context());
  }

  @Test
  void inClusterUnlessAFlagSaysOtherwise() {
    K8sTarget inCluster = new K8sTarget(Optional.empty(), true, Optional.empty(), Map.of(),
        K8sTarget.DEFAULT_LOCK_NAMESPACE);
    assertEquals(new KubeChoice(true, null, Optional.empty()),
        KubeConventions.choose(Optional.empty(), Optional.empty(), inCluster, KUBECONFIG_SET, HOME));
    assertEquals(new KubeChoice(false, Path.of("/first/kubeconfig"), Optional.of("ctx")),
        KubeConventions.choose(Optional.empty(), Optional.of("ctx"), inCluster, KUBECONFIG_SET, HOME));
  }

  /** A simulated pod: the service-account folder with a token, the API server's address. */
  static Map<String, String> pod(Path dir) throws Exception {
    java.nio.file.Files.writeString(dir.resolve("token"), "t0k3n-of-the-pod");
    return Map.of("KUBERNETES_SERVICE_HOST", "10.0.0.1", "KUBERNETES_SERVICE_PORT", "443",
        "CHAOS_SERVICEACCOUNT_DIR", dir.toString());
  }

  @Test
  void inAPodWhereNothingNamesAClusterThePodsAccountIsUsed(
      @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    Map<String, String> pod = pod(dir);
    Path home = dir.resolve("home"); // no .kube/config: a runner image has none
    K8sTarget nothing = target(Optional.empty(), Optional.empty());
    assertEquals(new KubeChoice(true, null, Optional.empty()),
        KubeConventions.choose(Optional.empty(), Optional.empty(), nothing, pod, home));
    assertEquals(Optional.of(PodEnvironment.detect(pod).orElseThrow().url()),
        Optional.of("https://10.0.0.1:443"));
  }

  @Test
  void inAPodAnythingThatNamesAClusterWins(@org.junit.jupiter.api.io.TempDir Path dir)
      throws Exception {
    Map<String, String> pod = pod(dir);
    Path home = dir.resolve("home");
    // the environment's cluster, configured: the run (and its lock) goes there, not to the pod's
    assertEquals(new KubeChoice(false, home.resolve(".kube/config"), Optional.of("staging-eu")),
        KubeConventions.choose(Optional.empty(), Optional.empty(),
            target(Optional.empty(), Optional.of("staging-eu")), pod, home));
    assertEquals(new KubeChoice(false, CONFIGURED, Optional.empty()),
        KubeConventions.choose(Optional.empty(), Optional.empty(),
            target(Optional.of(CONFIGURED), Optional.empty()), pod, home));
    assertEquals(new KubeChoice(false, FLAG, Optional.empty()),
        KubeConventions.choose(Optional.of(FLAG), Optional.empty(),
            target(Optional.empty(), Optional.empty()), pod, home));
    Map<String, String> withVariable = new java.util.HashMap<>(pod);
    withVariable.put("KUBECONFIG", "/first/kubeconfig");
    assertEquals(new KubeChoice(false, Path.of("/first/kubeconfig"), Optional.empty()),
        KubeConventions.choose(Optional.empty(), Optional.empty(),
            target(Optional.empty(), Optional.empty()), withVariable, home));
    java.nio.file.Files.createDirectories(home.resolve(".kube"));
    java.nio.file.Files.writeString(home.resolve(".kube/config"), "kind: Config\n");
    assertEquals(new KubeChoice(false, home.resolve(".kube/config"), Optional.empty()),
        KubeConventions.choose(Optional.empty(), Optional.empty(),
            target(Optional.empty(), Optional.empty()), pod, home));
  }

  @Test
  void withoutATokenOrTheVariablesItIsNoPod(@org.junit.jupiter.api.io.TempDir Path dir)
      throws Exception {
    Map<String, String> pod = pod(dir);
    Map<String, String> noHost = new java.util.HashMap<>(pod);
    noHost.remove("KUBERNETES_SERVICE_HOST");
    assertEquals(Optional.empty(), PodEnvironment.detect(noHost));
    assertEquals("KUBERNETES_SERVICE_HOST is not set: this is not a pod",
        PodEnvironment.missing(noHost));
    java.nio.file.Files.delete(dir.resolve("token"));
    assertEquals(Optional.empty(), PodEnvironment.detect(pod));
    assertEquals("no service-account token at " + dir.resolve("token")
        + " (is automountServiceAccountToken off?)", PodEnvironment.missing(pod));
    assertEquals(false, KubeConventions.choose(Optional.empty(), Optional.empty(),
        target(Optional.empty(), Optional.empty()), pod, dir.resolve("home")).inCluster());
  }

  @Test
  void aNamedClusterKeepsItsContext() {
    K8sTarget target = target(Optional.of(CONFIGURED), Optional.of("staging-eu"));
    assertEquals(new KubeChoice(false, CONFIGURED, Optional.of("dr-context")),
        KubeConventions.chooseCluster(Optional.empty(), target, target.clusters().get("dr"), Map.of(), HOME));
    K8sCluster own = new K8sCluster("dr", "dr-context", Optional.of(Path.of("/dr/kubeconfig")));
    assertEquals(new KubeChoice(false, Path.of("/dr/kubeconfig"), Optional.of("dr-context")),
        KubeConventions.chooseCluster(Optional.of(FLAG), target, own, Map.of(), HOME));
  }
}
