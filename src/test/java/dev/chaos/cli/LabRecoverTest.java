package dev.chaos.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chaos.runtime.JournalReader;
import dev.chaos.runtime.RunEvent;
import dev.chaos.runtime.UnfinishedRun;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash recovery against the lab: a runner (a child JVM) is killed with SIGKILL once its
 * journal shows the PodChaos applied. `chaos exec` then refuses to take the lock while the dead
 * run is unfinished (`--force` gets past that refusal to the lock itself), `chaos recover`
 * deletes the PodChaos, runs the rollback and releases the Lease, a second recover changes
 * nothing, and a new run takes the lock.
 */
@EnabledIfEnvironmentVariable(named = "LAB_CHAOS_CONFIG", matches = ".+")
@DisabledOnOs(OS.WINDOWS)
@Timeout(900)
class LabRecoverTest {
  private static final String NAMESPACE = "chaos-testing";
  private static final String CHAOS = "recover-pod-failure";
  private static final String LOCK = "recover-test";

  private static final String RUNBOOK = """
      runbook "crash-recover" {
        environment staging
        max_duration 20m
        lock "%s"
        let chaos = \"""
          apiVersion: chaos-mesh.org/v1alpha1
          kind: PodChaos
          metadata:
            name: %s
            namespace: %s
          spec:
            action: pod-failure
            mode: one
            selector:
              namespaces: ["llm-marketplace"]
              labelSelectors:
                tier: backend
            duration: "10m"
          \"""
        step "inject" { k8s.apply(chaos) }
        step "hold" { wait 10m }
        rollback { k8s.delete("podchaos", "%s", namespace: "%s") }
      }
      """.formatted(LOCK, CHAOS, NAMESPACE, CHAOS, NAMESPACE);

  private static final String QUICK = """
      runbook "after-recover" {
        environment staging
        lock "%s"
        step "look" { k8s.pods(k8s.selector("llm-marketplace", "tier=backend")) }
      }
      """.formatted(LOCK);

  @TempDir
  Path dir;
  private KubernetesClient client;

  @BeforeEach
  void connect() throws Exception {
    Config config = Config.fromKubeconfig("lab",
        Files.readString(Path.of(System.getenv("LAB_KUBECONFIG"))), null);
    config.setRequestTimeout(5_000);
    client = new KubernetesClientBuilder().withConfig(config).build();
  }

  @AfterEach
  void close() {
    client.close();
  }

  @Test
  void aRunnerKilledAfterApplyingAPodChaosIsRecovered() throws Exception {
    Path runbook = dir.resolve("crash.chaos");
    Files.writeString(runbook, RUNBOOK);
    Path journal = dir.resolve("run1/journal.jsonl");
    Process child = new ProcessBuilder(java(), "-cp", System.getProperty("java.class.path"),
        Main.class.getName(), "exec", "--config", System.getenv("LAB_CHAOS_CONFIG"),
        "--journal", journal.toString(), runbook.toString())
        .directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("child.log").toFile()).start();
    try {
      // a child JVM on a loaded machine can take minutes to start
      await().atMost(Duration.ofSeconds(600)).pollInterval(Duration.ofMillis(100))
          .until(() -> Files.exists(journal)
              && Files.readString(journal).contains("\"event\":\"wait\""));
    } finally {
      child.destroyForcibly(); // SIGKILL: no undo, no release
      child.waitFor(30, TimeUnit.SECONDS);
    }
    assertThat(child.exitValue()).as(Files.readString(dir.resolve("child.log"))).isEqualTo(137);
    assertThat(podChaos()).as("the PodChaos the dead run left").isNotNull();
    assertThat(lease()).as("the Lease the dead run left").isNotNull();
    UnfinishedRun dead = UnfinishedRun.of(JournalReader.read(journal).events());
    assertThat(dead.finished()).isFalse();
    assertThat(dead.pending()).singleElement().satisfies(p -> {
      assertThat(p.recipe().name()).isEqualTo("k8s.undo_apply");
      java.util.Map<?, ?> object = (java.util.Map<?, ?>) ((java.util.List<?>)
          p.recipe().args().get("objects")).get(0);
      assertThat(object.get("uid")).isEqualTo(podChaos().getMetadata().getUid());
      assertThat(object.get("apiVersion")).isEqualTo("chaos-mesh.org/v1alpha1");
      assertThat(object.get("name")).isEqualTo(CHAOS);
    });

    // exec refuses while the dead run is unfinished, naming the journal and the command
    Path quick = dir.resolve("quick.chaos");
    Files.writeString(quick, QUICK);
    CliRunner.Result refused = exec(quick, "run2");
    assertThat(refused.exitCode()).as(refused.out() + refused.err()).isEqualTo(2);
    assertThat(refused.err()).contains("died unfinished", journal.toString(),
        "chaos recover " + journal, "--force");
    // --force gets past the refusal, to the lock the dead runner still holds
    CliRunner.Result forced = exec(quick, "run3", "--force");
    assertThat(forced.out() + forced.err()).doesNotContain("died unfinished")
        .contains("cannot take the lock `" + LOCK + "`");

    byte[] before = Files.readAllBytes(journal);
    CliRunner.Result recovered = new CliRunner().run("recover", journal.toString());
    assertThat(recovered.exitCode()).as(recovered.out() + recovered.err()).isZero();
    assertThat(recovered.out()).contains("recovered: 2 of 2 undos done",
        "released the lock `" + LOCK + "`");
    assertThat(podChaos()).as("the PodChaos after recover").isNull();
    assertThat(lease()).as("the Lease after recover").isNull();
    assertThat(Files.readAllBytes(journal)).startsWith(before);
    UnfinishedRun after = UnfinishedRun.of(JournalReader.read(journal).events());
    assertThat(after.finished()).isTrue();
    assertThat(after.pending()).isEmpty();
    assertThat(JournalReader.read(journal).events()).anySatisfy(e ->
        assertThat(e).isInstanceOfSatisfying(RunEvent.UndoFinished.class, f -> {
          assertThat(f.id()).isZero();
          assertThat(f.ok()).isTrue();
        }));
    assertThat(dir.resolve("run1/report.md")).exists();
    assertThat(Files.readString(dir.resolve("run1/report.html")))
        .contains("<dt>Exit code</dt><dd>0</dd>", "class=\"mark mark-step\"");

    // twice is a no-op
    byte[] recoveredOnce = Files.readAllBytes(journal);
    CliRunner.Result again = new CliRunner().run("recover", journal.toString());
    assertThat(again.exitCode()).isZero();
    assertThat(again.out()).contains("nothing to recover");
    assertThat(Files.readAllBytes(journal)).isEqualTo(recoveredOnce);

    // the lock is free: a new run takes it
    CliRunner.Result next = exec(quick, "run4");
    assertThat(next.exitCode()).as(next.out() + next.err()).isZero();
  }

  private CliRunner.Result exec(Path runbook, String folder, String... more) {
    java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("exec",
        "--config", System.getenv("LAB_CHAOS_CONFIG"), "--journal",
        dir.resolve(folder + "/journal.jsonl").toString()));
    args.addAll(java.util.List.of(more));
    args.add(runbook.toString());
    return new CliRunner().run(args.toArray(String[]::new));
  }

  private GenericKubernetesResource podChaos() {
    return client.genericKubernetesResources(dev.chaos.drivers.k8s.K8sKinds.context("podchaos"))
        .inNamespace(NAMESPACE).withName(CHAOS).get();
  }

  private Object lease() {
    return client.leases().inNamespace(NAMESPACE).withName("chaos-lock-" + LOCK).get();
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
