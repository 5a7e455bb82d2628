package dev.chaos.spi;

import java.nio.file.Path;
import java.util.Map;

/**
 * Opens a {@link Backend}; found with {@link java.util.ServiceLoader} so that `chaos check`
 * never loads one. {@code name()} is "sandbox" for the embedded world, "live" for real
 * infrastructure.
 */
public interface BackendProvider {
  /**
   * The setting that names the directory of the runbook's .chaos file: `file()` paths are
   * relative to it (the current directory when absent).
   */
  String RUNBOOK_DIR = "runbook_dir";

  /** Live runs: the environment of the config file to run against (required). */
  String ENVIRONMENT = "environment";

  /** Live runs: kubectl's `--context` and `--kubeconfig`, when given. */
  String CONTEXT = "context";

  String KUBECONFIG = "kubeconfig";

  String name();

  /**
   * {@code file} is the world file (sandbox) or the config file (live), null for the default;
   * {@code settings} holds the remaining command-line choices (environment, context, ...).
   */
  Backend open(Path file, Map<String, String> settings) throws Exception;
}
