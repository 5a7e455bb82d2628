package dev.chaos.drivers.shell;

import dev.chaos.spi.DriverBinder;
import dev.chaos.spi.LiveBinding;
import dev.chaos.spi.LiveSetup;
import java.util.Optional;

/** `shell` runs programs in the runbook's directory, where its relative paths point. */
public final class ShellLive implements LiveBinding {
  @Override
  public Optional<String> section() {
    return Optional.empty();
  }

  @Override
  public DriverBinder prepare(LiveSetup setup) {
    return into -> {
      LiveShellBindings.bind(setup.runbookDirectory(), into);
      return null;
    };
  }
}
