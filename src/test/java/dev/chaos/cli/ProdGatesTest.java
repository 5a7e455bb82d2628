package dev.chaos.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chaos.check.CheckOptions;
import dev.chaos.check.CheckedProgram;
import dev.chaos.check.Checker;
import dev.chaos.config.ChaosConfig;
import dev.chaos.config.KubectlFlags;
import dev.chaos.config.LiveRequest;
import dev.chaos.diag.Diagnostics;
import dev.chaos.source.SourceFile;
import dev.chaos.spi.DriverRegistry;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The production gates of a real run: the declared context and targets, the 24 h notice and
 * its span, the confirmation; none for other classes, none but the first for a dry run.
 */
class ProdGatesTest {
  private static final DriverRegistry DRIVERS = DriverRegistry.load();
  /** Announced at T0 for a start 25 h later, inside the window 02:00 to 06:00 UTC. */
  private static final Instant ANNOUNCED = Instant.parse("2026-12-02T01:30:00Z");
  private static final Instant START = Instant.parse("2026-12-03T02:30:00Z");
  private static final Instant NOW = Instant.parse("2026-12-03T02:35:00Z");

  private static final String CONFIG = """
      environments:
        prod:
          class: prod
          kubernetes: {context: prod-eu, kubeconfig: /etc/chaos/prod.kubeconfig,
                       lock_namespace: chaos-testing, clusters: {dr: {context: prod-us}}}
          prometheus: {url: "http://prom:9090"}
          notify: {webhook: "http://hooks/chaos"}
        staging:
          class: staging
          prometheus: {url: "http://prom:9090"}
      """;

  private static final String RUNBOOK = """
      runbook "gateway-restart" {
        environment prod
        blast_radius 25%
        window 02:00 to 06:00 zone "UTC"
        max_duration 20m
        lock "llm-marketplace"
        precondition "calm" { expect len(prometheus.alerts(severity: "critical")) == 0 }
        guard "up" every 5s { expect prometheus.ready() }
        step "restart" irreversible { k8s.rollout_restart("deployment", "graphql-gateway", namespace: "shop") }
      }
      """;

  private final Map<String, Map<String, String>> notices = new HashMap<>();
  private final List<String> asked = new ArrayList<>();

  private static CheckedProgram program(String text) {
    Diagnostics sink = new Diagnostics();
    CheckedProgram program = new Checker(DRIVERS, new CheckOptions(false))
        .check(new SourceFile("gateway-restart.chaos", text), sink);
    assertThat(sink.hasErrors()).as(sink.sorted().toString()).isFalse();
    return program;
  }

  private static LiveRequest request(String env, String config, KubectlFlags flags)
      throws Exception {
    return new LiveRequest(Path.of("."), ChaosConfig.parse(Path.of("chaos.yaml"), config,
        Path.of("/home/u")).environment(env), flags);
  }

  private void announce(Instant at, Instant start, Instant end) {
    notices.put("llm-marketplace", new Announcement("gateway-restart", "prod", "llm-marketplace",
        start, end, at, "alice@ci-1").data());
  }

  private void gate(String runbook, String env, KubectlFlags flags, boolean dryRun,
      String confirm, String typed) throws Exception {
    ProdGates.Run run = new ProdGates.Run(program(runbook), request(env, CONFIG, flags),
        "chaos.yaml", "gateway-restart.chaos", dryRun, confirm);
    ProdGates.enforce(run, DRIVERS, question -> {
      asked.add(question);
      return Optional.ofNullable(typed);
    }, NOW, lock -> Optional.ofNullable(notices.get(lock)),
        lock -> "ConfigMap chaos-testing/chaos-announce-" + lock);
  }

  private void gate(String confirm, String typed) throws Exception {
    gate(RUNBOOK, "prod", KubectlFlags.NONE, false, confirm, typed);
  }

  @Test
  void anAnnouncedConfirmedRunOnTheDeclaredClusterPasses() {
    announce(ANNOUNCED, START, Instant.parse("2026-12-03T06:00:00Z"));
    assertThatCode(() -> gate("prod", null)).doesNotThrowAnyException();
    assertThat(asked).isEmpty();
  }

  @Test
  void withoutConfirmationAndWithoutATerminalTheRunIsRefused() {
    announce(ANNOUNCED, START, Instant.parse("2026-12-03T06:00:00Z"));
    assertThatThrownBy(() -> gate(null, null)).isInstanceOf(CommandFailure.class)
        .hasMessage("refusing to run in production: a production run needs confirmation: "
            + "pass `--confirm prod` (or run it from a terminal and type the runbook's name)");
    assertThatThrownBy(() -> gate("staging", null))
        .hasMessage("refusing to run in production: `--confirm staging` does not confirm a "
            + "production run: pass `--confirm prod`");
  }

  @Test
  void atATerminalTheRunbooksNameTypedConfirmsIt() throws Exception {
    announce(ANNOUNCED, START, Instant.parse("2026-12-03T06:00:00Z"));
    gate(null, "gateway-restart\n");
    assertThat(asked).singleElement().asString().contains("Type the runbook's name "
        + "(gateway-restart)");
    assertThatThrownBy(() -> gate(null, "yes")).hasMessage("refusing to run in production: "
        + "`yes` is not the runbook's name (`gateway-restart`)");
  }

  @Test
  void anUnannouncedRunIsRefusedSayingHowToAnnounceIt() {
    assertThatThrownBy(() -> gate("prod", null)).hasMessage("refusing to run in production: "
        + "it was not announced (no notice in ConfigMap chaos-testing/chaos-announce-"
        + "llm-marketplace); announce it at least 24h ahead: chaos announce "
        + "gateway-restart.chaos --env prod --at TIME");
  }

  @Test
  void aNoticeLessThanADayAheadIsRefusedWithItsFigures() {
    announce(Instant.parse("2026-12-02T23:30:00Z"), START, Instant.parse("2026-12-03T06:00:00Z"));
    assertThatThrownBy(() -> gate("prod", null)).hasMessage("refusing to run in production: "
        + "it was announced at 2026-12-02T23:30:00Z, only 3h before its start "
        + "2026-12-03T02:30:00Z; stakeholders need 24h notice (announce again for a later "
        + "start)");
  }

  @Test
  void aRunOutsideItsAnnouncedSpanIsRefused() {
    announce(ANNOUNCED.minusSeconds(3600), START.plusSeconds(3600),
        Instant.parse("2026-12-03T06:00:00Z"));
    assertThatThrownBy(() -> gate("prod", null)).hasMessageContaining(
        "it is announced from 2026-12-03T03:30:00Z to 2026-12-03T06:00:00Z; it is "
            + "2026-12-03T02:35:00Z, too early");
    announce(ANNOUNCED.minusSeconds(86_400), START.minusSeconds(86_400),
        Instant.parse("2026-12-02T06:00:00Z"));
    assertThatThrownBy(() -> gate("prod", null)).hasMessageContaining(
        "its announced span 2026-12-02T02:30:00Z to 2026-12-02T06:00:00Z is over");
  }

  @Test
  void aNoticeForAnotherRunbookDoesNotCount() {
    notices.put("llm-marketplace", new Announcement("pod-failure", "prod", "llm-marketplace",
        START, START.plusSeconds(3600), ANNOUNCED, "bob").data());
    assertThatThrownBy(() -> gate("prod", null)).hasMessageContaining(
        "the notice for lock `llm-marketplace` announces runbook `pod-failure`, not "
            + "`gateway-restart`");
  }

  @Test
  void anotherContextOrKubeconfigThanTheDeclaredOneIsRefused() {
    announce(ANNOUNCED, START, Instant.parse("2026-12-03T06:00:00Z"));
    assertThatThrownBy(() -> gate(RUNBOOK, "prod", new KubectlFlags(Optional.empty(),
        Optional.of("staging-eu")), false, "prod", null)).hasMessage("refusing to run in "
        + "production: `--context staging-eu` is not the context environment `prod` in "
        + "chaos.yaml declares (`prod-eu`)");
    assertThatThrownBy(() -> gate(RUNBOOK, "prod", new KubectlFlags(
        Optional.of(Path.of("/tmp/other")), Optional.empty()), false, "prod", null))
        .hasMessageContaining("`--kubeconfig /tmp/other` is not the kubeconfig environment "
            + "`prod` in chaos.yaml declares (`/etc/chaos/prod.kubeconfig`)");
    // the declared context, given again, is fine
    assertThatCode(() -> gate(RUNBOOK, "prod", new KubectlFlags(Optional.empty(),
        Optional.of("prod-eu")), false, "prod", null)).doesNotThrowAnyException();
  }

  @Test
  void aProductionEnvironmentMustNameItsContext() throws Exception {
    String config = CONFIG.replace("context: prod-eu, ", "");
    ProdGates.Run run = new ProdGates.Run(program(RUNBOOK), request("prod", config,
        KubectlFlags.NONE), "chaos.yaml", "gateway-restart.chaos", true, null);
    assertThatThrownBy(() -> ProdGates.enforce(run, DRIVERS, ProdGates.Prompt.NONE, NOW,
        lock -> Optional.empty(), lock -> "")).hasMessageContaining(
        "environment `prod` in chaos.yaml declares no `kubernetes.context`");
  }

  @Test
  void aTargetTheEnvironmentDoesNotDeclareIsRefusedEvenInADryRun() {
    String redis = RUNBOOK.replace("irreversible {", "irreversible {\n"
        + "    redis.failover(\"mymaster\")\n");
    assertThatThrownBy(() -> gate(redis, "prod", KubectlFlags.NONE, true, null, null))
        .hasMessage("refusing to run in production: the runbook calls `redis` but "
            + "environment `prod` in chaos.yaml declares no `redis` section");
    String backup = RUNBOOK.replace("namespace: \"shop\")", "namespace: \"shop\", "
        + "cluster: \"backup\")");
    assertThatThrownBy(() -> gate(backup, "prod", KubectlFlags.NONE, true, null, null))
        .hasMessage("refusing to run in production: the runbook names cluster `backup`, "
            + "which environment `prod` in chaos.yaml does not declare (it declares `dr`)");
  }

  @Test
  void aDryRunNeedsNeitherNoticeNorConfirmation() {
    assertThatCode(() -> gate(RUNBOOK, "prod", KubectlFlags.NONE, true, null, null))
        .doesNotThrowAnyException();
    assertThat(asked).isEmpty();
  }

  @Test
  void otherClassesPassNoGate() throws Exception {
    String staging = RUNBOOK.replace("environment prod", "environment staging");
    ProdGates.Run run = new ProdGates.Run(program(staging), request("staging", CONFIG,
        new KubectlFlags(Optional.empty(), Optional.of("anything"))), "chaos.yaml",
        "gateway-restart.chaos", false, null);
    assertThatCode(() -> ProdGates.enforce(run, DRIVERS, ProdGates.Prompt.NONE, NOW,
        lock -> Optional.empty(), lock -> "")).doesNotThrowAnyException();
  }

  @Test
  void theAnnouncedSpanEndsWithTheWindowThatDayEvenAcrossMidnight() {
    ProdHeader night = new ProdHeader("r", "l", java.time.LocalTime.of(22, 0),
        java.time.LocalTime.of(4, 0), java.time.ZoneId.of("Europe/Berlin"), null);
    assertThat(Announcement.end(night, Instant.parse("2026-12-03T22:30:00Z")))
        .isEqualTo(Instant.parse("2026-12-04T03:00:00Z"));
    assertThat(Announcement.end(night, Instant.parse("2026-12-04T01:00:00Z")))
        .isEqualTo(Instant.parse("2026-12-04T03:00:00Z"));
    assertThatThrownBy(() -> Announcement.end(night, Instant.parse("2026-12-04T12:00:00Z")))
        .hasMessage("the start 2026-12-04T13:00 Europe/Berlin is outside the runbook's window "
            + "22:00 to 04:00 Europe/Berlin");
    ProdHeader noWindow = new ProdHeader("r", "l", null, null, null,
        java.time.Duration.ofMinutes(20));
    assertThat(Announcement.end(noWindow, START)).isEqualTo(START.plusSeconds(1200));
  }
}
