package dev.chaos.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaos.config.ChaosConfig;
import dev.chaos.config.EnvClass;
import dev.chaos.config.EnvironmentConfig;
import dev.chaos.config.HostPort;
import dev.chaos.config.K8sTarget;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The `chaos.yaml` that `scripts/lab up` writes loads with the real loader and points every
 * driver at the lab ({@code . target/lab/lab.env} first); skipped without a lab.
 */
@EnabledIfEnvironmentVariable(named = "LAB_PROM_URL", matches = ".+")
class LabConfigTest {
  private static final Path FILE = Path.of(System.getenv().getOrDefault("LAB_CHAOS_CONFIG",
      "target/lab/chaos.yaml"));

  @Test
  void bothEnvironmentsLoadAndPointAtTheLab() throws Exception {
    ChaosConfig config = ChaosConfig.load(FILE);

    assertThat(config.environments().keySet()).containsExactly("dev", "staging");
    assertThat(config.environment("dev").declaredClass()).isEqualTo(EnvClass.DEV);
    assertThat(config.environment("staging").declaredClass()).isEqualTo(EnvClass.STAGING);
    for (String name : List.of("dev", "staging")) {
      EnvironmentConfig environment = config.environment(name);
      assertThat(environment.requirePrometheus().url())
          .isEqualTo(URI.create(System.getenv("LAB_PROM_URL")));
      assertThat(environment.requireRedis().sentinels()).extracting(HostPort::toString)
          .containsExactly(System.getenv("LAB_REDIS_SENTINELS").split(","));
      assertThat(environment.requireRedis().master()).contains(System.getenv("LAB_REDIS_MASTER"));
      assertThat(environment.requirePostgres().url()).isEqualTo(System.getenv("LAB_PG_JDBC_URL"));
      assertThat(environment.requirePostgres().user()).isEqualTo("chaos");
      assertThat(environment.requireNotify().webhook())
          .isEqualTo(URI.create(System.getenv("LAB_WEBHOOK_URL")));
    }
  }

  @Test
  void theKubernetesSectionNamesTheLabContextOfTheWrittenKubeconfig() throws Exception {
    K8sTarget kubernetes = ChaosConfig.load(FILE).environment("staging").requireKubernetes();

    assertThat(kubernetes.context()).isEqualTo(Optional.of("lab"));
    assertThat(kubernetes.inCluster()).isFalse();
    Path kubeconfig = kubernetes.kubeconfig().orElseThrow();
    assertThat(kubeconfig).isEqualTo(Path.of(System.getenv("LAB_KUBECONFIG")));
    assertThat(Files.readString(kubeconfig))
        .contains("server: " + System.getenv("LAB_K8S_URL"), "name: lab", "name: backup-region");
    assertThat(kubernetes.clusters()).containsKey("backup-region");
  }
}
