package dev.chaos.drivers.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The live sources: the process's own environment. */
class ProcessSourcesTest {
  private final CoreSources sources = CoreSources.process(Path.of("/runbooks"));

  @Test
  void envIsTheProcessEnvironment() {
    String path = System.getenv("PATH");
    assertThat(sources.env("PATH")).isEqualTo(path);
    assertThat(sources.env("CHAOS_SURELY_UNSET_42")).isNull();
    assertThat(sources.baseDirectory()).isEqualTo(Path.of("/runbooks"));
  }

  @Test
  void aMissingSecretSaysWhereToPutIt() {
    assertThatThrownBy(() -> sources.secret("CHAOS_SURELY_UNSET_42"))
        .hasMessage("secret `CHAOS_SURELY_UNSET_42` not found: set the environment variable"
            + " CHAOS_SURELY_UNSET_42, or CHAOS_SURELY_UNSET_42_FILE to a file holding it");
  }
}
