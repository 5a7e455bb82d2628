package dev.chaos.drivers.k8s;

import static dev.chaos.drivers.k8s.K8sLab.args;
import static dev.chaos.drivers.k8s.K8sLab.labels;
import static dev.chaos.drivers.k8s.K8sLab.selector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chaos.drivers.kube.KillCount;
import dev.chaos.drivers.kube.LabelSelector;
import dev.chaos.spi.Preview;
import dev.chaos.types.Value;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** `k8s.kill_pods` on a real API: how many, which, the blast radius, dry runs. */
class LiveK8sKillPodsTest extends K8sLabTest {


  private List<String> remaining(String labels) {
    return PodReads.selected(lab.client, lab.namespace, LabelSelector.parse(labels)).stream()
        .map(PodReads::name).toList();
  }

  @SuppressWarnings("unchecked")
  private static List<String> names(Value value) {
    return ((Value.List) value).items().stream().map(v -> ((Value.Str) v).value()).toList();
  }

  @Test
  void killsTheFractionRoundedUpAmongTheSelectedPodsOnly() throws Exception {
    List<String> backend = lab.pods("backend", 10, 10, labels("tier", "backend"));
    lab.pods("db", 3, 3, labels("tier", "db"));
    K8sLab.Ctx context = new K8sLab.Ctx(Duration.ofSeconds(20), false, 50.0);

    List<String> killed = names(impls.get("k8s.kill_pods").call(args("selector",
        selector(lab.namespace, "tier=backend"), "fraction", Value.percent(25)), context));

    assertThat(killed).hasSize(3).doesNotHaveDuplicates().isSorted();
    assertThat(backend).containsAll(killed);
    assertThat(remaining("tier=backend")).hasSize(7).doesNotContainAnyElementsOf(killed);
    assertThat(remaining("tier=db")).hasSize(3);
    assertThat(context.affected).containsExactly("3 of 10 pods labelled `tier=backend` in"
        + " namespace " + lab.namespace);
    assertThat(context.undos).isEmpty();
  }

  @Test
  void theBlastRadiusLowersARoundedUpFractionAndTheNoteIsLogged() throws Exception {
    lab.pods("backend", 5, 5, labels("tier", "backend"));
    K8sLab.Ctx context = new K8sLab.Ctx(Duration.ofSeconds(20), false, 30.0);

    List<String> killed = names(impls.get("k8s.kill_pods").call(args("selector",
        selector(lab.namespace, "tier=backend"), "fraction", Value.percent(30)), context));

    assertThat(killed).hasSize(1);
    assertThat(remaining("tier=backend")).hasSize(4);
    assertThat(context.log).containsExactly("k8s.kill_pods: 30% of 5 pods rounds up to 2 (40%);"
        + " killing 1 (20%) to stay within the runbook's blast_radius 30%");
  }

  @Test
  void whenEvenOnePodExceedsTheBlastRadiusNothingIsKilled() throws Exception {
    lab.pods("backend", 2, 2, labels("tier", "backend"));
    K8sLab.Ctx context = new K8sLab.Ctx(Duration.ofSeconds(20), false, 30.0);

    assertThatThrownBy(() -> impls.get("k8s.kill_pods").call(args("selector",
        selector(lab.namespace, "tier=backend"), "fraction", Value.percent(30)), context))
        .isInstanceOf(KillCount.Refused.class)
        .hasMessage("30% of the 2 pods labelled `tier=backend` in namespace " + lab.namespace
            + " is at least 1 pod (50%), more than the runbook's blast_radius 30%");
    assertThatThrownBy(() -> impls.get("k8s.kill_pods").call(args("selector",
        selector(lab.namespace, "tier=backend"), "count", Value.integer(1)), context))
        .isInstanceOf(KillCount.Refused.class);
    assertThat(remaining("tier=backend")).hasSize(2);
    assertThat(context.affected).isEmpty();
  }

  @Test
  void countKillsExactlyThatManyWithAGracePeriod() throws Exception {
    lab.pods("backend", 4, 4, labels("tier", "backend"));

    List<String> killed = names(impls.get("k8s.kill_pods").call(args("selector",
        selector(lab.namespace, "tier=backend"), "count", Value.integer(2), "grace",
        Value.duration(Duration.ofSeconds(5))), new K8sLab.Ctx()));

    assertThat(killed).hasSize(2);
    assertThat(remaining("tier=backend")).hasSize(2);
  }

  @Test
  void noMatchingPodIsRefused() {
    assertThatThrownBy(() -> impls.get("k8s.kill_pods").call(args("selector",
        selector(lab.namespace, "tier=none"), "count", Value.integer(1)), new K8sLab.Ctx()))
        .hasMessage("no pods labelled `tier=none` in namespace " + lab.namespace
            + ": nothing to kill");
  }

  @Test
  void aDryRunKillsNothing() throws Exception {
    lab.pods("backend", 4, 4, labels("tier", "backend"));
    K8sLab.Ctx context = new K8sLab.Ctx(Duration.ofSeconds(20), true, null);

    List<String> wouldKill = names(impls.get("k8s.kill_pods").call(args("selector",
        selector(lab.namespace, "tier=backend"), "fraction", Value.percent(50)), context));

    assertThat(wouldKill).hasSize(2);
    assertThat(remaining("tier=backend")).hasSize(4);
    assertThat(context.log).containsExactly("dry run: would kill 2 of the 4 pods labelled"
        + " `tier=backend` in namespace " + lab.namespace);
    assertThat(context.affected).isEmpty();
    Preview preview = context.previews.get(0);
    assertThat(preview.targets()).containsExactlyInAnyOrderElementsOf(wouldKill);
    assertThat(preview.share()).isEqualTo(new Preview.Share(2, 4,
        "50% of the selected pods; the runbook declares no blast_radius"));
    assertThat(preview.undo()).isEmpty();
  }

  @Test
  void aDryRunGivesTheBlastRadiusVerdictAndRefusesWhatTheRealRunWould() throws Exception {
    lab.pods("backend", 5, 5, labels("tier", "backend"));
    K8sLab.Ctx capped = new K8sLab.Ctx(Duration.ofSeconds(20), true, 30.0);

    impls.get("k8s.kill_pods").call(args("selector", selector(lab.namespace, "tier=backend"),
        "fraction", Value.percent(30)), capped);

    assertThat(capped.previews.get(0).share()).isEqualTo(new Preview.Share(1, 5,
        "20% of the selected pods, within the runbook's blast_radius 30% (fewer pods than"
            + " asked, to stay within it)"));
    K8sLab.Ctx over = new K8sLab.Ctx(Duration.ofSeconds(20), true, 30.0);
    assertThatThrownBy(() -> impls.get("k8s.kill_pods").call(args("selector",
        selector(lab.namespace, "tier=backend"), "count", Value.integer(2)), over))
        .hasMessageContaining("more than the runbook's blast_radius 30%");
    assertThat(over.previews).isEmpty();
    assertThat(remaining("tier=backend")).hasSize(5);
  }
}
