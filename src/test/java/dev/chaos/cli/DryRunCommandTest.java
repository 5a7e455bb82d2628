package dev.chaos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaos.drivers.sandbox.K8sWorld;
import dev.chaos.drivers.sandbox.Results;
import dev.chaos.drivers.sandbox.SandboxBackend;
import dev.chaos.drivers.sandbox.SandboxBackendProvider;
import dev.chaos.spi.Backend;
import dev.chaos.spi.BackendProvider;
import dev.chaos.spi.BackendRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * `chaos exec --sandbox --dry-run` on the real sandbox: every mutation reaches its driver, which
 * resolves its targets by reading the world and says what it would do; the console and both
 * reports show that plan; the world is the same afterwards.
 */
@Timeout(60)
class DryRunCommandTest {
  /** A Chaos Mesh manifest as the project ships them: a licence header, then the object. */
  private static final String POD_CHAOS = """
        # Copyright 2021 Chaos Mesh Authors.
        #
        # Licensed under the Apache License, Version 2.0 (the "License");
        # you may not use this file except in compliance with the License.
        apiVersion: chaos-mesh.org/v1alpha1
        kind: PodChaos
        metadata:
          name: pod-failure-example
          namespace: chaos-testing
        spec:
          action: pod-failure
          mode: one
          duration: "30s"
          selector:
            labelSelectors:
              tier: backend
      """;

  @TempDir
  Path dir;

  /** The sandbox provider, keeping each backend it opens so the test can look at its world. */
  private static final class Watched implements Backends {
    final List<SandboxBackend> opened = new ArrayList<>();
    final List<String> before = new ArrayList<>();

    @Override
    public Optional<BackendProvider> find(String name) {
      if (!name.equals("sandbox")) {
        return Optional.empty();
      }
      return Optional.of(new BackendProvider() {
        @Override
        public String name() {
          return "sandbox";
        }

        @Override
        public Backend open(BackendRequest request) throws Exception {
          SandboxBackend backend = (SandboxBackend) new SandboxBackendProvider().open(request);
          opened.add(backend);
          before.add(fingerprint(backend));
          return backend;
        }
      });
    }
  }

  /** What a mutation of the pod-failure runbook could change, as text. */
  private static String fingerprint(SandboxBackend backend) {
    K8sWorld k8s = backend.world().k8s("");
    Results.PodSet pods = k8s.pods(k8s.selector("llm-marketplace", "tier=backend"));
    return pods.names() + " ready " + pods.ready() + ", restarts " + pods.restarts()
        + ", podchaos " + k8s.count("podchaos", "chaos-testing", "")
        + ", deployment " + k8s.get("deployment", "backend", "llm-marketplace");
  }

  @Test
  void podFailureShowsWhichPodsHowManyOfHowManyAndTheVerdictAndChangesNothing()
      throws Exception {
    Watched sandbox = new Watched();
    CliRunner.Result r = new CliRunner().backends(sandbox).run("exec", "--sandbox", "--dry-run",
        dev.chaos.ContractExamples.path("pod-failure.chaos").toString(), "--journal", dir.resolve("journal.jsonl").toString());

    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    assertThat(sandbox.opened).hasSize(1);
    K8sWorld k8s = sandbox.opened.get(0).world().k8s("");
    List<String> pods = k8s.pods(k8s.selector("llm-marketplace", "tier=backend")).names();
    String wouldKill = pods.stream().filter(r.out()::contains).findFirst().orElseThrow(
        () -> new AssertionError("no backend pod named in\n" + r.out()));
    assertThat(r.out()).contains(
        "would kill 1 of the 5 pods labelled `tier=backend` in namespace llm-marketplace: "
            + wouldKill + " (blast radius: 20% of the selected pods, within the runbook's"
            + " blast_radius 30%",
        "plan: 2 mutations it would make",
        "1. step \"kill 30% of backend pods\": k8s.kill_pods: would kill 1 of the 5 pods",
        "targets: " + wouldKill,
        "how many: 1 of 5; blast radius: 20% of the selected pods, within the runbook's"
            + " blast_radius 30%",
        "2. rollback: k8s.delete: would delete podchaos/random-pod-kill in namespace"
            + " chaos-testing, which does not exist: nothing to delete",
        "undo it would register: none");
    assertThat(r.out()).doesNotContain("would call k8s.kill_pods");
    assertThat(fingerprint(sandbox.opened.get(0))).isEqualTo(sandbox.before.get(0));

    String md = Files.readString(dir.resolve("report.md"));
    assertThat(md).contains("## Dry-Run Plan", "1. step \"kill 30% of backend pods\":"
        + " `k8s.kill_pods` would kill 1 of the 5 pods", "   - targets: " + wouldKill,
        "   - how many: 1 of 5; blast radius: 20%");
    JsonNode kill = JsonMapper.builder().build().readTree(Files.readString(
        dir.resolve("report.json"))).get("plan").get("mutations").get(0);
    assertThat(kill.get("fn").asString()).isEqualTo("k8s.kill_pods");
    assertThat(kill.get("count").asInt()).isEqualTo(1);
    assertThat(kill.get("of").asInt()).isEqualTo(5);
    assertThat(kill.get("targets").get(0).asString()).isEqualTo(wouldKill);
    assertThat(Files.readString(dir.resolve("journal.jsonl")))
        .contains("\"event\":\"preview\"");
  }

  @Test
  void aChaosMeshManifestIsParsedAndNamedWithTheUndoItWouldRegister() throws Exception {
    Watched sandbox = new Watched();
    Path runbook = write("apply.chaos", applying(POD_CHAOS));
    CliRunner.Result r = new CliRunner().backends(sandbox).run("exec", "--sandbox", "--dry-run",
        runbook.toString(), "--journal", dir.resolve("journal.jsonl").toString());

    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    // the example's selector names no namespace: Chaos Mesh looks in the object's own
    assertThat(r.out()).contains("would apply podchaos/pod-failure-example: create"
            + " podchaos/pod-failure-example in namespace chaos-testing (blast radius: PodChaos"
            + " `pod-failure-example` matches no pod labelled `tier=backend` in `chaos-testing`:"
            + " nothing is hit); undo: delete podchaos/pod-failure-example in namespace"
            + " chaos-testing",
        "undo it would register (run last first):",
        "  - delete podchaos/pod-failure-example in namespace chaos-testing");
    assertThat(r.out()).doesNotContain("Copyright");
    assertThat(fingerprint(sandbox.opened.get(0))).isEqualTo(sandbox.before.get(0));
    assertThat(Files.readString(dir.resolve("report.md"))).contains(
        "**Undo it would register**", "- delete podchaos/pod-failure-example in namespace"
            + " chaos-testing");
  }

  @Test
  void aManifestTheRealRunWouldRefuseFailsTheDryRun() throws Exception {
    for (String manifest : List.of("kind: PodChaos\nmetadata: {name: broken\n",
        "apiVersion: v1\nmetadata:\n  name: nameless-kind\n")) {
      Path runbook = write("broken.chaos", applying(manifest));
      CliRunner.Result r = new CliRunner().run("exec", "--sandbox", "--dry-run",
          runbook.toString(), "--journal", dir.resolve("j" + manifest.length() + ".jsonl")
              .toString());

      assertThat(r.exitCode()).as(r.out()).isEqualTo(ExitCodes.FAILED);
      assertThat(r.out()).containsAnyOf("`k8s.apply` failed: the manifest is not valid YAML",
          "`k8s.apply` failed: manifest document 1 has no `kind`");
      assertThat(r.out()).doesNotContain("would apply", "Exception", "in reader");
    }
  }

  private Path write(String name, String text) throws Exception {
    Path f = dir.resolve(name);
    Files.writeString(f, text);
    return f;
  }

  /** A runbook whose one step applies {@code manifest}. */
  private static String applying(String manifest) {
    return "runbook \"apply\" {\n  environment staging\n  let manifest = \"\"\"\n"
        + manifest.indent(4) + "    \"\"\"\n"
        + "  step \"apply\" { let applied = k8s.apply(manifest) }\n}\n";
  }
}
