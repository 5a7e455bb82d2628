package dev.chaos.drivers.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chaos.drivers.sandbox.WorldSpec.DeploymentSpec;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The world file takes each kind of value in the one form of dev.chaos.units. */
class WorldQuantitiesTest {
  private static DeploymentSpec deployment(String fields) {
    return WorldLoader.parse("clusters: {default: {deployments: [{name: api, " + fields + "}]}}",
        "w.yaml").clusters().get("default").deployments().get(0);
  }

  @Test
  void cpuAndMemoryAreWrittenAsKubernetesWritesThem() {
    DeploymentSpec d = deployment("cpu: 250m, cpu_request: 0.5, memory: 256Mi");
    assertThat(d.cpu()).isEqualTo(0.25);
    assertThat(d.cpuRequest()).isEqualTo(0.5);
    assertThat(d.memory()).isEqualTo(256L << 20);
    assertThatThrownBy(() -> deployment("cpu: 1 core"))
        .hasMessage("w.yaml:1:53: `clusters.default.deployments[0].cpu`: `1 core` is not an"
            + " amount of CPU: write cores or millicores, e.g. `0.5` or `500m`");
    assertThatThrownBy(() -> deployment("memory: 256MB"))
        .hasMessageStartingWith("w.yaml:1:")
        .hasMessageContaining(": `clusters.default.deployments[0].memory`: `256MB` is not an"
            + " amount of memory");
  }

  @Test
  void aDurationKeyTakesNoBareNumberButASecondsSeriesDoes() {
    assertThatThrownBy(() -> deployment("recovery: 10"))
        .hasMessageStartingWith("w.yaml:1:")
        .hasMessageEndingWith(": `clusters.default.deployments[0].recovery`: `10` is not a"
            + " duration: write its unit (ms, s, m, h or d), e.g. `10s`");
    WorldSpec spec = WorldLoader.parse("""
        series:
          lag: {unit: seconds, before: 0.18, during: 250ms}
        faults:
          - {series: lag, add: +1m30s, from: chaos+10s, until: t+2m}
        """, "w.yaml");
    assertThat(spec.series().get("lag").before()).isEqualTo(0.18);
    assertThat(spec.series().get("lag").during()).isEqualTo(0.25);
    WorldSpec.FaultSpec fault = spec.faults().get(0);
    assertThat(fault.add()).isEqualTo(90.0);
    assertThat(fault.from()).isEqualTo(new WorldSpec.When(true, Duration.ofSeconds(10)));
    assertThat(fault.until()).isEqualTo(new WorldSpec.When(false, Duration.ofMinutes(2)));
  }
}
