package dev.chaos.spi;

import dev.chaos.spi.yaml.YamlSection;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What a backend gives a driver plug-in while it prepares: its own section of the file the
 * backend read (an environment of `chaos.yaml`, or the world file), and services that drivers
 * share with each other by type (the Kubernetes clients that `k8s` and `argo` both use).
 */
public interface DriverSetup {
  /** Where the runbook's .chaos file is; its relative paths point from there. */
  Path runbookDirectory();

  /** The driver's own section, with where it was written; empty when the file has none. */
  Optional<YamlSection.Field> section();

  /**
   * Offers {@code type} to every driver of the run, opened by {@code opener} on the first ask
   * and closed (when {@link AutoCloseable}) after every driver. Two offers of one type are an
   * error.
   */
  <T> void share(Class<T> type, Opener<T> opener);

  /** The service of {@code type} a driver (or the backend) shares; an error naming it if none. */
  <T> T service(Class<T> type) throws Exception;

  /** Opens a shared service. */
  @FunctionalInterface
  interface Opener<T> {
    T open() throws Exception;
  }
}
