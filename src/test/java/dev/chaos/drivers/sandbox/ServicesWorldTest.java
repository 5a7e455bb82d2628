package dev.chaos.drivers.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Argo, HTTP, notify and shell of the default world. */
@Timeout(20)
class ServicesWorldTest {
  private final World world = WorldLoader.defaultWorld();

  @Test
  void aWorkflowRunsForTheWorldsDurationThenSucceeds() throws InterruptedException {
    ArgoWorld argo = world.argo("");
    String name = argo.submit("""
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {generateName: disaster-recovery-workflow-, namespace: chaos-testing}
        spec: {entrypoint: region-failure}
        """, "");
    assertThat(name).startsWith("disaster-recovery-workflow-").hasSize(32);
    assertThat(argo.phase(name, "chaos-testing")).isEqualTo("Running");
    assertThat(world.k8s("").count("workflow", "chaos-testing", "")).isEqualTo(1);
    assertThat(world.disrupted()).isTrue();
    world.clock().sleep(Duration.ofMinutes(3));
    assertThat(argo.phase(name, "chaos-testing")).isEqualTo("Succeeded");
    assertThat(argo.terminateAll("chaos-testing")).isZero();
  }

  @Test
  void terminatingAWorkflowFailsItAndEndsItsEffect() {
    ArgoWorld argo = world.argo("");
    String name = argo.submit("""
        kind: Workflow
        metadata: {name: wf, namespace: chaos-testing}
        """, "");
    assertThat(world.prometheus().scalar("chaos:slo:error_rate:1m")).isGreaterThan(0.0006);
    assertThat(argo.terminateAll("chaos-testing")).isEqualTo(1);
    assertThat(argo.phase(name, "chaos-testing")).isEqualTo("Failed");
    assertThat(world.disrupted()).isFalse();
    assertThatThrownBy(() -> argo.phase("other", "chaos-testing"))
        .hasMessage("workflows.argoproj.io \"other\" not found in namespace chaos-testing");
  }

  @Test
  void aFailbackResumesReplication() throws InterruptedException {
    ArgoWorld argo = world.argo("");
    argo.submit("""
        kind: Workflow
        metadata: {generateName: disaster-recovery-workflow-, namespace: chaos-testing}
        """, "");
    world.clock().sleep(Duration.ofMinutes(1));
    // the primary's region is down: nothing reaches the standby any more
    assertThat(world.postgres().replicationLag()).isGreaterThanOrEqualTo(Duration.ofMinutes(1));
    world.shell().run("./scripts/failover-to-backup.sh", List.of(), null);
    // the promoted backup replicates from nothing
    assertThat(world.postgres().replicationLag()).isZero();
    argo.terminateAll("chaos-testing");
    world.clock().sleep(Duration.ofMinutes(1));
    world.shell().run("./scripts/failback-to-primary.sh", List.of(), null);
    world.clock().sleep(Duration.ofSeconds(30));
    // the failback re-seeded the standby: the lag is the world's level, not the time since the
    // region failed
    assertThat(world.postgres().replicationLag()).isEqualTo(Duration.ofMillis(40));
  }

  @Test
  void theGatewayHealthFollowsItsPods() {
    String health = "http://graphql-gateway.llm-marketplace:4000/health";
    assertThat(world.http().get(health, null).body()).isEqualTo("{\"status\":\"ok\"}");
    K8sWorld k8s = world.k8s("");
    k8s.killPods(k8s.selector("llm-marketplace", "app=graphql-gateway"), 3, Duration.ZERO);
    assertThat(world.http().get(health, null).status()).isEqualTo(503);
    assertThatThrownBy(() -> world.http().get("http://nowhere:80/", null))
        .hasMessageStartingWith("connection refused: nothing answers at http://nowhere:80/");
  }

  @Test
  void shellAnswersFromTheWorldAndRunsNothing() {
    Results.ProcessResult smoke = world.shell().run("./scripts/smoke-tests.sh",
        List.of("--environment=backup-region"), Duration.ofMinutes(5));
    assertThat(smoke).isEqualTo(new Results.ProcessResult(0, "24 passed, 0 failed\n", ""));
    Results.ProcessResult missing = world.shell().run("rm", List.of("-rf", "/"), null);
    assertThat(missing.exit()).isEqualTo(127);
    assertThat(missing.stderr()).contains("rm: not found");
    assertThat(world.shell().ran()).containsExactly(
        List.of("./scripts/smoke-tests.sh", "--environment=backup-region"),
        List.of("rm", "-rf", "/"));
  }

  @Test
  void notificationsAreKept() throws InterruptedException {
    world.clock().sleep(Duration.ofSeconds(5));
    world.notifications().send("chaos: pod-failure aborted");
    assertThat(world.notifications().sent()).singleElement().satisfies(m -> {
      assertThat(m.text()).isEqualTo("chaos: pod-failure aborted");
      assertThat(m.time()).isEqualTo(world.start().plusSeconds(5));
    });
  }
}
