package dev.chaos.drivers.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** World files found accepted by fuzzing (issue 9): each refused at its line:column, key named. */
class WorldBadInputTest {
  private static String deployment(String fields) {
    return "clusters:\n  default:\n    deployments:\n      - {name: api" + fields + "}\n";
  }

  private static void refused(String yaml, String message) {
    assertThatThrownBy(() -> WorldLoader.parse(yaml, "w.yaml"))
        .isInstanceOf(WorldFileException.class).hasMessage(message);
  }

  @Test
  void replicasAreBounded() {
    refused(deployment(", replicas: 1000000"), "w.yaml:4:31: `clusters.default.deployments[0]"
        + ".replicas`: `1000000` is out of range: a sandbox deployment runs 0 to 10000 replicas"
        + " (0 to 10000)");
    // 0 is allowed: a standby region's deployment that runs nothing until scaled up
    refused(deployment(", replicas: -1"), "w.yaml:4:31: `clusters.default.deployments[0]"
        + ".replicas`: `-1` is out of range: a sandbox deployment runs 0 to 10000 replicas"
        + " (0 to 10000)");
  }

  @Test
  void negativeDurationsAreRefused() {
    refused(deployment(", recovery: -5s"), "w.yaml:4:31: `clusters.default.deployments[0]"
        + ".recovery`: `-5s` is not a duration here: write it without a sign");
    refused(deployment(", hpa: {scale_down_window: -5m}"), "w.yaml:4:46: `clusters.default"
        + ".deployments[0].hpa.scale_down_window`: `-5m` is not a duration here: write it"
        + " without a sign");
    refused("http:\n  - {url: \"http://x/\", latency: -12ms}\n", "w.yaml:2:33: `http[0].latency`:"
        + " `-12ms` is not a duration here: write it without a sign");
  }

  @Test
  void outOfRangeValuesAreRefused() {
    refused(deployment(", cpu: .nan"), "w.yaml:4:26: `clusters.default.deployments[0].cpu`:"
        + " `.nan` is not an amount of CPU: write cores or millicores, e.g. `0.5` or `500m`");
    refused("chaos:\n  PodChaos: {kill: 300%}\n", "w.yaml:2:20: `chaos.PodChaos.kill`: `300%` is"
        + " not a share between 0% and 100%");
    refused("http:\n  - {url: \"http://x/\", status: 999}\n", "w.yaml:2:32: `http[0].status`:"
        + " `999` is out of range: an HTTP status (100 to 599)");
    refused("shell:\n  x: {exit: 300}\n", "w.yaml:2:13: `shell.x.exit`: `300` is out of range:"
        + " an exit status (0 to 255)");
  }

  @Test
  void duplicatesAreRefused() {
    refused("seed: 1\nseed: 2\n", "w.yaml:2:1: duplicate key `seed` (first written at line 1)");
    refused("clusters:\n  default:\n    deployments:\n      - {name: api}\n      - {name: api}\n",
        "w.yaml:5:16: `clusters.default.deployments[1].name`: a second deployment `api` in"
            + " namespace `default` (the first is `clusters.default.deployments[0]`)");
  }

  @Test
  void yamlProblemsAreNamed() {
    refused("env: {A: &v hello, B: *v}\n", "w.yaml:1:23: the alias `*v` names no mapping or list"
        + " anchored `&v` before it (an alias of a single value is not read): write the value"
        + " out here");
    refused("shell:\n  a: {stdout: !!binary aGVsbG8=}\n", "w.yaml:2:15: a `!!binary` value is not"
        + " read here: write it as plain text");
    refused("env: " + "[".repeat(500) + "]".repeat(500) + "\n", "w.yaml:1:105: mappings and"
        + " lists are nested too deep: more than 100 levels");
  }

  @Test
  void aliasesOfMappingsAreResolvedAndMerged() {
    WorldSpec spec = WorldLoader.parse("""
        clusters:
          default:
            deployments:
              - &api {name: api, replicas: 3, recovery: 5s}
              - {<<: *api, name: web}
        """, "w.yaml");
    var deployments = spec.clusters().get("default").deployments();
    assertThat(deployments).extracting(WorldSpec.DeploymentSpec::name).containsExactly("api", "web");
    assertThat(deployments.get(1).replicas()).isEqualTo(3);
  }

  /** The old kill removed each victim from an ArrayList: the same pods, now in O(n log n). */
  @Test
  void randomPicksDrawAsRemovingFromAListDid() {
    long seed = new Random().nextLong();
    Random sizes = new Random(seed);
    for (int round = 0; round < 200; round++) {
      int n = sizes.nextInt(300);
      int count = sizes.nextInt(n + 5);
      List<Integer> items = IntStream.range(0, n).boxed().toList();
      long draw = sizes.nextLong();
      List<Integer> removing = new ArrayList<>(items);
      List<Integer> expected = new ArrayList<>();
      Random old = new Random(draw);
      for (int i = 0; i < count && !removing.isEmpty(); i++) {
        expected.add(removing.remove(old.nextInt(removing.size())));
      }
      assertThat(RandomPicks.pick(items, count, new Random(draw))).as("seed " + seed)
          .isEqualTo(expected);
    }
  }
}
