package dev.chaos.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Keeps the complete example of docs/configuration.md valid. */
class ConfigurationDocTest {
  @Test
  void theDocumentedExampleIsValid() throws Exception {
    String doc = Files.readString(Path.of("docs/configuration.md"));
    int start = doc.indexOf("```yaml\n") + "```yaml\n".length();
    String example = doc.substring(start, doc.indexOf("```", start));
    ChaosConfig config = ChaosConfig.parse(Path.of("/etc/chaos/chaos.yaml"), example, Path.of("/root"));
    assertEquals(List.of("staging", "prod"), List.copyOf(config.environments().keySet()));
    assertEquals(3, config.environment("staging").requireRedis().sentinels().size());
    assertEquals(EnvClass.PROD, config.environment("prod").declaredClass());
  }
}
