package dev.chaos.drivers.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The 38 example manifests of Chaos Mesh (examples/, copied to src/test/resources/chaos-mesh)
 * read by {@link ChaosInjections}: every one is read, with its sizes, and agrees with the pod
 * choices the blast-radius rule reads ({@link ChaosManifests}).
 */
class ChaosInjectionsExamplesTest {
  static final List<String> EXAMPLES = List.of("blockchaos-blockchaos-delay-example.yaml",
      "burn-cpu.yaml", "cause-pod-oom.yaml", "container-kill-example.yaml",
      "dns-chaos-example.yaml", "etcd-etcd-iochaos.yaml", "io-attr-example.yaml",
      "io-delay-example.yaml", "io-errno-example.yaml", "jvm-jvm-exception-example.yaml",
      "jvm-jvm-return-example.yaml", "jvm-jvm-rule-data-example.yaml",
      "network-bandwidth-example.yaml", "network-corrupt-example.yaml",
      "network-delay-example.yaml", "network-delay-with-external-target-example.yaml",
      "network-delay-with-target-example.yaml", "network-duplicate-example.yaml",
      "network-loss-example.yaml", "network-netem-example.yaml",
      "network-netem-with-target-example.yaml", "network-partition-example.yaml",
      "network-partition-with-external-targets-example.yaml", "nginx-http-patch-response.yaml",
      "physicalmachinechaos-network-delay-physicalmachinechaos-example.yaml",
      "physicalmachinechaos-network-delay-physicalmachinechaos-labelselectors-example.yaml",
      "pod-failure-example.yaml", "pod-kill-example.yaml", "remote-cluster-remote-podchaos.yaml",
      "schedule-podchaos.yaml", "time-chaos-example.yaml", "web-show-network-delay.yaml",
      "web-show-pod-failure.yaml", "web-show-pod-kill.yaml", "workflow-custom-task.yaml",
      "workflow-parallel.yaml", "workflow-serial.yaml", "workflow-status-check.yaml");

  static String example(String name) {
    try (InputStream in = ChaosInjectionsExamplesTest.class.getResourceAsStream(
        "/chaos-mesh/examples/" + name)) {
      assertThat(in).as(name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<ChaosInjection> read(String name) {
    return ChaosInjections.of(example(name), "chaos-testing");
  }

  @Test
  void everyExampleIsReadAndTwelveKindsAreCovered() {
    assertThat(EXAMPLES).hasSize(38);
    Map<String, Integer> kinds = new TreeMap<>();
    for (String name : EXAMPLES) {
      List<ChaosInjection> read = read(name);
      assertThat(read).as(name).isNotEmpty();
      String kind = ChaosInjections.of(example(name), "x").isEmpty() ? "" : example(name)
          .lines().filter(l -> l.startsWith("kind:")).findFirst().orElseThrow().substring(5)
          .trim();
      kinds.merge(kind, 1, Integer::sum);
      for (ChaosInjection i : read) {
        assertThat(i.action()).as(name).isNotBlank();
      }
    }
    assertThat(kinds).hasSize(12);
  }

  @Test
  void theSizesAreTheManifests() {
    ChaosInjection delay = read("network-delay-example.yaml").get(0);
    assertThat(delay.action()).isEqualTo("delay");
    assertThat(delay.network().latency()).isEqualTo(Duration.ofMillis(90));
    assertThat(delay.network().jitter()).isEqualTo(Duration.ofMillis(90));
    assertThat(delay.network().correlation()).isEqualTo(25);
    assertThat(delay.duration()).isEqualTo(Duration.ofSeconds(10));
    assertThat(read("network-loss-example.yaml").get(0).network().lossPercent()).isEqualTo(25);
    assertThat(read("network-corrupt-example.yaml").get(0).network().corruptPercent())
        .isEqualTo(40);
    assertThat(read("network-duplicate-example.yaml").get(0).network().duplicatePercent())
        .isEqualTo(40);
    // 100kbps is 100 kilobytes a second in tc's units
    assertThat(read("network-bandwidth-example.yaml").get(0).network().rateBitsPerSecond())
        .isEqualTo(800_000);
    ChaosInjection netem = read("network-netem-with-target-example.yaml").get(0);
    assertThat(netem.network().latency()).isEqualTo(Duration.ofMillis(90));
    assertThat(netem.network().lossPercent()).isEqualTo(25);
    assertThat(netem.network().target().mode().mode()).isEqualTo("one");
    ChaosInjection partition = read("network-partition-example.yaml").get(0);
    assertThat(partition.network().partition()).isTrue();
    assertThat(partition.network().direction()).isEqualTo("to");
    assertThat(read("network-partition-with-external-targets-example.yaml").get(0).network()
        .externalTargets()).contains("8.8.8.8", "10.0.0.0/8:22");
    ChaosInjection cpu = read("burn-cpu.yaml").get(0);
    assertThat(cpu.stress().cpuWorkers()).isEqualTo(1);
    assertThat(cpu.stress().cpuLoad()).isEqualTo(100);
    assertThat(cpu.stress().cpuCores()).isEqualTo(1.0);
    ChaosInjection oom = read("cause-pod-oom.yaml").get(0);
    assertThat(oom.stress().memoryWorkers()).isEqualTo(1);
    assertThat(oom.stress().memoryBytes()).isEqualTo(10_000_000_000L); // go-units: decimal
    ChaosInjection failure = read("pod-failure-example.yaml").get(0);
    assertThat(failure.action()).isEqualTo("pod-failure");
    assertThat(failure.duration()).isEqualTo(Duration.ofSeconds(30));
    assertThat(read("container-kill-example.yaml").get(0).containerNames())
        .containsExactly("prometheus");
    assertThat(read("remote-cluster-remote-podchaos.yaml").get(0).remoteCluster())
        .isEqualTo("cluster-xxxxxxx");
    assertThat(read("time-chaos-example.yaml").get(0).details().get("timeOffset"))
        .isEqualTo(Duration.ofMinutes(-10).minusNanos(100).toString());
    assertThat(read("io-delay-example.yaml").get(0).details())
        .containsEntry("delay", "PT0.01S").containsEntry("percent", "10");
    assertThat(read("dns-chaos-example.yaml").get(0).action()).isEqualTo("random");
    assertThat(read("nginx-http-patch-response.yaml").get(0).details())
        .containsEntry("target", "Response").containsKey("patch");
    assertThat(read("physicalmachinechaos-network-delay-physicalmachinechaos-example.yaml")
        .get(0).selection()).isNull();
  }

  @Test
  void aSelectorWithoutNamespacesSelectsInTheObjectsOwnNamespace() {
    assertThat(read("pod-kill-example.yaml").get(0).selection().selector().namespaces())
        .containsExactly("chaos-testing");
    assertThat(read("network-delay-with-target-example.yaml").get(0).network().target()
        .selector().namespaces()).containsExactly("db", "storage");
  }

  @Test
  void aScheduleCarriesItsChaosAndItsSchedule() {
    ChaosInjection kill = read("schedule-podchaos.yaml").get(0);
    assertThat(kill.subject()).isEqualTo("Schedule `schedule-pod-kill-example` (PodChaos)");
    assertThat(kill.action()).isEqualTo("pod-kill");
    assertThat(kill.timing().schedule()).isEqualTo("@every 5s");
    assertThat(kill.timing().concurrencyPolicy()).isEqualTo("Forbid");
    ChaosInjection io = read("etcd-etcd-iochaos.yaml").get(0);
    assertThat(io.kind()).isEqualTo("IOChaos");
    assertThat(io.duration()).isEqualTo(Duration.ofSeconds(400));
    assertThat(read("web-show-network-delay.yaml").get(0).network().latency())
        .isEqualTo(Duration.ofMillis(10));
  }

  @Test
  void aWorkflowCarriesEachTemplatesChaosAtItsOffset() {
    List<ChaosInjection> serial = read("workflow-serial.yaml");
    assertThat(serial).extracting(ChaosInjection::kind)
        .containsExactly("StressChaos", "NetworkChaos", "PodChaos");
    // stress 20s, suspend 10s, network 20s, suspend 5s, then the schedule
    assertThat(serial).extracting(i -> i.timing().startAfter()).containsExactly(
        Duration.ZERO, Duration.ofSeconds(30), Duration.ofSeconds(55));
    assertThat(serial.get(0).duration()).isEqualTo(Duration.ofSeconds(20));
    assertThat(serial.get(2).timing().schedule()).isEqualTo("@every 2s");
    assertThat(serial.get(2).timing().scheduleFor()).isEqualTo(Duration.ofSeconds(40));
    List<ChaosInjection> parallel = read("workflow-parallel.yaml");
    assertThat(parallel).extracting(i -> i.timing().startAfter()).containsOnly(Duration.ZERO);
    assertThat(parallel).hasSize(3);
    List<ChaosInjection> task = read("workflow-custom-task.yaml");
    assertThat(task).hasSize(2).allSatisfy(i -> assertThat(i.timing().condition())
        .contains("is a Task").contains("holds for the output of its container"));
    assertThat(read("workflow-status-check.yaml")).singleElement()
        .satisfies(i -> assertThat(i.kind()).isEqualTo("NetworkChaos"));
  }

  @Test
  void theReaderAndTheBlastRadiusRuleChooseTheSamePods() {
    for (String name : EXAMPLES) {
      List<ChaosSelection> blast = ChaosManifests.of(example(name), "chaos-testing");
      List<ChaosSelection> read = read(name).stream()
          .flatMap(i -> i.network() != null && i.network().target() != null
              ? java.util.stream.Stream.of(i.selection(), i.network().target())
              : java.util.stream.Stream.ofNullable(i.selection()))
          .toList();
      // Block and the kinds that pick no pods are beyond the blast-radius rule's list
      if (name.startsWith("blockchaos") || name.startsWith("physical")
          || name.equals("workflow-custom-task.yaml")) {
        continue;
      }
      // a workflow's are in the order its entry reaches them, the blast rule's in file order
      assertThat(read).as(name).extracting(ChaosSelection::selector)
          .containsExactlyInAnyOrderElementsOf(blast.stream().map(ChaosSelection::selector)
              .toList());
      assertThat(read).as(name).extracting(ChaosSelection::mode)
          .containsExactlyInAnyOrderElementsOf(blast.stream().map(ChaosSelection::mode)
              .toList());
    }
  }

  @Test
  void whatChaosMeshRefusesIsRefusedNamingTheField() {
    String base = """
        apiVersion: chaos-mesh.org/v1alpha1
        kind: NetworkChaos
        metadata: {name: n}
        spec:
          mode: all
          selector: {labelSelectors: {app: a}}
        """;
    assertThatThrownBy(() -> ChaosInjections.of(base + "  action: delay\n  delay: {latency: 10 s}\n", "x"))
        .hasMessageContaining("NetworkChaos `n` `delay.latency` `10 s` is not a Go duration");
    assertThatThrownBy(() -> ChaosInjections.of(base + "  action: slow\n", "x"))
        .hasMessageContaining("NetworkChaos `n` `action` `slow` is not one Chaos Mesh takes");
    assertThatThrownBy(() -> ChaosInjections.of(base + "  action: loss\n  loss: {loss: \"120\"}\n", "x"))
        .hasMessageContaining("`loss.loss` `120` is not a percentage from 0 to 100");
    assertThatThrownBy(() -> ChaosInjections.of(base + "  action: bandwidth\n  bandwidth: {rate: 1mb}\n", "x"))
        .hasMessageContaining("`bandwidth.rate` `1mb` is not a rate");
    assertThatThrownBy(() -> ChaosInjections.of(base.replace("NetworkChaos", "StressChaos")
        + "  stressors: {memory: {workers: 0, size: 1GB}}\n", "x"))
        .hasMessageContaining("StressChaos `n` `stressors.memory.workers` 0 is out of range");
    assertThatThrownBy(() -> ChaosInjections.of(base.replace("NetworkChaos", "PodChaos")
        + "  action: container-kill\n", "x"))
        .hasMessageContaining("`containerNames` is empty");
    assertThatThrownBy(() -> ChaosInjections.of(base.replace("NetworkChaos", "Schedule")
        .replace("  mode: all\n  selector: {labelSelectors: {app: a}}\n", "")
        + "  schedule: \"61 * * * *\"\n  type: PodChaos\n", "x"))
        .hasMessageContaining("`61` is not a number from 0 to 59");
  }

  @Test
  void theSmallManifestsTheLabAppliesOfEveryKindAreRead() {
    // as LabChaosMeshKindsTest applies them to the lab's API through the live driver
    String selector = "selector: {namespaces: [chaos-testing], labelSelectors: {x: none}}\n";
    Map<String, String> specs = Map.ofEntries(
        Map.entry("HTTPChaos", "mode: one\ntarget: Request\nport: 8080\ndelay: 5ms\n" + selector),
        Map.entry("TimeChaos", "mode: one\ntimeOffset: -1h\n" + selector),
        Map.entry("JVMChaos", "action: latency\nmode: one\nclass: Main\nmethod: run\n"
            + "latency: 100\nport: 9277\n" + selector),
        Map.entry("KernelChaos", "mode: one\nfailKernRequest: {callchain: [{funcname: f}],"
            + " failtype: 0}\n" + selector),
        Map.entry("PhysicalMachineChaos", "action: stress-cpu\nmode: one\naddress: ["
            + "\"http://127.0.0.1:31767\"]\nstress-cpu: {workers: 1, load: 10}\n"),
        Map.entry("AWSChaos", "action: ec2-stop\nsecretName: s\nawsRegion: eu-west-1\n"
            + "ec2Instance: i-0000\n"),
        Map.entry("PodHttpChaos", "rules: []\n"),
        Map.entry("PodNetworkChaos", "ipsets: []\niptables: []\ntcs: []\n"),
        Map.entry("StatusCheck", "mode: Synchronous\ntype: HTTP\nhttp: {url: 'http://x/'}\n"));
    specs.forEach((kind, spec) -> {
      String manifest = "apiVersion: chaos-mesh.org/v1alpha1\nkind: " + kind
          + "\nmetadata: {name: k}\nspec:\n" + spec.indent(2);
      List<ChaosInjection> read = ChaosInjections.of(manifest, "chaos-testing");
      assertThat(read).as(kind).hasSizeLessThanOrEqualTo(1);
    });
  }

  @Test
  void goDurationsAreReadAsChaosMeshReadsThem() {
    String manifest = """
        apiVersion: chaos-mesh.org/v1alpha1
        kind: NetworkChaos
        metadata: {name: n}
        spec:
          action: delay
          mode: all
          selector: {labelSelectors: {app: a}}
          delay: {latency: 1500000us, jitter: 0.5ms}
          duration: 1h2m3.5s
        """;
    ChaosInjection i = ChaosInjections.of(manifest, "x").get(0);
    assertThat(i.network().latency()).isEqualTo(Duration.ofMillis(1500));
    assertThat(i.network().jitter()).isEqualTo(Duration.ofNanos(500_000));
    assertThat(i.duration()).isEqualTo(Duration.ofSeconds(3723, 500_000_000));
  }
}
