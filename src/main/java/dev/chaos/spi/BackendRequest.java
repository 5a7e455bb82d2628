package dev.chaos.spi;

import java.nio.file.Path;

/**
 * What a {@link BackendProvider} opens, resolved by the command line before anything runs: the
 * sandbox's world ({@link SandboxRequest}), or one environment of the config file, parsed once
 * (the config layer's live request). Every backend needs the runbook's directory.
 */
public interface BackendRequest {
  /** Where the runbook's .chaos file is: `file()` and `shell.run` paths are relative to it. */
  Path runbookDirectory();
}
