package dev.chaos.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C (SIGINT) and SIGTERM during `chaos exec`: instead of the JVM's default (exit at once,
 * leaving the world disrupted), each signal tells the run to stop, so that undo runs and the run
 * exits 130. A shutdown hook could not do that: it runs while the JVM is already exiting. The
 * previous handlers come back on {@link #close()}.
 */
final class Signals implements AutoCloseable {
  private final List<Signal> signals = new ArrayList<>();
  private final List<SignalHandler> previous = new ArrayList<>();

  private Signals() {}

  /** Calls {@code onSignal} with "SIGINT" or "SIGTERM"; a platform without one is skipped. */
  static Signals install(Consumer<String> onSignal) {
    Signals installed = new Signals();
    for (String name : List.of("INT", "TERM")) {
      try {
        Signal signal = new Signal(name);
        SignalHandler old = Signal.handle(signal, s -> onSignal.accept("SIG" + s.getName()));
        installed.signals.add(signal);
        installed.previous.add(old);
      } catch (IllegalArgumentException | UnsupportedOperationException unavailable) {
        // not on this platform, or the JVM keeps it (-Xrs): the default stays
      }
    }
    return installed;
  }

  @Override
  public void close() {
    for (int i = 0; i < signals.size(); i++) {
      Signal.handle(signals.get(i), previous.get(i));
    }
  }
}
