package dev.chaos.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Locks and production gates against the lab's Kubernetes API (`scripts/lab up`), through
 * `chaos exec` and `chaos announce`: Leases of 3 s (`kubernetes.lock_lease`) renewed while a run
 * lasts, a stolen Lease that aborts a run, the 24 h notice recorded next to the Lease.
 */
@EnabledIfEnvironmentVariable(named = "LAB_CHAOS_CONFIG", matches = ".+")
@Timeout(300)
class LabLocksTest {
  private static final String NS = "chaos-testing";

  @TempDir
  Path dir;

  private KubernetesClient kube;
  private Path config;

  @BeforeEach
  void lab() throws Exception {
    kube = new KubernetesClientBuilder().withConfig(new ConfigBuilder()
        .withMasterUrl(System.getenv("LAB_K8S_URL")).build()).build();
    String k8s = "{context: lab, kubeconfig: \"" + System.getenv("LAB_KUBECONFIG")
        + "\", lock_namespace: " + NS + ", lock_lease: 3s}";
    config = dir.resolve("chaos.yaml");
    Files.writeString(config, """
        environments:
          staging:
            class: staging
            kubernetes: %1$s
            prometheus: {url: "%2$s"}
          prod:
            class: prod
            kubernetes: %1$s
            prometheus: {url: "%2$s"}
            notify: {webhook: "%3$s"}
        """.formatted(k8s, System.getenv("LAB_PROM_URL"), System.getenv("LAB_WEBHOOK_URL")));
  }

  @AfterEach
  void close() {
    kube.close();
  }

  private Path runbook(String name, String text) throws Exception {
    Path file = dir.resolve(name + ".chaos");
    Files.writeString(file, text);
    return file;
  }

  private CliRunner.Result exec(Path runbook, String... extra) {
    String[] args = new String[extra.length + 6];
    args[0] = "exec";
    args[1] = "--config";
    args[2] = config.toString();
    args[3] = "--journal";
    args[4] = dir.resolve(runbook.getFileName() + "-" + System.nanoTime() + "/journal.jsonl")
        .toString();
    System.arraycopy(extra, 0, args, 5, extra.length);
    args[args.length - 1] = runbook.toString();
    return new CliRunner().run(args);
  }

  private Lease lease(String lock) {
    return kube.leases().inNamespace(NS).withName("chaos-lock-" + lock).get();
  }

  private int backendReplicas() {
    return kube.apps().deployments().inNamespace("llm-marketplace").withName("backend").get()
        .getSpec().getReplicas();
  }

  @Test
  void aRunThatOutlivesSeveralLeaseDurationsKeepsItsLockWhileASecondIsRefused()
      throws Exception {
    Path file = runbook("long-hold", """
        runbook "long-hold" {
          environment staging
          lock "lab-locks-long"
          step "hold" { wait 15s }
        }
        """);
    CompletableFuture<CliRunner.Result> first = CompletableFuture.supplyAsync(() -> exec(file));
    await().atMost(Duration.ofSeconds(60)).until(() -> lease("lab-locks-long") != null);
    Instant acquired = lease("lab-locks-long").getSpec().getAcquireTime().toInstant();
    // three Lease durations (3 s) later the first run still holds it, renewed on the way
    await().atMost(Duration.ofSeconds(60)).until(() -> {
      Lease now = lease("lab-locks-long");
      return now != null && Duration.between(acquired, now.getSpec().getRenewTime()
          .toInstant()).toSeconds() >= 9;
    });
    CliRunner.Result second = exec(file);
    assertThat(second.exitCode()).as(second.out() + second.err()).isEqualTo(2);
    String holder = lease("lab-locks-long").getSpec().getHolderIdentity();
    String runId = holder.substring(holder.lastIndexOf('/') + 1);
    assertThat(second.out() + second.err()).contains("cannot take the lock `lab-locks-long`: "
        + "held by run " + runId + " of runbook `long-hold` (host ",
        ", pid " + ProcessHandle.current().pid() + ", user ", ") since ");
    CliRunner.Result done = first.get();
    assertThat(done.exitCode()).as(done.out() + done.err()).isZero();
    assertThat(lease("lab-locks-long")).isNull();
  }

  @Test
  void aLeaseStolenMidRunAbortsTheRunAndUndoRuns() throws Exception {
    int before = backendReplicas();
    Path file = runbook("stolen", """
        runbook "stolen" {
          environment staging
          lock "lab-locks-stolen"
          step "shrink" { k8s.scale("deployment", "backend", %d, namespace: "llm-marketplace") }
          step "hold" { wait 2m }
        }
        """.formatted(before - 1));
    CompletableFuture<CliRunner.Result> run = CompletableFuture.supplyAsync(() -> exec(file));
    await().atMost(Duration.ofSeconds(60)).until(() -> backendReplicas() == before - 1);
    Lease stolen = lease("lab-locks-stolen");
    stolen.getSpec().setHolderIdentity("thief-host/7/other-run");
    stolen.getMetadata().setAnnotations(Map.of("chaos.dev/runbook", "other"));
    kube.leases().inNamespace(NS).resource(stolen).update();
    CliRunner.Result r = run.get();
    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(4);
    assertThat(r.out()).contains("lost the lock `lab-locks-stolen`: the Lease is now held by "
        + "run other-run of runbook `other` (host thief-host, pid 7)");
    assertThat(backendReplicas()).isEqualTo(before);
    // the thief's Lease is left alone
    assertThat(lease("lab-locks-stolen").getSpec().getHolderIdentity())
        .isEqualTo("thief-host/7/other-run");
    kube.leases().inNamespace(NS).withName("chaos-lock-lab-locks-stolen").delete();
  }

  /** A production runbook whose window holds now and the same time tomorrow plus an hour. */
  private Path prodRunbook(String name, String lock) throws Exception {
    DateTimeFormatter hm = DateTimeFormatter.ofPattern("HH:mm");
    LocalTime now = LocalTime.now(ZoneOffset.UTC);
    return runbook(name, """
        runbook "%s" {
          environment prod
          blast_radius 10%%
          window %s to %s zone "UTC"
          max_duration 5m
          lock "%s"
          precondition "no critical alert" {
            expect len(prometheus.alerts(severity: "critical")) >= 0
          }
          guard "prometheus up" every 1s { expect prometheus.ready() }
          step "hold" { wait 1s }
        }
        """.formatted(name, now.minusHours(1).format(hm), now.plusHours(3).format(hm), lock));
  }

  /** `chaos announce` for 25 h from now, then the notice moved back 25 h: a day has passed. */
  private void announceADayAgo(Path runbook, String lock) {
    String at = Instant.now().plus(25, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MINUTES)
        .toString();
    CliRunner.Result announced = new CliRunner().run("announce", "--config", config.toString(),
        "--env", "prod", "--at", at, runbook.toString());
    assertThat(announced.exitCode()).as(announced.out() + announced.err()).isZero();
    assertThat(announced.out()).contains("recorded in ConfigMap " + NS + "/chaos-announce-"
        + lock);
    ConfigMap notice = kube.configMaps().inNamespace(NS).withName("chaos-announce-" + lock)
        .get();
    Map<String, String> data = new HashMap<>(notice.getData());
    for (String key : new String[] {"start", "end", "announced-at"}) {
      data.put(key, Instant.parse(data.get(key)).minus(25, ChronoUnit.HOURS).toString());
    }
    notice.setData(data);
    kube.configMaps().inNamespace(NS).resource(notice).update();
  }

  private static String webhook(String path) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
        System.getenv("LAB_WEBHOOK_URL") + path)).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }

  @Test
  void anAnnouncedConfirmedProductionRunRuns() throws Exception {
    Path file = prodRunbook("prod-announced", "lab-locks-announced");
    announceADayAgo(file, "lab-locks-announced");
    assertThat(webhook("/last")).contains("will run in prod", "prod-announced");
    CliRunner.Result r = exec(file, "--confirm", "prod");
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
  }

  @Test
  void anUnannouncedProductionRunIsRefusedBeforeAnythingIsTouched() throws Exception {
    Path file = prodRunbook("prod-unannounced", "lab-locks-unannounced");
    CliRunner.Result r = exec(file, "--confirm", "prod");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("error: refusing to run in production: it was not announced "
        + "(no notice in ConfigMap " + NS + "/chaos-announce-lab-locks-unannounced)",
        "chaos announce " + file + " --env prod --at TIME");
    assertThat(lease("lab-locks-unannounced")).isNull();
  }

  @Test
  void anAnnouncedProductionRunWithoutConfirmIsRefused() throws Exception {
    Path file = prodRunbook("prod-unconfirmed", "lab-locks-unconfirmed");
    announceADayAgo(file, "lab-locks-unconfirmed");
    CliRunner.Result r = exec(file);
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("refusing to run in production: a production run needs "
        + "confirmation: pass `--confirm prod`");
    assertThat(lease("lab-locks-unconfirmed")).isNull();
  }

  @Test
  void anAnnouncementLessThanADayAheadIsRefused() throws Exception {
    Path file = prodRunbook("prod-short-notice", "lab-locks-short");
    CliRunner.Result r = new CliRunner().run("announce", "--config", config.toString(),
        "--at", Instant.now().plus(2, ChronoUnit.HOURS).toString(), file.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("is less than 24h ahead: stakeholders need 24h notice");
  }
}
