package dev.chaos.drivers.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The runs' records as ConfigMaps, on a Kubernetes API in CRUD mode on loopback. */
@Timeout(60)
class RunRecordsTest {
  private static final Instant NOW = Instant.parse("2026-12-04T03:00:00Z");
  private static final String NS = "chaos-testing";

  private KubernetesMockServer server;
  private KubernetesClient client;

  @BeforeEach
  void start() {
    server = new KubernetesMockServer(new io.fabric8.mockwebserver.Context(),
        new io.fabric8.mockwebserver.MockWebServer(), new java.util.HashMap<>(),
        new io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher(), false);
    server.init(java.net.InetAddress.getLoopbackAddress(), 0);
    client = server.createClient();
  }

  @AfterEach
  void stop() {
    client.close();
    server.destroy();
  }

  private static Map<String, String> run(String runId, Instant started) {
    return Map.of("runbook", "pod-failure", "run_id", runId, "started", started.toString(),
        "outcome", "PASSED");
  }

  @Test
  void aRecordIsWrittenLabelledAndListed() throws Exception {
    RunRecords records = new RunRecords(client, NS);
    String id = "pod-failure-20261204-030000-a1b2";
    assertThat(records.write(id, "pod-failure", run(id, NOW), NOW, Duration.ofDays(31)))
        .isZero();
    ConfigMap map = client.configMaps().inNamespace(NS).withName("chaos-run-" + id).get();
    assertThat(map.getMetadata().getLabels()).containsEntry(RunRecords.LABEL, "pod-failure")
        .containsEntry("app.kubernetes.io/managed-by", "chaos");
    assertThat(records.list()).containsExactly(run(id, NOW));
  }

  @Test
  void writingARecordPrunesThoseOlderThanTheMaximumAgeAndNothingElse() throws Exception {
    RunRecords records = new RunRecords(client, NS);
    records.write("old-20261001-000000-0001", "old", run("old", NOW.minus(Duration.ofDays(40))),
        NOW.minus(Duration.ofDays(40)), Duration.ofDays(365));
    records.write("recent-20261201-000000-0002", "recent",
        run("recent", NOW.minus(Duration.ofDays(3))), NOW.minus(Duration.ofDays(3)),
        Duration.ofDays(365));
    assertThat(records.list()).hasSize(2);
    // someone else's ConfigMap without the label, however old, is not a record
    client.configMaps().inNamespace(NS).resource(new ConfigMapBuilder().withNewMetadata()
        .withName("unrelated").endMetadata().addToData("started", "2020-01-01T00:00:00Z")
        .build()).create();
    int pruned = records.write("new-20261204-030000-0003", "new", run("new", NOW), NOW,
        Duration.ofDays(31));
    assertThat(pruned).isEqualTo(1);
    assertThat(records.list()).extracting(m -> m.get("run_id"))
        .containsExactlyInAnyOrder("recent", "new");
    assertThat(client.configMaps().inNamespace(NS).withName("unrelated").get()).isNotNull();
  }

  @Test
  void aLongRunbookNameIsCutInItsMiddleSoTheIdsTimeKeepsNamesApart() {
    String name = "a-runbook-with-a-very-long-name-that-goes-on-and-on-and-on";
    String first = RunRecords.objectName(name + "-20261204-030000-a1b2");
    String second = RunRecords.objectName(name + "-20261204-030001-c3d4");
    assertThat(first).hasSizeLessThanOrEqualTo(63).startsWith("chaos-run-a-runbook")
        .endsWith("-20261204-030000-a1b2");
    assertThat(second).isNotEqualTo(first);
    assertThat(RunRecords.labelValue("-" + name + name + "!")).hasSizeLessThanOrEqualTo(63)
        .matches("[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?");
  }
}
