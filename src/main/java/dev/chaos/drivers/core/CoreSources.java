package dev.chaos.drivers.core;

import java.nio.file.Path;

/**
 * Where the core functions `env`, `secret` and `file` look: the machine for a live run, the
 * world file (then placeholders) for a sandbox rehearsal. Everything else the core functions
 * do is the same in both.
 */
public interface CoreSources {
  /** The value of an environment variable, or null when it is unset. */
  String env(String name);

  /** Where {@link #env} looked, for the message of an unset variable. */
  default String whereEnvironmentComesFrom() {
    return "the environment of this process";
  }

  /**
   * The text of a secret; a secret that cannot be found is an exception whose message names it
   * and says where it was looked for, never what it holds.
   */
  String secret(String name) throws Exception;

  /** The directory `file()` paths are relative to: the runbook's. */
  Path baseDirectory();

  /**
   * The process running `chaos exec`: its environment variables, and secrets from an
   * environment variable of the secret's name or from the file that `NAME_FILE` names (the
   * convention of container secrets).
   */
  static CoreSources process(Path baseDirectory) {
    return new ProcessSources(baseDirectory);
  }
}
