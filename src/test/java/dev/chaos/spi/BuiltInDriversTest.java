package dev.chaos.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The launcher's built-in drivers (no class path scan) are the drivers {@link
 * java.util.ServiceLoader} finds on a class path without plug-ins, in the same classes.
 */
class BuiltInDriversTest {
  @Test
  void theBuiltInDriversAreThoseTheServiceLoaderFinds() {
    List<String> builtIn = classes(DriverRegistry.builtIn());
    assertThat(builtIn).hasSizeGreaterThanOrEqualTo(9).contains(
        "dev.chaos.drivers.k8s.K8sDriver", "dev.chaos.drivers.core.CoreDriver");
    assertThat(builtIn).isEqualTo(classes(DriverRegistry.load()));
  }

  private static List<String> classes(DriverRegistry registry) {
    return registry.drivers().stream().map(d -> d.getClass().getName()).toList();
  }
}
