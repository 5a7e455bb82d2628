package dev.chaos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaos.config.KubectlFlags;
import dev.chaos.config.LiveRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** `chaos exec` end to end, on a stand-in sandbox backend. */
@Timeout(30)
class ExecCommandTest {
  private static final String RUNBOOK = """
      runbook "scale-down" {
        title "Scale down"
        objective "The API keeps serving with one replica"
        environment staging
        precondition "healthy" { expect prometheus.scalar("e") < 0.01 }
        observe error_rate = percent(prometheus.scalar("e")) every 5s
        guard "error rate under 5%" every 5s { expect prometheus.scalar("e") < 0.05 }
        step "scale down" {
          k8s.scale("deployment", "api", 1)
          wait 1m
        }
        step "tell" irreversible { notify.send("scaled down") }
        recovery within 1m every 5s { expect prometheus.scalar("e") < 0.01 }
      }
      """;

  @TempDir
  Path dir;

  private Path file(String text) throws Exception {
    Path f = dir.resolve("scale-down.chaos");
    Files.writeString(f, text);
    return f;
  }

  /**
   * A guard beside a step that ends at +0s once crashed the virtual clock in about one run of
   * five, with exit codes that changed between identical runs. Rehearsals are deterministic.
   */
  @Test
  void aGuardBesideAnInstantStepRehearsesTheSameEveryTime() throws Exception {
    Path runbook = dir.resolve("one.chaos");
    Files.writeString(runbook, "runbook \"one\" { environment staging  guard \"g\" every 5s "
        + "{ expect true }  step \"s\" { log \"x\" } }\n");
    for (int run = 0; run < 20; run++) {
      CliRunner.Result r = new CliRunner().run("exec", "--sandbox", "--quiet", runbook.toString(),
          "--journal", dir.resolve("run" + run + "/journal.jsonl").toString());
      assertThat(r.err()).as("run %d", run).isEmpty();
      assertThat(r.out()).as("run %d", run).contains("passed", "1 of 1 steps run");
      assertThat(r.exitCode()).as("run %d: %s", run, r.out()).isZero();
    }
  }

  /** A device or a pipe named as an input would block or fill the memory: refused at once. */
  @Test
  void inputsThatAreNotRegularFilesAreRefusedBeforeAnythingRuns() throws Exception {
    Path runbook = file(RUNBOOK);
    CliRunner.Result world = new CliRunner().run("exec", "--sandbox", "--world", "/dev/zero",
        runbook.toString());
    CliRunner.Result config = new CliRunner().run("exec", "--config", "/dev/zero",
        runbook.toString());
    CliRunner.Result source = new CliRunner().run("exec", "--sandbox", "/dev/zero");

    assertThat(world.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(world.err()).isEqualTo("error: cannot load the world `/dev/zero`: it is not a "
        + "regular file (a pipe or a device)\n");
    assertThat(config.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(config.err()).contains("/dev/zero", "it is not a regular file");
    assertThat(source.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(source.err()).isEqualTo("error: cannot read `/dev/zero`: it is not a regular file "
        + "(a pipe or a device)\n");
  }

  /** Outputs are checked before anything is touched: no mutation is made, no input replaced. */
  @Test
  void outputsThatWouldReplaceAnInputOrCannotBeWrittenRefuseTheRun() throws Exception {
    Path runbook = file(RUNBOOK);
    TestBackends backends = new TestBackends();
    CliRunner.Result journal = new CliRunner().backends(backends).run("exec", "--sandbox",
        "--journal", runbook.toString(), runbook.toString());
    CliRunner.Result junit = new CliRunner().backends(backends).run("exec", "--sandbox",
        "--junit", runbook.toString(), runbook.toString(), "--journal",
        dir.resolve("r1/journal.jsonl").toString());
    Files.writeString(dir.resolve("not-a-folder"), "");
    CliRunner.Result unwritable = new CliRunner().backends(backends).run("exec", "--sandbox",
        "--junit", dir.resolve("not-a-folder/junit.xml").toString(), runbook.toString(),
        "--journal", dir.resolve("r2/journal.jsonl").toString());

    assertThat(journal.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(journal.err()).contains("`--journal " + runbook + "` would overwrite the input");
    assertThat(junit.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(junit.err()).contains("`--junit " + runbook + "` would overwrite the input");
    assertThat(unwritable.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(unwritable.err()).contains("cannot write `" + dir.resolve("not-a-folder/junit.xml")
        + "` (--junit): `" + dir.resolve("not-a-folder") + "` is not a folder");
    assertThat(backends.calls).isEmpty();
    assertThat(Files.readString(runbook)).isEqualTo(RUNBOOK);
  }

  @Test
  void aMissingFileIsAUsageError() {
    CliRunner.Result r = new CliRunner().run("exec", "--sandbox");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(r.err())
        .isEqualTo("error: missing required parameter: 'FILE'\nsee `chaos exec --help`\n");
  }

  @Test
  void rehearsesPrintsTimestampedLinesAndWritesTheRunFolder() throws Exception {
    TestBackends backends = new TestBackends();
    Path journal = dir.resolve("run/journal.jsonl");
    CliRunner.Result r = new CliRunner().backends(backends).run("exec", "--sandbox",
        file(RUNBOOK).toString(), "--journal", journal.toString(), "--junit",
        dir.resolve("junit.xml").toString());
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("03:00:00 +0s run \"scale-down\" (Scale down) in staging",
        "03:00:00 +0s call k8s.scale(kind: deployment, name: api, replicas: 1)",
        "03:00:00 +0s wait 1m (until 03:01:00)", "03:01:00 +1m undo: scale back to 3",
        "\npassed\n", "report:  " + dir.resolve("run/report.md"), "exit 0");
    assertThat(backends.calls).containsExactly("scale 1", "notify scaled down", "unscale");
    assertThat(Files.readString(dir.resolve("run/report.md"))).contains("# Chaos Experiment "
        + "Report", "## Hypothesis\n\nThe API keeps serving with one replica");
    assertThat(dir.resolve("run/report.json")).exists();
    assertThat(Files.readString(dir.resolve("junit.xml"))).contains("<testcase name=\"guard: "
        + "error rate under 5%\"");
    assertThat(Files.readAllLines(journal).get(1)).contains("\"run_started\"");
  }

  @Test
  void aRunbookWithErrorsIsRefusedBeforeAnythingOpens() throws Exception {
    TestBackends backends = new TestBackends();
    CliRunner.Result r = new CliRunner().backends(backends).run("exec", "--sandbox",
        file(RUNBOOK.replace("k8s.scale(", "k8s.scal(")).toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("error[CH0203]: unknown function `k8s.scal`",
        "has errors: nothing was run");
    assertThat(backends.opened).isZero();
  }

  private Path config(String text) throws Exception {
    Path f = dir.resolve("chaos.yaml");
    Files.writeString(f, text);
    return f;
  }

  private static final String CONFIG = """
      environments:
        staging:
          class: staging
          prometheus: {url: "http://127.0.0.1:19090"}
        lab:
          class: dev
          prometheus: {url: "http://127.0.0.1:19090"}
      """;

  @Test
  void aRealRunUsesTheConfigEnvironmentNamedLikeTheRunbooksAndTheKubectlFlags()
      throws Exception {
    TestBackends backends = new TestBackends();
    Path config = config(CONFIG);
    CliRunner.Result r = new CliRunner().backends(backends).run("exec", "-q",
        file(RUNBOOK).toString(), "--config", config.toString(), "--context", "kind-lab",
        "--kubeconfig", "/tmp/kc", "--journal", dir.resolve("j.jsonl").toString());
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    assertThat(backends.openedName).isEqualTo("live");
    LiveRequest request = (LiveRequest) backends.openedRequest;
    assertThat(request.environment().name()).isEqualTo("staging");
    assertThat(request.environment().origin().file()).isEqualTo(config);
    assertThat(request.kubectl()).isEqualTo(new KubectlFlags(Optional.of(Path.of("/tmp/kc")),
        Optional.of("kind-lab")));
    assertThat(request.runbookDirectory()).isEqualTo(dir.toAbsolutePath());
  }

  @Test
  void aRealRunIsRefusedWhenTheEnvironmentIsDeclaredAnotherClass() throws Exception {
    TestBackends backends = new TestBackends();
    CliRunner.Result r = new CliRunner().backends(backends).run("exec",
        file(RUNBOOK).toString(), "--config", config(CONFIG).toString(), "--env", "lab");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("error: refusing to run: the runbook is for environment "
        + "`staging`, but `lab` in " + dir.resolve("chaos.yaml") + " is declared `dev`");
    assertThat(backends.opened).isZero();
  }

  @Test
  void aRealRunNamesTheConfigFileAndKeyThatAreWrong() throws Exception {
    CliRunner.Result unknown = new CliRunner().backends(new TestBackends()).run("exec",
        file(RUNBOOK).toString(), "--config", config(CONFIG).toString(), "--env", "stagin");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).contains("no environment `stagin`", "did you mean `staging`?");

    CliRunner.Result missing = new CliRunner().backends(new TestBackends()).run("exec",
        file(RUNBOOK).toString(), "--config", dir.resolve("nope.yaml").toString());
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("nope.yaml: config file not found");
  }

  @Test
  void configAndKubectlFlagsAreForRealRuns() throws Exception {
    CliRunner.Result r = new CliRunner().backends(new TestBackends()).run("exec", "--sandbox",
        file(RUNBOOK).toString(), "--context", "prod-admin");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("`--context` is for real runs: the sandbox needs no config");
  }

  @Test
  void worldNeedsSandbox() throws Exception {
    CliRunner.Result r = new CliRunner().backends(new TestBackends()).run("exec",
        file(RUNBOOK).toString(), "--world", "w.yaml");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("`--world` describes the sandbox: add `--sandbox`");
  }

  @Test
  void dryRunShowsMutationsAndChangesNothing() throws Exception {
    TestBackends backends = new TestBackends();
    CliRunner.Result r = new CliRunner().backends(backends).run("exec", "--sandbox",
        "--dry-run", file(RUNBOOK).toString(), "--journal", dir.resolve("j.jsonl").toString());
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("would scale deployment/api from 3 to 1 replicas:"
        + " deployment/api; undo: scale back to 3",
        "would send to the webhook: scaled down", "would wait 1m",
        "plan: 2 mutations it would make",
        "1. step \"scale down\": k8s.scale: would scale deployment/api from 3 to 1 replicas",
        "2. step \"tell\": notify.send: would send to the webhook: scaled down",
        "undo it would register (run last first):\n    - scale back to 3");
    assertThat(backends.calls).isEmpty();
    CliRunner.Result verbose = new CliRunner().backends(backends).run("exec", "--sandbox",
        "--dry-run", "--verbose", file(RUNBOOK).toString(), "--journal",
        dir.resolve("v.jsonl").toString());
    assertThat(verbose.out()).contains("would call k8s.scale(kind: deployment, name: api,"
        + " replicas: 1); undone automatically: scales back to the previous number of replicas");
  }

  @Test
  void exitCodesFollowTheOutcome() throws Exception {
    TestBackends backends = new TestBackends();
    backends.errorRate = 0.5;
    CliRunner.Result r = new CliRunner().backends(backends).run("exec", "--sandbox", "-q",
        file(RUNBOOK).toString(), "--journal", dir.resolve("j.jsonl").toString());
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.out()).startsWith("\nprecondition_failed: precondition \"healthy\" was false");
    assertThat(backends.calls).isEmpty();

    CliRunner.Result refused = new CliRunner().backends(new TestBackends()).run("exec",
        "--sandbox", "--env", "prod", file(RUNBOOK).toString(), "--journal",
        dir.resolve("k.jsonl").toString());
    assertThat(refused.exitCode()).isEqualTo(2);
    assertThat(refused.out()).contains("refused: the runbook is for environment `staging`, not"
        + " `prod`");
  }

  @Test
  void aModuleHasNothingToRun() throws Exception {
    CliRunner.Result r = new CliRunner().backends(new TestBackends()).run("exec", "--sandbox",
        file("let x = 1\n").toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("is a module: it has no runbook to run");
  }
}
