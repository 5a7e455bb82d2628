package dev.chaos.config;

import dev.chaos.spi.BackendRequest;
import dev.chaos.spi.Redactor;
import java.nio.file.Path;

/**
 * A real run, resolved once by the command line: the environment chosen from the config file
 * (its typed targets and secret references, checked against the runbook's class) and the
 * kubectl flags. The live backend reads nothing else. {@code redactor} learns every secret the
 * backend reads or is given, so the command can mask them in what it prints and writes.
 */
public record LiveRequest(Path runbookDirectory, EnvironmentConfig environment,
    KubectlFlags kubectl, Redactor redactor) implements BackendRequest {

  /** A request whose secrets are learned by a redactor that nothing reads. */
  public LiveRequest(Path runbookDirectory, EnvironmentConfig environment, KubectlFlags kubectl) {
    this(runbookDirectory, environment, kubectl, new Redactor());
  }
}
