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
