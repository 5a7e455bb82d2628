package dev.chaos.drivers.sandbox;

import dev.chaos.drivers.core.CoreSources;
import java.nio.file.Path;

/**
 * Where `env`, `secret` and `file` look in a rehearsal. `env` reads the world file's `env:`
 * first and then the environment of this process, so that a runbook rehearses with the same
 * settings it would run with; a world file that lists every variable makes the rehearsal
 * independent of the machine. `secret` never reads a real secret: it answers from the world
 * file's `secrets:`, else with a placeholder, because a rehearsal talks to nothing that could
 * check one. `file` reads the real file beside the runbook, as a live run does.
 */
final class SandboxSources implements CoreSources {
  /** What `secret(name)` holds when the world file does not list the name. */
  static final String PLACEHOLDER_PREFIX = "sandbox-secret-";

  private final WorldSpec spec;
  private final Path baseDirectory;

  SandboxSources(WorldSpec spec, Path baseDirectory) {
    this.spec = spec;
    this.baseDirectory = baseDirectory;
  }

  @Override
  public String env(String name) {
    String value = spec.env().get(name);
    return value != null ? value : System.getenv(name);
  }

  @Override
  public String whereEnvironmentComesFrom() {
    return "the sandbox world's `env:` or the environment of this process";
  }

  @Override
  public String secret(String name) {
    String value = spec.secrets().get(name);
    return value != null ? value : PLACEHOLDER_PREFIX + name;
  }

  @Override
  public Path baseDirectory() {
    return baseDirectory;
  }
}
