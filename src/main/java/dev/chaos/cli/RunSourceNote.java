package dev.chaos.cli;

import dev.chaos.runtime.RunEvent;
import dev.chaos.runtime.RunListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Writes, right after a run's `run_started`, where the run came from (`run_source`): what `chaos
 * recover` needs to find the runbook again, know it unchanged, reconnect to the same
 * environment, and tell whether the runner is still alive.
 */
final class RunSourceNote {
  private RunSourceNote() {}

  /** {@code into} with `run_source` added after `run_started`. */
  static RunListener around(RunListener into, Path file, String backend, Path config,
      String environment) {
    String path = file.toAbsolutePath().normalize().toString();
    String hash = sha256(file);
    String configPath = config == null ? null : config.toAbsolutePath().normalize().toString();
    return event -> {
      into.on(event);
      if (event instanceof RunEvent.RunStarted started) {
        into.on(new RunEvent.RunSource(started.time(), path, hash, backend, configPath,
            environment, dev.chaos.runtime.HostName.local(), ProcessHandle.current().pid()));
      }
    };
  }

  /** The SHA-256 of a file's bytes, hex; null when it cannot be read. */
  static String sha256(Path file) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(Files.readAllBytes(file)));
    } catch (IOException | NoSuchAlgorithmException e) {
      return null;
    }
  }
}
