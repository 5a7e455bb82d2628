package dev.chaos.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Job `chaos deploy --apply` wrote, run by the lab's Job controller (`scripts/lab up`,
 * dev.chaos.lab.JobController: a simulated kubelet running the container's command with
 * bin/chaos, which needs target/chaos.jar): its status as Kubernetes writes it (Complete, or
 * Failed with its reason), the run's record in the lock namespace, the journal on the pod's
 * volume, `chaos runs --env` listing the run, the report through notify, the pod's log.
 *
 * <p>The config names no cluster: `chaos deploy --apply` (run here with `KUBECONFIG` at the
 * lab's) and `chaos runs` use the lab's kubeconfig, the pod (no kubeconfig, a service account)
 * its own API, as docs/incluster.md says. `in_cluster: true` would keep `--apply` from running
 * outside a pod.
 */
@EnabledIfEnvironmentVariable(named = "LAB_CHAOS_CONFIG", matches = ".+")
@Timeout(900)
class LabDeployedJobTest {
  private static final String LOCKS = "chaos-testing";
  private static final String APP = "llm-marketplace";

  @TempDir
  Path dir;

  /** This run's own namespace of runners, which asks the lab for a kubelet. */
  private final String runners = "jobs-" + Long.toString(System.nanoTime(), 36);
  private final String prefix = "lab";
  private final List<String> deployed = new ArrayList<>();
  private KubernetesClient kube;
  private Path config;

  @BeforeEach
  void lab() throws Exception {
    jarIsCurrent();
    // what earlier test classes left (their own namespaces' chaos objects, keys) is not ours:
    // the clean-up below holds this test to leaving nothing, from a lab at its baseline
    try (LabLeftovers leftovers = new LabLeftovers()) {
      leftovers.sweep();
      leftovers.awaitBaseline();
    }
    kube = new KubernetesClientBuilder().withConfig(new ConfigBuilder()
        .withMasterUrl(LabLeftovers.env("LAB_K8S_URL")).withRequestTimeout(10_000).build())
        .build();
    kube.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(runners)
        .addToLabels(LabLeftovers.KUBELET_LABEL, "run").endMetadata().build()).create();
    config = dir.resolve("chaos.yaml");
    Files.writeString(config, """
        environments:
          staging:
            class: staging
            kubernetes: {lock_namespace: %s}
            notify: {webhook: "%s"}
        """.formatted(LOCKS, LabLeftovers.env("LAB_WEBHOOK_URL")));
  }

  /**
   * The pod runs bin/chaos, so target/chaos.jar: it must hold the classes compiled last, or
   * the Job would run older code than the rest of the tests (scripts/test builds it first).
   */
  private static void jarIsCurrent() throws Exception {
    Path jar = Path.of("target", "chaos.jar");
    assertThat(jar).as("build it: mvn -B -o package -DskipTests").exists();
    long newest;
    try (var classes = Files.walk(Path.of("target", "classes"))) {
      newest = classes.filter(p -> p.toString().endsWith(".class"))
          .mapToLong(p -> p.toFile().lastModified()).max().orElse(0);
    }
    assertThat(jar.toFile().lastModified())
        .as("target/chaos.jar is older than target/classes: mvn -B -o package -DskipTests")
        .isGreaterThanOrEqualTo(newest);
  }

  /** What was deployed, the pods, the run records and the namespace go; the lab is as before. */
  @AfterEach
  void cleanUp() throws Exception {
    if (kube == null) {
      return; // the jar was not current: nothing was made
    }
    try {
      for (String yaml : deployed) {
        kube.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))).delete();
      }
      kube.batch().v1().jobs().inNamespace(runners).delete(); // a CronJob's too
      kube.pods().inNamespace(runners).delete();
      for (ConfigMap record : kube.configMaps().inNamespace(LOCKS).withLabel("chaos.dev/run")
          .list().getItems()) {
        if (record.getData() != null && String.valueOf(record.getData().get("host"))
            .startsWith(prefix + "-job-")) {
          kube.resource(record).delete();
        }
      }
      kube.namespaces().withName(runners).delete();
      try (LabLeftovers leftovers = new LabLeftovers()) {
        await("nothing left in the lab").atMost(Duration.ofMinutes(2))
            .pollInterval(Duration.ofSeconds(2)).ignoreExceptions()
            .until(() -> leftovers.problems().isEmpty());
      }
    } finally {
      kube.close();
    }
  }

  private record Exit(int code, String output) {}

  /**
   * bin/chaos, as a user runs it, with `KUBECONFIG` at the lab's: `deploy --apply` takes the
   * environment's cluster from the process's environment, which an in-process run cannot set.
   */
  private Exit chaos(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of("bin/chaos").toAbsolutePath()
        .toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
        .redirectErrorStream(true);
    builder.environment().put("KUBECONFIG", LabLeftovers.env("LAB_KUBECONFIG"));
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(240, TimeUnit.SECONDS)).isTrue();
    return new Exit(process.exitValue(), output);
  }

  /** `chaos deploy --apply RUNBOOK`, its objects kept for the clean-up; the Job. */
  private Job deploy(Path runbook) throws Exception {
    Exit rendered = chaos("deploy", "--config", config.toString(), "-n", runners, "--prefix",
        prefix, runbook.toString());
    assertThat(rendered.code()).as(rendered.output()).isZero();
    deployed.add(rendered.output());
    Exit applied = chaos("deploy", "--config", config.toString(), "-n", runners, "--prefix",
        prefix, "--apply", runbook.toString());
    assertThat(applied.code()).as(applied.output()).isZero();
    String name = prefix + "-" + runbook.getFileName().toString().replace(".chaos", "");
    assertThat(applied.output()).contains("Job/" + name + " applied");
    return kube.batch().v1().jobs().inNamespace(runners).withName(name).get();
  }

  private Path runbook(String name, String text) throws Exception {
    Path folder = Files.createDirectories(dir.resolve("runbooks"));
    return Files.writeString(folder.resolve(name + ".chaos"), text);
  }

  /** The Job once it has ended (a Complete or Failed condition), as `kubectl wait` would see it. */
  private Job ended(Job job) {
    return await(job.getMetadata().getName() + " complete or failed")
        .atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(2)).until(
            () -> kube.batch().v1().jobs().inNamespace(runners)
                .withName(job.getMetadata().getName()).get(),
            j -> j.getStatus() != null && j.getStatus().getConditions().stream()
                .anyMatch(c -> List.of("Complete", "Failed").contains(c.getType())
                    && "True".equals(c.getStatus())));
  }

  private Pod podOf(Job job) {
    List<Pod> pods = kube.pods().inNamespace(runners)
        .withLabel("job-name", job.getMetadata().getName()).list().getItems();
    assertThat(pods).hasSize(1);
    Pod pod = pods.get(0);
    assertThat(pod.getMetadata().getLabels())
        .containsEntry("controller-uid", job.getMetadata().getUid());
    assertThat(pod.getMetadata().getOwnerReferences()).singleElement()
        .satisfies(o -> assertThat(o.getUid()).isEqualTo(job.getMetadata().getUid()));
    return pod;
  }

  /** `kubectl logs`: the pod's log file, which the lab's kubelet names in an annotation. */
  private static String logs(Pod pod) throws Exception {
    return Files.readString(Path.of(pod.getMetadata().getAnnotations().get("lab.chaos.dev/log")));
  }

  /** The host folder of the pod's {@code /var/lib/chaos/chaos-runs}: the runs volume's. */
  private static Path runsFolder(Job job, Pod pod) {
    VolumeMount mount = job.getSpec().getTemplate().getSpec().getContainers().get(0)
        .getVolumeMounts().stream().filter(m -> m.getMountPath().equals("/var/lib/chaos"))
        .findFirst().orElseThrow();
    return Path.of(pod.getMetadata().getAnnotations().get("lab.chaos.dev/root"), "volumes",
        mount.getName(), "chaos-runs");
  }

  private static int exitCode(Pod pod) {
    return pod.getStatus().getContainerStatuses().get(0).getState().getTerminated().getExitCode();
  }

  private static JobCondition condition(Job job) {
    return job.getStatus().getConditions().stream().filter(c -> "True".equals(c.getStatus()))
        .findFirst().orElseThrow();
  }

  private List<ConfigMap> records(String runbook) {
    return kube.configMaps().inNamespace(LOCKS).withLabel("chaos.dev/run", runbook).list()
        .getItems();
  }

  private int backendReplicas() {
    return kube.apps().deployments().inNamespace(APP).withName("backend").get().getSpec()
        .getReplicas();
  }

  private static String webhook(String what) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
        LabLeftovers.env("LAB_WEBHOOK_URL") + "/" + what)).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }

  @Test
  void aDeployedJobRunsToCompleteAndLeavesItsRecordJournalAndReport() throws Exception {
    int before = backendReplicas();
    Job job = deploy(runbook("job-passes", """
        runbook "job-passes" {
          environment staging
          lock "lab-deployed-job"
          step "shrink" { k8s.scale("deployment", "backend", %d, namespace: "%s") }
          step "hold" { wait 1s }
        }
        """.formatted(before - 1, APP)));
    records("job-passes").forEach(r -> kube.resource(r).delete()); // of an earlier failed run

    Job done = ended(job);
    Pod pod = podOf(done);
    String log = logs(pod);
    assertThat(condition(done).getType()).as(log).isEqualTo("Complete");
    assertThat(done.getStatus().getSucceeded()).isEqualTo(1);
    assertThat(done.getStatus().getFailed()).isNull();
    assertThat(done.getStatus().getActive()).isNull();
    assertThat(done.getStatus().getStartTime()).isNotNull();
    assertThat(done.getStatus().getCompletionTime()).isNotNull();
    assertThat(pod.getStatus().getPhase()).isEqualTo("Succeeded");
    assertThat(exitCode(pod)).isZero();
    assertThat(backendReplicas()).isEqualTo(before);

    // the journal and the reports on the pod's runs volume, under /var/lib/chaos/chaos-runs
    List<Path> runs = Files.list(runsFolder(done, pod)).toList();
    assertThat(runs).hasSize(1);
    assertThat(Files.readString(runs.get(0).resolve("journal.jsonl"))).contains("shrink");
    assertThat(runs.get(0).resolve("report.md")).exists();

    // the record in the lock namespace, naming the pod and the report's path in the pod
    List<ConfigMap> records = records("job-passes");
    assertThat(records).hasSize(1);
    assertThat(records.get(0).getMetadata().getName()).startsWith("chaos-run-");
    assertThat(records.get(0).getData()).containsEntry("outcome", "passed")
        .containsEntry("exit_code", "0")
        .containsEntry("host", pod.getMetadata().getName());
    // `chaos runs --env` reads the records from the cluster, whoever ran them
    CliRunner.Result listed = new CliRunner().run("runs", "--config", config.toString(),
        "--env", "staging", "--kubeconfig", LabLeftovers.env("LAB_KUBECONFIG"), "--context",
        "lab");
    assertThat(listed.exitCode()).as(listed.err()).isZero();
    assertThat(listed.out()).containsPattern("job-passes\\s+staging\\s+passed");
    // the report through notify (--notify-report), since the log goes with the pod
    assertThat(webhook("last")).contains("of runbook job-passes in staging: passed (exit 0)");
  }

  @Test
  void aJobWhoseHypothesisFailsEndsFailedAfterItsUndo() throws Exception {
    int before = backendReplicas();
    Job job = deploy(runbook("job-fails", """
        runbook "job-fails" {
          environment staging
          lock "lab-deployed-job"
          step "shrink" { k8s.scale("deployment", "backend", %d, namespace: "%s") }
          verify "never holds" { expect 1 == 2 }
        }
        """.formatted(before - 1, APP)));
    records("job-fails").forEach(r -> kube.resource(r).delete());

    Job done = ended(job);
    Pod pod = podOf(done);
    String log = logs(pod);
    JobCondition failed = condition(done);
    assertThat(failed.getType()).as(log).isEqualTo("Failed");
    assertThat(failed.getReason()).isEqualTo("BackoffLimitExceeded");
    assertThat(done.getStatus().getFailed()).isEqualTo(1);
    assertThat(done.getStatus().getSucceeded()).isNull();
    assertThat(done.getStatus().getCompletionTime()).isNull(); // only a success has one
    assertThat(pod.getStatus().getPhase()).isEqualTo("Failed");
    assertThat(exitCode(pod)).as(log).isEqualTo(1);
    // the undo ran before the exit: the deployment is back, the journal says so
    assertThat(backendReplicas()).isEqualTo(before);
    List<Path> runs = Files.list(runsFolder(done, pod)).toList();
    assertThat(runs).hasSize(1);
    assertThat(Files.readString(runs.get(0).resolve("journal.jsonl"))).contains("undo");
    assertThat(records("job-fails")).singleElement().satisfies(r ->
        assertThat(r.getData()).containsEntry("exit_code", "1")
            .containsEntry("host", pod.getMetadata().getName()));
  }

  /**
   * A secret of the config (`notify.token: env:HOOK_TOKEN`) is a `secretKeyRef` of the Job: the
   * pod waits (`CreateContainerConfigError`) until the Secret exists, then runs with its value,
   * which the notice carries as its bearer token.
   */
  @Test
  void aJobWaitsForItsSecretAndRunsWithItsValue() throws Exception {
    Files.writeString(config, """
        environments:
          staging:
            class: staging
            kubernetes: {lock_namespace: %s}
            notify: {webhook: "%s", token: env:HOOK_TOKEN}
        """.formatted(LOCKS, LabLeftovers.env("LAB_WEBHOOK_URL")));
    Job job = deploy(runbook("job-secret", """
        runbook "job-secret" {
          environment staging
          step "hold" { wait 1s }
        }
        """));
    records("job-secret").forEach(r -> kube.resource(r).delete());
    await("the pod waiting for its Secret").atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofSeconds(1)).ignoreExceptions().until(() -> {
          Pod pod = podOf(job);
          var waiting = pod.getStatus().getContainerStatuses().get(0).getState().getWaiting();
          return waiting != null && waiting.getReason().equals("CreateContainerConfigError")
              && waiting.getMessage().contains("chaos-secrets");
        });
    assertThat(kube.batch().v1().jobs().inNamespace(runners).withName(job.getMetadata()
        .getName()).get().getStatus().getActive()).isEqualTo(1);
    String token = "lab-hook-" + Long.toString(System.nanoTime(), 36);
    kube.secrets().inNamespace(runners).resource(new SecretBuilder().withNewMetadata()
        .withName("chaos-secrets").withNamespace(runners).endMetadata()
        .addToData("HOOK_TOKEN", Base64.getEncoder().encodeToString(
            token.getBytes(StandardCharsets.UTF_8)))
        .build()).create();

    Job done = ended(job);
    Pod pod = podOf(done);
    assertThat(condition(done).getType()).as(logs(pod)).isEqualTo("Complete");
    assertThat(webhook("last")).contains("of runbook job-secret in staging: passed (exit 0)");
    assertThat(webhook("last-authorization")).isEqualTo("Bearer " + token);
    kube.secrets().inNamespace(runners).withName("chaos-secrets").delete();
  }

  /**
   * A scheduled runbook is a CronJob; the lab does not fire schedules, so its Job is made from
   * the `jobTemplate` as `kubectl create job --from=cronjob/NAME` makes it, and runs.
   */
  @Test
  void aCronJobsJobTemplateRunsToComplete() throws Exception {
    Path runbook = runbook("job-scheduled", """
        runbook "job-scheduled" {
          environment staging
          schedule "0 3 * * 1" zone "UTC"
          step "hold" { wait 1s }
        }
        """);
    Exit rendered = chaos("deploy", "--config", config.toString(), "-n", runners, "--prefix",
        prefix, runbook.toString());
    assertThat(rendered.code()).as(rendered.output()).isZero();
    deployed.add(rendered.output());
    Exit applied = chaos("deploy", "--config", config.toString(), "-n", runners, "--prefix",
        prefix, "--apply", runbook.toString());
    assertThat(applied.code()).as(applied.output()).isZero();
    CronJob cron = kube.batch().v1().cronjobs().inNamespace(runners)
        .withName(prefix + "-job-scheduled").get();
    assertThat(cron).isNotNull();
    Job job = kube.batch().v1().jobs().inNamespace(runners).resource(new JobBuilder()
        .withNewMetadata().withName(prefix + "-job-scheduled-manual").withNamespace(runners)
        .withLabels(cron.getSpec().getJobTemplate().getMetadata().getLabels())
        .addToAnnotations("cronjob.kubernetes.io/instantiate", "manual")
        .addNewOwnerReference().withApiVersion("batch/v1").withKind("CronJob")
        .withName(cron.getMetadata().getName()).withUid(cron.getMetadata().getUid())
        .withController(true).endOwnerReference()
        .endMetadata()
        .withSpec(cron.getSpec().getJobTemplate().getSpec())
        .build()).create();
    records("job-scheduled").forEach(r -> kube.resource(r).delete());

    Job done = ended(job);
    Pod pod = podOf(done);
    assertThat(condition(done).getType()).as(logs(pod)).isEqualTo("Complete");
    assertThat(records("job-scheduled")).singleElement().satisfies(r ->
        assertThat(r.getData()).containsEntry("outcome", "passed")
            .containsEntry("host", pod.getMetadata().getName()));
  }

  /**
   * Past `activeDeadlineSeconds` the pod gets TERM, on which chaos undoes before it exits
   * (docs/deploy.md); the Job fails with `DeadlineExceeded`. The deadline is shortened from the
   * rendered one (at least ten minutes) in the YAML before it is applied: 45 s, ample for the
   * JVM to start and shrink on a loaded machine.
   */
  @Test
  void aJobPastItsDeadlineIsStoppedAndUndoesFirst() throws Exception {
    int before = backendReplicas();
    Path runbook = runbook("job-overruns", """
        runbook "job-overruns" {
          environment staging
          step "shrink" { k8s.scale("deployment", "backend", %d, namespace: "%s") }
          step "hold" { wait 10m }
        }
        """.formatted(before - 1, APP));
    Exit rendered = chaos("deploy", "--config", config.toString(), "-n", runners, "--prefix",
        prefix, runbook.toString());
    assertThat(rendered.code()).as(rendered.output()).isZero();
    assertThat(rendered.output()).containsPattern("activeDeadlineSeconds: [0-9]+\n");
    String yaml = rendered.output().replaceAll("activeDeadlineSeconds: [0-9]+\n",
        "activeDeadlineSeconds: 45\n");
    deployed.add(yaml);
    kube.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))).create();
    Job job = kube.batch().v1().jobs().inNamespace(runners).withName(prefix + "-job-overruns")
        .get();

    Job done = ended(job);
    Pod pod = podOf(done);
    String log = logs(pod);
    JobCondition failed = condition(done);
    assertThat(failed.getType()).as(log).isEqualTo("Failed");
    assertThat(failed.getReason()).isEqualTo("DeadlineExceeded");
    assertThat(pod.getStatus().getPhase()).isEqualTo("Failed");
    assertThat(backendReplicas()).as(log).isEqualTo(before);
    assertThat(Files.readString(Files.list(runsFolder(done, pod)).findFirst().orElseThrow()
        .resolve("journal.jsonl"))).contains("undo");
  }
}
