package dev.chaos.drivers.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The kind table: every spelling kubectl takes, and one refusal for the rest. */
class KindsTest {
  @Test
  void singularPluralShortNameAnyCaseAndGroupNameOneKind() {
    for (String written : new String[] {"deployment", "Deployments", "deploy", " DEPLOY ",
        "deployments.apps", "Deployment.apps"}) {
      assertThat(Kinds.require(written).kind()).as(written).isEqualTo("Deployment");
    }
    assertThat(Kinds.normalise("PodChaos")).isEqualTo("podchaos");
    assertThat(Kinds.normalise("podchaos.chaos-mesh.org")).isEqualTo("podchaos");
    assertThat(Kinds.normalise("hpa")).isEqualTo("horizontalpodautoscaler");
    assertThat(Kinds.ref("sts", "db")).isEqualTo("statefulset/db");
  }

  @Test
  void whereEachKindLives() {
    Kind hpa = Kinds.require("hpa");
    assertThat(hpa.apiVersion()).isEqualTo("autoscaling/v2");
    assertThat(hpa.plural()).isEqualTo("horizontalpodautoscalers");
    assertThat(Kinds.require("ns").namespaced()).isFalse();
    assertThat(Kinds.require("pod").apiVersion()).isEqualTo("v1");
  }

  @Test
  void aKindOfAnotherGroupIsNotTaken() {
    assertThat(Kinds.find("deployments.chaos-mesh.org")).isEmpty();
  }

  @Test
  void anUnknownKindIsRefusedWithTheClosestKnownOne() {
    assertThatThrownBy(() -> Kinds.require("deploymnet")).isInstanceOf(KubeRuleException.class)
        .hasMessage("unknown kind `deploymnet`: did you mean `deployment`?");
    assertThat(Kinds.problem("statefullset"))
        .isEqualTo("unknown kind `statefullset`: did you mean `statefulset`?");
    assertThat(Kinds.problem("frobnicator")).isEqualTo("unknown kind `frobnicator`: give a"
        + " kind such as deployment, pod, configmap or podchaos (singular, plural or short"
        + " name)");
    assertThat(Kinds.problem("configmap")).isNull();
  }

  @Test
  void anUnknownKindIsStillNamedInLowerCase() {
    assertThat(Kinds.normalise("MyResource")).isEqualTo("myresource");
  }
}
