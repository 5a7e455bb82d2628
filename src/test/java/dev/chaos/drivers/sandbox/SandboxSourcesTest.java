package dev.chaos.drivers.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chaos.types.Value;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** What `env` and `secret` answer in a rehearsal: the world file first, never a real secret. */
class SandboxSourcesTest {
  private static final String WORLD = """
      env: {CHAOS_TARGET_NS: shop, PATH: /world/bin}
      secrets: {webhook-token: from-the-world}
      """;

  private final SandboxBackend backend = new SandboxBackend(
      WorldLoader.create(WorldLoader.parse(WORLD, "test world")), Path.of(""));
  private final TestCallContext c = TestCallContext.of(backend);

  @Test
  void envReadsTheWorldFileBeforeTheProcess() throws Exception {
    assertThat(c.call("env", "name", Value.str("CHAOS_TARGET_NS"))).isEqualTo(Value.str("shop"));
    assertThat(c.call("env", "name", Value.str("PATH"))).isEqualTo(Value.str("/world/bin"));
    String home = System.getenv("HOME");
    if (home != null) {
      assertThat(c.call("env", "name", Value.str("HOME"))).isEqualTo(Value.str(home));
    }
  }

  @Test
  void anUnsetVariableSaysWhereItWasLookedFor() {
    assertThatThrownBy(() -> c.call("env", "name", Value.str("CHAOS_SURELY_UNSET_17")))
        .hasMessage("environment variable `CHAOS_SURELY_UNSET_17` is not set in the sandbox"
            + " world's `env:` or the environment of this process; pass `default:` to do"
            + " without it");
  }

  @Test
  void secretsComeFromTheWorldFileElseArePlaceholders() throws Exception {
    assertThat(c.call("secret", "name", Value.str("webhook-token")))
        .isEqualTo(new Value.Secret("from-the-world"));
    assertThat(c.call("secret", "name", Value.str("HOME")))
        .as("never the machine's environment").isEqualTo(new Value.Secret("sandbox-secret-HOME"));
  }

  @Test
  void theDefaultWorldHasNoEnvironmentAndNoSecrets() {
    WorldSpec spec = WorldLoader.loadDefault();
    assertThat(spec.env()).isEmpty();
    assertThat(spec.secrets()).isEmpty();
  }

  @Test
  void envAndSecretsMustBeMappingsOfStrings() {
    assertThatThrownBy(() -> WorldLoader.parse("env: [A, B]\n", "w.yaml"))
        .isInstanceOf(WorldFileException.class).hasMessageContaining("env");
  }
}
