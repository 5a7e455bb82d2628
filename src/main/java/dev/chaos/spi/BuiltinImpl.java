package dev.chaos.spi;

import dev.chaos.types.Value;

/**
 * The implementation of one builtin. Failures are exceptions with a one-line message that names
 * the target ("redis 127.0.0.1:6390: connection refused"); the interpreter turns them into a
 * failed step or an `error` probe outcome. {@link InterruptedException} means a guard tripped or
 * the run was cancelled: give up at once.
 */
@FunctionalInterface
public interface BuiltinImpl {
  Value call(CallArgs args, CallContext context) throws Exception;
}
