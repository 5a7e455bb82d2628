package dev.chaos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rehearsals in the default world where what a chaos object does comes from its manifest: a
 * harmful latency, loss, pod failure, CPU or memory stress (past the container's limit, past the
 * node's memory) makes the run fail or abort, the same runbook with a harmless size passes, and
 * a selector that matches no pod does nothing.
 */
@Timeout(120)
class InjectionRehearsalTest {
  @TempDir
  Path dir;

  /** A runbook that applies {@code spec} as a {@code kind} on the gateway, then checks. */
  private CliRunner.Result rehearse(String kind, String spec, String labels, String body)
      throws Exception {
    return rehearse(kind, spec, labels, body, null);
  }

  /** As above, in the default world changed by {@code worldEdit} (old text, new text). */
  private CliRunner.Result rehearse(String kind, String spec, String labels, String body,
      String[] worldEdit) throws Exception {
    String manifest = """
        apiVersion: chaos-mesh.org/v1alpha1
        kind: %s
        metadata: {name: injected, namespace: chaos-testing}
        spec:
          selector:
            namespaces: [llm-marketplace]
            labelSelectors: {%s}
        %s""".formatted(kind, labels, spec.indent(2));
    String runbook = "runbook \"injected\" {\n  environment staging\n  blast_radius 100%\n"
        + "  let gateway = k8s.selector(\"llm-marketplace\", \"app=graphql-gateway\")\n"
        + "  let manifest = \"\"\"\n" + manifest.indent(4) + "    \"\"\"\n"
        + body.indent(2) + "}\n";
    Path file = dir.resolve("injected.chaos");
    Files.writeString(file, runbook);
    String journal = dir.resolve("run-" + System.nanoTime() + "/journal.jsonl").toString();
    if (worldEdit == null) {
      return new CliRunner().run("exec", "--sandbox", file.toString(), "--journal", journal);
    }
    String world;
    try (java.io.InputStream in = getClass().getResourceAsStream("/sandbox/default-world.yaml")) {
      world = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    assertThat(world).contains(worldEdit[0]);
    Path worldFile = dir.resolve("world.yaml");
    Files.writeString(worldFile, world.replace(worldEdit[0], worldEdit[1]));
    return new CliRunner().run("exec", "--sandbox", "--world", worldFile.toString(),
        file.toString(), "--journal", journal);
  }

  private static final String LATENCY_GUARD = """
      guard "p95 under 1s" every 5s {
        expect seconds(prometheus.scalar("chaos:slo:latency:p95:1m")) < 1s
      }
      step "inject" {
        let applied = k8s.apply(manifest)
        wait 1m
      }
      """;

  private CliRunner.Result latency(String latency, String labels) throws Exception {
    return rehearse("NetworkChaos", """
        action: delay
        mode: all
        delay: {latency: "%s"}
        duration: 2m
        """.formatted(latency), labels, LATENCY_GUARD);
  }

  @Test
  void tenSecondsOfLatencyAbortsWhereTwoHundredMillisecondsPasses() throws Exception {
    CliRunner.Result slow = latency("10s", "app: graphql-gateway");
    assertThat(slow.exitCode()).as(slow.out() + slow.err()).isEqualTo(ExitCodes.ABORTED);
    assertThat(slow.out()).contains("guard \"p95 under 1s\" tripped");
    CliRunner.Result fine = latency("200ms", "app: graphql-gateway");
    assertThat(fine.exitCode()).as(fine.out() + fine.err()).isEqualTo(ExitCodes.OK);
  }

  @Test
  void aSelectorThatMatchesNoPodDoesNothing() throws Exception {
    CliRunner.Result r = latency("10s", "app: nothing-here");
    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(ExitCodes.OK);
  }

  @Test
  void podFailureOfEveryPodFailsTheCheckWhereOnePodPasses() throws Exception {
    String body = """
        step "fail pods" {
          let applied = k8s.apply(manifest)
          wait 10s
          expect k8s.pods(gateway).ready >= 2 else "too few gateway pods ready"
        }
        """;
    String spec = "action: pod-failure\nmode: %s\nduration: 60s\n";
    CliRunner.Result all = rehearse("PodChaos", spec.formatted("all"),
        "app: graphql-gateway", body);
    assertThat(all.exitCode()).as(all.out() + all.err()).isEqualTo(ExitCodes.FAILED);
    assertThat(all.out()).contains("too few gateway pods ready");
    CliRunner.Result one = rehearse("PodChaos", spec.formatted("one"),
        "app: graphql-gateway", body);
    assertThat(one.exitCode()).as(one.out() + one.err()).isEqualTo(ExitCodes.OK);
  }

  @Test
  void memoryPastTheLimitOomKillsWhereMemoryWithinItDoesNot() throws Exception {
    String body = """
        step "stress memory" {
          let applied = k8s.apply(manifest)
          wait 1m
          expect k8s.pods(gateway).restarts == 0 else "gateway containers restarted"
          expect k8s.events(gateway, reason: "OOMKilled") == 0 else "OOM kills"
        }
        """;
    String spec = "mode: all\nstressors: {memory: {workers: 1, size: \"%s\"}}\nduration: 2m\n";
    CliRunner.Result big = rehearse("StressChaos", spec.formatted("2GB"),
        "app: graphql-gateway", body);
    assertThat(big.exitCode()).as(big.out() + big.err()).isEqualTo(ExitCodes.FAILED);
    assertThat(big.out()).contains("gateway containers restarted");
    CliRunner.Result small = rehearse("StressChaos", spec.formatted("100MB"),
        "app: graphql-gateway", body);
    assertThat(small.exitCode()).as(small.out() + small.err()).isEqualTo(ExitCodes.OK);
  }

  @Test
  void memoryPastTheNodeEvictsWhereMemoryThatFitsDoesNot() throws Exception {
    // a gateway without a memory limit: only its node's 14Gi bounds it
    String[] noLimit = {"        memory_limit: 512Mi\n", "        memory_limit: 0\n"};
    String body = """
        step "stress memory" {
          let applied = k8s.apply(manifest)
          wait 30s
          expect k8s.events(gateway, reason: "Evicted") == 0 else "gateway pods evicted"
        }
        """;
    String spec = "mode: one\nstressors: {memory: {workers: 1, size: \"%s\"}}\nduration: 2m\n";
    CliRunner.Result big = rehearse("StressChaos", spec.formatted("16GB"),
        "app: graphql-gateway", body, noLimit);
    assertThat(big.exitCode()).as(big.out() + big.err()).isEqualTo(ExitCodes.FAILED);
    assertThat(big.out()).contains("gateway pods evicted");
    CliRunner.Result small = rehearse("StressChaos", spec.formatted("1GB"),
        "app: graphql-gateway", body, noLimit);
    assertThat(small.exitCode()).as(small.out() + small.err()).isEqualTo(ExitCodes.OK);
  }

  @Test
  void cpuPastTheLimitSlowsThePodsWhereCpuWithinItDoesNot() throws Exception {
    String body = """
        guard "p95 under 500ms" every 5s {
          expect seconds(prometheus.scalar("chaos:slo:latency:p95:1m")) < 500ms
        }
        step "stress cpu" {
          let applied = k8s.apply(manifest)
          wait 1m
        }
        """;
    String spec = "mode: all\nstressors: {cpu: {workers: %d, load: %d}}\nduration: 2m\n";
    // 0.2 cores of load plus 4 of stress against a 1-core limit: four times slower
    CliRunner.Result hot = rehearse("StressChaos", spec.formatted(4, 100),
        "app: graphql-gateway", body);
    assertThat(hot.exitCode()).as(hot.out() + hot.err()).isEqualTo(ExitCodes.ABORTED);
    assertThat(hot.out()).contains("guard \"p95 under 500ms\" tripped");
    CliRunner.Result warm = rehearse("StressChaos", spec.formatted(1, 50),
        "app: graphql-gateway", body);
    assertThat(warm.exitCode()).as(warm.out() + warm.err()).isEqualTo(ExitCodes.OK);
  }

  @Test
  void lossOfEveryRequestRaisesTheErrorRateWhereNoneDoesNot() throws Exception {
    String body = """
        guard "error rate under 1%" every 5s {
          expect prometheus.scalar("chaos:slo:error_rate:1m") < 0.01
        }
        step "lose packets" {
          let applied = k8s.apply(manifest)
          wait 30s
        }
        """;
    String spec = "action: loss\nmode: all\nloss: {loss: \"%s\"}\nduration: 1m\n";
    CliRunner.Result lossy = rehearse("NetworkChaos", spec.formatted("100"),
        "app: graphql-gateway", body);
    assertThat(lossy.exitCode()).as(lossy.out() + lossy.err()).isEqualTo(ExitCodes.ABORTED);
    CliRunner.Result clean = rehearse("NetworkChaos", spec.formatted("0"),
        "app: graphql-gateway", body);
    assertThat(clean.exitCode()).as(clean.out() + clean.err()).isEqualTo(ExitCodes.OK);
  }
}
