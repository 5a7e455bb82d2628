package dev.chaos.runtime;

import dev.chaos.source.Span;

/**
 * A run-time error at a place in the source: a failed driver call, a value fault (division by
 * zero, an index out of range, a `Json` value that does not convert), a name whose binding never
 * ran. The message is lowercase and names the values involved.
 */
public final class RunFault extends Failure {
  public RunFault(Span span, String message) {
    super(span, message, null);
  }

  public RunFault(Span span, String message, Throwable cause) {
    super(span, message, cause);
  }
}
