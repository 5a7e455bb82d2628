package dev.chaos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every real run leaves a record in its environment's cluster (a Kubernetes API in CRUD mode
 * on loopback), posts its summary with `--notify-report`, and `chaos runs` lists the runs from
 * the cluster and from the run folders, as text and JSON.
 */
@Timeout(120)
class RunsCommandTest {
  private static final String NS = "chaos-testing";

  @TempDir
  Path dir;

  private KubernetesMockServer server;
  private KubernetesClient kube;
  private HttpServer webhook;
  private final List<String> posted = new CopyOnWriteArrayList<>();
  private Path config;

  @BeforeEach
  void start() throws Exception {
    server = new KubernetesMockServer(new io.fabric8.mockwebserver.Context(),
        new io.fabric8.mockwebserver.MockWebServer(), new java.util.HashMap<>(),
        new io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher(), false);
    server.init(InetAddress.getLoopbackAddress(), 0);
    kube = server.createClient();
    webhook = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    webhook.createContext("/", exchange -> {
      posted.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    webhook.start();
    Path kubeconfig = dir.resolve("kubeconfig");
    Files.writeString(kubeconfig, "apiVersion: v1\nkind: Config\nclusters:\n- name: lab\n"
        + "  cluster: {server: 'http://127.0.0.1:" + server.getPort() + "'}\ncontexts:\n"
        + "- name: lab\n  context: {cluster: lab, user: lab}\ncurrent-context: lab\nusers:\n"
        + "- name: lab\n  user: {}\n");
    config = dir.resolve("chaos.yaml");
    Files.writeString(config, "environments:\n  dev:\n    class: dev\n    kubernetes:\n"
        + "      context: lab\n      kubeconfig: " + kubeconfig + "\n      lock_namespace: " + NS
        + "\n    notify: {webhook: 'http://127.0.0.1:" + webhook.getAddress().getPort()
        + "/hook'}\n");
  }

  @AfterEach
  void stop() {
    kube.close();
    server.destroy();
    webhook.stop(0);
  }

  private Path runbook(String name, String steps) throws Exception {
    Path file = dir.resolve(name + ".chaos");
    Files.writeString(file, """
        runbook "%s" {
          environment dev
          lock "records"
          %s
        }
        """.formatted(name, steps));
    return file;
  }

  @Test
  void aRunLeavesARecordInItsClusterAndRunsListsItFromThereAndFromTheFolder()
      throws Exception {
    Path file = runbook("short-hold", "step \"hold\" { wait 100ms }");
    CliRunner.Result run = new CliRunner().run("exec", "--config", config.toString(),
        "--runs-dir", dir.resolve("volume").toString(), "--notify-report", "-q",
        file.toString());
    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.err()).doesNotContain("warning");
    List<ConfigMap> records = kube.configMaps().inNamespace(NS).list().getItems().stream()
        .filter(m -> m.getMetadata().getName().startsWith("chaos-run-short-hold-")).toList();
    assertThat(records).hasSize(1);
    var data = records.get(0).getData();
    assertThat(data).containsEntry("runbook", "short-hold").containsEntry("environment", "dev")
        .containsEntry("outcome", "passed").containsEntry("exit_code", "0");
    Path folder = Files.list(dir.resolve("volume")).findFirst().orElseThrow();
    assertThat(data.get("report")).isEqualTo(folder.resolve("report.md").toAbsolutePath()
        .toString());
    assertThat(posted).hasSize(1);
    JsonNode notice = JsonMapper.builder().build().readTree(posted.get(0));
    assertThat(notice.path("text").asString()).startsWith("Chaos run " + data.get("run_id")
        + " of runbook short-hold in dev: passed (exit 0); report ");
    assertThat(notice.path("report").asString()).isEqualTo(data.get("report"));

    CliRunner.Result fromCluster = new CliRunner().run("runs", "--env", "dev", "--config",
        config.toString());
    assertThat(fromCluster.exitCode()).as(fromCluster.err()).isZero();
    String[] lines = fromCluster.out().split("\n");
    assertThat(lines[0]).matches("START +RUNBOOK +ENV +OUTCOME +RECOVERY +REPORT");
    assertThat(lines).hasSize(2);
    assertThat(lines[1]).startsWith(data.get("started")).contains(" short-hold ", " dev ",
        " passed ", data.get("host") + ":" + data.get("report"));

    CliRunner.Result fromFolder = new CliRunner().run("runs", "--format", "json",
        dir.resolve("volume").toString());
    assertThat(fromFolder.exitCode()).as(fromFolder.err()).isZero();
    JsonNode list = JsonMapper.builder().build().readTree(fromFolder.out());
    assertThat(list.size()).isEqualTo(1);
    assertThat(list.get(0).path("runbook").asString()).isEqualTo("short-hold");
    assertThat(list.get(0).path("environment").asString()).isEqualTo("dev");
    assertThat(list.get(0).path("outcome").asString()).isEqualTo("passed");
    assertThat(list.get(0).path("run_id").asString()).isEqualTo(data.get("run_id"));
    assertThat(list.get(0).path("report").asString()).isEqualTo(folder.resolve("report.md")
        .toString());
  }

  @Test
  void aFailedRunIsRecordedWithItsOutcomeAndTheNewestIsListedFirst() throws Exception {
    Path passes = runbook("first", "step \"hold\" { wait 10ms }");
    Path fails = runbook("second", "verify \"never\" { expect 1 == 2 }\n  step \"hold\" { wait 10ms }");
    assertThat(new CliRunner().run("exec", "--config", config.toString(), "--runs-dir",
        dir.resolve("v").toString(), "-q", passes.toString()).exitCode()).isZero();
    Thread.sleep(1100); // records are stamped in whole seconds
    CliRunner.Result failed = new CliRunner().run("exec", "--config", config.toString(),
        "--runs-dir", dir.resolve("v").toString(), "-q", fails.toString());
    assertThat(failed.exitCode()).as(failed.out() + failed.err()).isEqualTo(1);
    CliRunner.Result listed = new CliRunner().run("runs", "--env", "dev", "--config",
        config.toString(), "--format", "json");
    JsonNode list = JsonMapper.builder().build().readTree(listed.out());
    assertThat(list.size()).isEqualTo(2);
    assertThat(list.get(0).path("runbook").asString()).isEqualTo("second");
    assertThat(list.get(0).path("outcome").asString()).isEqualTo("failed");
    assertThat(list.get(1).path("runbook").asString()).isEqualTo("first");
  }

  @Test
  void aClusterThatDoesNotAnswerCostsTheRunAWarningAndTenSecondsAtMost() throws Exception {
    try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 50,
        InetAddress.getLoopbackAddress())) {
      // accepts connections (the kernel does) and never answers: a frozen API server
      Path kubeconfig = dir.resolve("silent-kubeconfig");
      Files.writeString(kubeconfig, "apiVersion: v1\nkind: Config\nclusters:\n- name: s\n"
          + "  cluster: {server: 'http://127.0.0.1:" + silent.getLocalPort() + "'}\n"
          + "contexts:\n- name: s\n  context: {cluster: s, user: s}\ncurrent-context: s\n"
          + "users:\n- name: s\n  user: {}\n");
      Path silentConfig = dir.resolve("silent.yaml");
      Files.writeString(silentConfig, "environments:\n  dev:\n    class: dev\n"
          + "    kubernetes: {context: s, kubeconfig: " + kubeconfig + "}\n");
      Path file = dir.resolve("unlocked.chaos");
      Files.writeString(file, "runbook \"unlocked\" {\n  environment dev\n"
          + "  step \"hold\" { wait 10ms }\n}\n");
      long start = System.nanoTime();
      CliRunner.Result run = new CliRunner().run("exec", "--config", silentConfig.toString(),
          "--runs-dir", dir.resolve("v").toString(), "-q", file.toString());
      long seconds = java.util.concurrent.TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
      assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
      assertThat(run.err()).contains("warning: the run's record was not written: the cluster "
          + "did not answer within 10s");
      assertThat(seconds).isLessThan(40);
    }
  }

  @Test
  void aRunWithAJournalAndNoReportIsListedAsRunningOrAsDiedWithTheCommandThatFinishesIt()
      throws Exception {
    Path runs = dir.resolve("runs");
    Path finished = runs.resolve("finished/journal.jsonl");
    CliRunner.Result rehearsal = new CliRunner().run("exec", "--sandbox", "-q", "--journal",
        finished.toString(), Path.of("runbooks/pod-failure.chaos").toAbsolutePath().toString());
    assertThat(rehearsal.exitCode()).as(rehearsal.err()).isZero();
    // The same run as its runner left it when it died after its first change: the journal up
    // to the second undo registered, and no report.
    List<String> lines = Files.readAllLines(finished);
    int cut = 0;
    for (int registered = 0; registered < 2; cut++) {
      registered += lines.get(cut).contains("\"event\":\"undo_registered\"") ? 1 : 0;
    }
    Path died = runs.resolve("died/journal.jsonl");
    Files.createDirectories(died.getParent());
    Files.write(died, lines.subList(0, cut));
    // and another whose runner is alive: pid 1 on this host
    Path running = runs.resolve("running/journal.jsonl");
    Files.createDirectories(running.getParent());
    Files.write(running, lines.subList(0, cut).stream()
        .map(l -> l.replaceAll("\"pid\":\\d+", "\"pid\":1")).toList());

    CliRunner.Result listed = new CliRunner().run("runs", "--format", "json", runs.toString());
    assertThat(listed.exitCode()).as(listed.err()).isZero();
    JsonNode list = JsonMapper.builder().build().readTree(listed.out());
    assertThat(list.size()).isEqualTo(3);
    java.util.Map<String, String> outcomes = new java.util.TreeMap<>();
    list.forEach(r -> outcomes.put(r.path("report").asString(), r.path("outcome").asString()));
    assertThat(outcomes).containsEntry(died.toString(), "died unfinished (2 undos left)")
        .containsEntry(running.toString(), "running")
        .containsEntry(runs.resolve("finished/report.md").toString(), "passed");
    list.forEach(r -> assertThat(r.path("runbook").asString()).isEqualTo("pod-failure"));
    assertThat(listed.err()).doesNotContain("warning").contains("note: the run ")
        .contains(" of pod-failure died unfinished (pid ")
        .contains("; finish it with: chaos recover " + died);

    CliRunner.Result history = new CliRunner().run("report", runs.toString());
    assertThat(history.err()).contains("warning: skipped " + died.getParent()
        + ": no report.json yet (a run still going, or one whose runner died");
  }

  @Test
  void theClusterOptionsNeedAnEnvironment() {
    CliRunner.Result r = new CliRunner().run("runs", "--config", config.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("`--config` chooses a cluster: add `--env NAME`");
  }
}
