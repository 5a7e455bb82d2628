package dev.chaos.spi;

/**
 * TEMPORARY skeleton from the `cli` branch with the agreed signature, so `chaos docs` compiles
 * before the real generator lands. The `drivers` branch owns this file: on merge, take its version.
 */
public final class DriverDocs {
  private DriverDocs() {}

  /** docs/drivers.md as Markdown: one section per driver, one entry per function. */
  public static String render(DriverRegistry registry) {
    StringBuilder md = new StringBuilder("# Drivers\n");
    for (Driver driver : registry.drivers()) {
      String name = driver.namespace().isEmpty() ? "core" : driver.namespace();
      md.append("\n## ").append(name).append("\n\n").append(driver.doc()).append("\n\n");
      for (Builtin b : driver.builtins()) {
        md.append("- `").append(b.qualifiedName()).append("`: ").append(b.doc()).append('\n');
      }
    }
    return md.toString();
  }
}
