package dev.chaos.spi;

import java.util.Map;

/**
 * Binds a driver's builtins, by qualified name, into {@code into}. Live backends run it on the
 * driver's first call (a run that never calls Redis needs neither its address nor its
 * password); it returns what to close when the run ends, or null.
 */
@FunctionalInterface
public interface DriverBinder {
  AutoCloseable bind(Map<String, BuiltinImpl> into) throws Exception;
}
