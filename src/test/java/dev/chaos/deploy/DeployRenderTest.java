package dev.chaos.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaos.check.CheckOptions;
import dev.chaos.check.CheckedProgram;
import dev.chaos.check.Checker;
import dev.chaos.config.ChaosConfig;
import dev.chaos.diag.Diagnostics;
import dev.chaos.drivers.ManifestDocuments;
import dev.chaos.source.SourceFile;
import dev.chaos.spi.DriverRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What `chaos deploy` renders for small runbooks: each object and the fields that matter. */
class DeployRenderTest {
  private static final DriverRegistry DRIVERS = DriverRegistry.load();

  private static final String CONFIG = """
      environments:
        staging:
          class: staging
          kubernetes:
            in_cluster: true
            lock_namespace: locks
          redis:
            address: redis.data:6379
            password: env:REDIS_PASSWORD
          postgres:
            url: jdbc:postgresql://pg.data:5432/app
            user: app
            password: file:secrets/pg
      """;

  /** A user module imported by path, with an action whose namespace is a parameter. */
  private static final String MODULE = """
      action shrink(name: String, namespace: String = "shop") {
        k8s.scale("deployment", name, 1, namespace: namespace)
      }
      """;

  private static final String RUNBOOK = """
      import "lib/ops.chaos"
      runbook "shrink-api" {
        environment staging
        max_duration 20m
        lock "shop"
        let kinds = ["podchaos", "networkchaos"]
        step "shrink" {
          ops.shrink("api", namespace: "shop-eu")
          ops.shrink("web")
        }
        step "clean" irreversible {
          for kind in kinds {
            k8s.delete_all(kind, namespace: "chaos-testing")
          }
        }
        recovery within 5m every 10s {
          expect k8s.pods(k8s.selector("shop-eu", "app=api")).ready >= 1
        }
      }
      """;

  private Deployment deploy(Path dir, String runbook, String gameday, boolean parallel)
      throws Exception {
    return deploy(dir, runbook, gameday, parallel, CONFIG);
  }

  private Deployment deploy(Path dir, String runbook, String gameday, boolean parallel,
      String config) throws Exception {
    Files.createDirectories(dir.resolve("lib"));
    Files.writeString(dir.resolve("lib/ops.chaos"), MODULE);
    Files.writeString(dir.resolve("chaos.yaml"), config);
    Checker checker = new Checker(DRIVERS, new CheckOptions(false));
    Path file = dir.resolve("shrink.chaos");
    Files.writeString(file, runbook);
    Diagnostics sink = new Diagnostics();
    CheckedProgram p = checker.check(new SourceFile(file.toString(), runbook), sink);
    assertThat(sink.sorted()).as("diagnostics").allMatch(d -> !d.isError());
    return Deployment.of(List.of(p), ChaosConfig.load(dir.resolve("chaos.yaml")), config,
        null, new Manifests.Options("runners", "registry.example/chaos:1.2", "chaos",
            "chaos-secrets", gameday, parallel, null));
  }

  private static Map<String, Object> find(List<Map<String, Object>> docs, String kind,
      String namespace) {
    return docs.stream().filter(d -> d.get("kind").equals(kind)
        && (namespace == null || namespace.equals(ManifestDocuments.at(d, "metadata",
            "namespace")))).findFirst().orElseThrow(() -> new AssertionError("no " + kind
                + " in " + namespace));
  }

  @Test
  void aRunbookIsAJobWithTheRolesOfExactlyTheNamespacesItsCallsReach(@TempDir Path dir)
      throws Exception {
    Deployment d = deploy(dir, RUNBOOK, null, false);
    assertThat(d.problems()).isEmpty();
    String yaml = Manifests.yaml(d.objects());
    List<Map<String, Object>> docs = ManifestDocuments.parse(yaml);
    assertThat(docs.stream().map(o -> o.get("kind") + " " + ManifestDocuments.at(o,
        "metadata", "namespace"))).containsExactly(
            "ServiceAccount runners",
            "Role chaos-testing", "RoleBinding chaos-testing",
            "Role locks", "RoleBinding locks",
            "Role shop", "RoleBinding shop",
            "Role shop-eu", "RoleBinding shop-eu",
            "ConfigMap runners", "Job runners");
    // the parameter's default and the caller's argument both reach k8s.scale
    assertThat(DerivedRoleTest.granted(yaml, "runners")).containsExactlyInAnyOrder(
        new KubeRequest("get", "apps", "deployments", "shop"),
        new KubeRequest("patch", "apps", "deployments", "shop"),
        new KubeRequest("get", "apps", "deployments", "shop-eu"),
        new KubeRequest("patch", "apps", "deployments", "shop-eu"),
        new KubeRequest("list", "", "pods", "shop-eu"),
        new KubeRequest("list", "chaos-mesh.org", "podchaos", "chaos-testing"),
        new KubeRequest("delete", "chaos-mesh.org", "podchaos", "chaos-testing"),
        new KubeRequest("list", "chaos-mesh.org", "networkchaos", "chaos-testing"),
        new KubeRequest("delete", "chaos-mesh.org", "networkchaos", "chaos-testing"),
        new KubeRequest("get", "coordination.k8s.io", "leases", "locks"),
        new KubeRequest("create", "coordination.k8s.io", "leases", "locks"),
        new KubeRequest("update", "coordination.k8s.io", "leases", "locks"),
        new KubeRequest("delete", "coordination.k8s.io", "leases", "locks"),
        // the run's record beside the Leases, and the pruning of old ones
        new KubeRequest("get", "", "configmaps", "locks"),
        new KubeRequest("create", "", "configmaps", "locks"),
        new KubeRequest("update", "", "configmaps", "locks"),
        new KubeRequest("list", "", "configmaps", "locks"),
        new KubeRequest("delete", "", "configmaps", "locks"));

    Map<String, Object> job = find(docs, "Job", "runners");
    assertThat(ManifestDocuments.at(job, "metadata", "name")).isEqualTo("chaos-shrink-api");
    assertThat(ManifestDocuments.at(job, "spec", "backoffLimit")).isEqualTo(0);
    // 20m + the recovery's 5m + the 10m undo allowance
    assertThat(ManifestDocuments.at(job, "spec", "activeDeadlineSeconds")).isEqualTo(2100);
    Map<String, Object> pod = ManifestDocuments.map(ManifestDocuments.at(job, "spec",
        "template", "spec"));
    assertThat(pod.get("restartPolicy")).isEqualTo("Never");
    assertThat(pod.get("serviceAccountName")).isEqualTo("chaos-runner");
    Map<String, Object> container = ManifestDocuments.map(((List<?>) pod.get("containers"))
        .get(0));
    assertThat(container.get("image")).isEqualTo("registry.example/chaos:1.2");
    assertThat(container.get("args")).isEqualTo(List.of("exec", "--config",
        "/etc/chaos/chaos.yaml", "--env", "staging", "--runs-dir", "/var/lib/chaos/chaos-runs",
        "/etc/chaos/runbooks/shrink.chaos"));
    // the secrets by reference only: the env variable from the Secret, the file mounted
    assertThat(container.get("env")).isEqualTo(List.of(Map.of("name", "REDIS_PASSWORD",
        "valueFrom", Map.of("secretKeyRef", Map.of("name", "chaos-secrets",
            "key", "REDIS_PASSWORD")))));
    assertThat(yaml).contains("mountPath: /etc/chaos/secrets/pg", "subPath: pg");

    // the runbook, its module (not the standard library's) and chaos.yaml, mounted by path
    Map<String, Object> config = find(docs, "ConfigMap", "runners");
    assertThat(ManifestDocuments.map(config.get("data"))).containsOnlyKeys(
        "runbooks.shrink.chaos", "runbooks.lib.ops.chaos", "chaos.yaml");
    assertThat(ManifestDocuments.map(config.get("data")).get("runbooks.lib.ops.chaos"))
        .isEqualTo(MODULE);
    assertThat(yaml).contains("path: runbooks/lib/ops.chaos", "path: runbooks/shrink.chaos");
  }

  @Test
  void aScheduledRunbookIsACronJobThatNeverOverlapsNorRetries(@TempDir Path dir)
      throws Exception {
    Deployment d = deploy(dir, RUNBOOK, null, false);
    DeployedRunbook plain = DeployedRunbook.of(d.runs().get(0).runbook().program());
    DeployedRunbook scheduled = new DeployedRunbook(plain.program(), plain.name(),
        plain.environment(), plain.lock(), plain.lockLine(), plain.maxDuration(),
        plain.recoveryWithin(), Optional.of(new DeployedRunbook.Schedule("30 2 * * MON-FRI",
            "Europe/Paris")));
    List<Map<String, Object>> docs = new Manifests(new Manifests.Options("runners", "chaos:1",
        "chaos", "chaos-secrets", null, false, "chaos-runs"), dir).objects(d.rbac(), List.of(),
        List.of(new Manifests.Run(scheduled, "staging", "runbooks/shrink.chaos",
            List.of(), false)), List.of());
    Map<String, Object> cron = find(docs, "CronJob", "runners");
    assertThat(ManifestDocuments.at(cron, "spec", "schedule")).isEqualTo("30 2 * * MON-FRI");
    assertThat(ManifestDocuments.at(cron, "spec", "timeZone")).isEqualTo("Europe/Paris");
    assertThat(ManifestDocuments.at(cron, "spec", "concurrencyPolicy")).isEqualTo("Forbid");
    assertThat(ManifestDocuments.at(cron, "spec", "jobTemplate", "spec", "backoffLimit"))
        .isEqualTo(0);
    assertThat(ManifestDocuments.at(cron, "spec", "jobTemplate", "spec",
        "activeDeadlineSeconds")).isEqualTo(2100L);
    assertThat(Manifests.yaml(docs)).contains("claimName: chaos-runs");
  }

  @Test
  void aRunbooksOwnScheduleBecomesTheCronJobsScheduleInTheWindowsZone(@TempDir Path dir)
      throws Exception {
    String scheduled = RUNBOOK.replace("  lock \"shop\"\n", "  lock \"shop\"\n"
        + "  window 02:00 to 06:00 zone \"Europe/Paris\"\n  schedule \"30 2 * * MON-FRI\"\n");
    List<Map<String, Object>> docs = ManifestDocuments.parse(Manifests.yaml(
        deploy(dir, scheduled, null, false).objects()));
    assertThat(docs).noneMatch(o -> o.get("kind").equals("Job"));
    Map<String, Object> cron = find(docs, "CronJob", "runners");
    assertThat(ManifestDocuments.at(cron, "spec", "schedule")).isEqualTo("30 2 * * MON-FRI");
    assertThat(ManifestDocuments.at(cron, "spec", "timeZone")).isEqualTo("Europe/Paris");
    assertThat(ManifestDocuments.at(cron, "spec", "concurrencyPolicy")).isEqualTo("Forbid");
  }

  @Test
  void aGameDayIsAWorkflowTemplateOfStepsInSequenceOrAFailFastDag(@TempDir Path dir)
      throws Exception {
    List<Map<String, Object>> sequence = ManifestDocuments.parse(Manifests.yaml(
        deploy(dir, RUNBOOK, "weekly", false).objects()));
    Map<String, Object> wt = find(sequence, "WorkflowTemplate", "runners");
    assertThat(sequence).noneMatch(o -> o.get("kind").equals("Job"));
    assertThat(ManifestDocuments.at(wt, "metadata", "name")).isEqualTo("weekly");
    assertThat(ManifestDocuments.at(wt, "spec", "serviceAccountName"))
        .isEqualTo("chaos-runner");
    Map<String, Object> main = ManifestDocuments.map(((List<?>) ManifestDocuments.at(wt,
        "spec", "templates")).get(0));
    // steps: a list of groups, one step each, so each waits for the one before
    assertThat(main.get("steps")).isEqualTo(List.of(List.of(Map.of("name", "shrink-api",
        "template", "shrink-api"))));

    List<Map<String, Object>> parallel = ManifestDocuments.parse(Manifests.yaml(
        deploy(dir, RUNBOOK, "weekly", true).objects()));
    Map<String, Object> dag = ManifestDocuments.map(ManifestDocuments.at(ManifestDocuments.map(
        ((List<?>) ManifestDocuments.at(find(parallel, "WorkflowTemplate", "runners"), "spec",
            "templates")).get(0)), "dag"));
    assertThat(dag.get("failFast")).isEqualTo(true);
    assertThat(dag.get("tasks")).isEqualTo(List.of(Map.of("name", "shrink-api",
        "template", "shrink-api")));
  }

  @Test
  void aNamespaceOnlyTheRunKnowsIsRefusedNamingTheLine(@TempDir Path dir) throws Exception {
    String computed = RUNBOOK.replace("ops.shrink(\"web\")",
        "ops.shrink(\"web\", namespace: env(\"TARGET_NS\", default: \"shop\"))");
    Deployment d = deploy(dir, computed, null, false);
    assertThat(d.problems()).singleElement().asString()
        .contains("shrink.chaos:9 via ", "ops.chaos:2", "`namespace` of k8s.scale",
            "computed at run time");
  }

  @Test
  void runbooksPastOneConfigMapAreSplitAndEachPodMountsOnlyItsOwn(@TempDir Path dir)
      throws Exception {
    Files.createDirectories(dir.resolve("lib"));
    Files.writeString(dir.resolve("lib/ops.chaos"), MODULE);
    Files.writeString(dir.resolve("chaos.yaml"), CONFIG);
    Checker checker = new Checker(DRIVERS, new CheckOptions(false));
    String padding = ("// " + "x".repeat(97) + "\n").repeat(4000); // 400 KB of comment
    List<CheckedProgram> programs = new java.util.ArrayList<>();
    for (int i = 1; i <= 4; i++) {
      String text = padding + RUNBOOK.replace("shrink-api", "shrink-" + i);
      Path file = dir.resolve("shrink-" + i + ".chaos");
      Files.writeString(file, text);
      programs.add(checker.check(new SourceFile(file.toString(), text), new Diagnostics()));
    }
    Deployment d = Deployment.of(programs, ChaosConfig.load(dir.resolve("chaos.yaml")), CONFIG,
        null, new Manifests.Options("runners", "chaos:1", "chaos", "chaos-secrets", null, false,
            null));
    List<Map<String, Object>> docs = ManifestDocuments.parse(Manifests.yaml(d.objects()));
    List<Map<String, Object>> maps = docs.stream()
        .filter(o -> o.get("kind").equals("ConfigMap")).toList();
    assertThat(maps).hasSizeGreaterThanOrEqualTo(2);
    for (Map<String, Object> m : maps) {
      assertThat(Manifests.yaml(List.of(m)).length()).isLessThan(1024 * 1024);
    }
    Map<String, Object> job = docs.stream().filter(o -> o.get("kind").equals("Job")
        && ManifestDocuments.at(o, "metadata", "name").equals("chaos-shrink-3")).findFirst()
        .orElseThrow();
    String volume = Manifests.yaml(List.of(ManifestDocuments.map(ManifestDocuments.at(job,
        "spec", "template"))));
    assertThat(volume).contains("runbooks/shrink-3.chaos", "runbooks/lib/ops.chaos",
        "path: chaos.yaml").doesNotContain("shrink-1.chaos", "shrink-2.chaos", "shrink-4.chaos");
  }

  @Test
  void theOutputIsTheSameEveryTime(@TempDir Path dir) throws Exception {
    assertThat(Manifests.yaml(deploy(dir, RUNBOOK, null, false).objects()))
        .isEqualTo(Manifests.yaml(deploy(dir, RUNBOOK, null, false).objects()));
  }

  /** A Job's log goes with its pod: where the environment has a webhook, the summary goes there. */
  @Test
  void aRunWhoseEnvironmentNotifiesPostsItsSummary(@TempDir Path dir) throws Exception {
    String config = CONFIG.replace("      lock_namespace: locks\n",
        "      lock_namespace: locks\n    notify:\n      webhook: https://hooks.example/chaos\n");
    assertThat(config).contains("notify:");
    List<Map<String, Object>> docs = ManifestDocuments.parse(
        Manifests.yaml(deploy(dir, RUNBOOK, null, false, config).objects()));
    Map<String, Object> job = find(docs, "Job", "runners");
    Map<String, Object> pod = ManifestDocuments.map(ManifestDocuments.at(job, "spec", "template",
        "spec"));
    Map<String, Object> container = ManifestDocuments.map(((List<?>) pod.get("containers"))
        .get(0));
    List<Object> args = List.copyOf((List<?>) container.get("args"));
    assertThat(args).contains((Object) "--notify-report");
    assertThat(args.get(args.size() - 1)).isEqualTo("/etc/chaos/runbooks/shrink.chaos");
  }
}
