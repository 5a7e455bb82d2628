package dev.chaos.config;

import dev.chaos.spi.BackendRequest;
import java.nio.file.Path;

/**
 * A real run, resolved once by the command line: the environment chosen from the config file
 * (its typed targets and secret references, checked against the runbook's class) and the
 * kubectl flags. The live backend reads nothing else.
 */
public record LiveRequest(Path runbookDirectory, EnvironmentConfig environment,
    KubectlFlags kubectl) implements BackendRequest {}
