package dev.chaos.spi;

import java.util.Optional;

/**
 * How a driver runs against real systems. Loaded only by a live run: its class may use client
 * libraries, the {@link Driver} that returns it may not.
 */
public interface LiveBinding {
  /** The key of its section in an environment of `chaos.yaml` (`redis`), if it reads one. */
  Optional<String> section();

  /**
   * Reads its section now, so that a mistake stops the run before anything is touched, and
   * shares what other drivers may use; connects nothing. The binder runs on the first call.
   */
  DriverBinder prepare(LiveSetup setup) throws Exception;
}
