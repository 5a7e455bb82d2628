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
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The blast-radius rule on `k8s.apply` in a sandbox rehearsal: a PodChaos with `mode: all` under
 * `blast_radius 30%` is refused before anything changes; one within the cap is applied, counted
 * in the report's "Blast Radius Actual" and undone; a dry run shows the verdict.
 */
@Timeout(60)
class BlastRadiusRehearsalTest {
  @TempDir
  Path dir;

  private static String podChaos(String mode) {
    return """
        apiVersion: chaos-mesh.org/v1alpha1
        kind: PodChaos
        metadata: {name: backend-kill, namespace: chaos-testing}
        spec:
          action: pod-kill
          mode: %s
          selector:
            namespaces: [llm-marketplace]
            labelSelectors: {tier: backend}
        """.formatted(mode);
  }

  /** A runbook whose step applies {@code manifest}, given through a `let` (not a literal). */
  private static String applying(String manifest) {
    return "runbook \"apply\" {\n  environment staging\n  blast_radius 30%\n"
        + "  let manifest = \"\"\"\n" + manifest.indent(4) + "    \"\"\"\n"
        + "  step \"apply\" { let applied = k8s.apply(manifest) }\n}\n";
  }

  /** The sandbox provider, keeping each backend it opens. */
  private static final class Watched implements Backends {
    final List<SandboxBackend> opened = new ArrayList<>();

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
          return backend;
        }
      });
    }
  }

  private CliRunner.Result exec(Watched sandbox, String runbook, String... more)
      throws Exception {
    Path file = dir.resolve("apply.chaos");
    Files.writeString(file, runbook);
    List<String> args = new ArrayList<>(List.of("exec", "--sandbox", file.toString(),
        "--journal", dir.resolve("journal.jsonl").toString()));
    args.addAll(List.of(more));
    return new CliRunner().backends(sandbox).run(args.toArray(String[]::new));
  }

  @Test
  void podChaosModeAllUnderThirtyPercentIsRefusedBeforeAnythingChanges() throws Exception {
    Watched sandbox = new Watched();
    CliRunner.Result r = exec(sandbox, applying(podChaos("all")));

    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(ExitCodes.FAILED);
    assertThat(r.out()).contains("PodChaos `backend-kill` selects all 5 pods labelled"
        + " `tier=backend` in `llm-marketplace` (100%); the runbook's blast_radius is 30%");
    K8sWorld k8s = sandbox.opened.get(0).world().k8s("");
    Results.PodSet pods = k8s.pods(k8s.selector("llm-marketplace", "tier=backend"));
    assertThat(pods.ready()).as("no pod was touched").isEqualTo(5);
    assertThat(k8s.count("podchaos", "chaos-testing", "")).as("nothing was created").isZero();
  }

  @Test
  void podChaosWithinTheCapIsAppliedCountedAndUndone() throws Exception {
    Watched sandbox = new Watched();
    CliRunner.Result r = exec(sandbox, applying(podChaos("one")));

    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    K8sWorld k8s = sandbox.opened.get(0).world().k8s("");
    assertThat(k8s.count("podchaos", "chaos-testing", "")).as("undone").isZero();
    assertThat(Files.readString(dir.resolve("report.md"))).contains("1 of 5 pods selected by"
        + " PodChaos `backend-kill` (20%)");
  }

  @Test
  void aDryRunShowsTheVerdictOfAnApply() throws Exception {
    CliRunner.Result r = exec(new Watched(), applying(podChaos("one")), "--dry-run");

    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("how many: 1 of 5; blast radius: 20% of the pods labelled"
        + " `tier=backend` in `llm-marketplace`, within the runbook's blast_radius 30%");
  }

  @Test
  void aDryRunRefusesWhatTheRunWouldRefuse() throws Exception {
    CliRunner.Result r = exec(new Watched(), applying(podChaos("all")), "--dry-run");

    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(ExitCodes.FAILED);
    assertThat(r.out()).contains("selects all 5 pods").doesNotContain("would apply");
  }
}
