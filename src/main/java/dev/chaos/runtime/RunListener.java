package dev.chaos.runtime;

/**
 * Receives the events of a run as they happen: the journal, the console, tests. Called from the
 * thread that runs the steps and from the probe threads, so implementations must be thread-safe,
 * quick, and must never wait on the run's clock.
 */
@FunctionalInterface
public interface RunListener {
  void on(RunEvent event);

  /** A listener that passes each event to every one of {@code listeners}, in order. */
  static RunListener all(java.util.List<RunListener> listeners) {
    java.util.List<RunListener> copy = java.util.List.copyOf(listeners);
    return event -> copy.forEach(l -> l.on(event));
  }
}
