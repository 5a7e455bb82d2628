package dev.chaos.runtime;

import dev.chaos.source.Span;

/**
 * Why running a piece of a runbook stopped short. An {@link ExpectationFailed} is a condition that
 * did not hold (a probe's `false`); a {@link RunFault} is an error (a probe's `error`): a driver
 * that failed, a conversion out of `Json` that did not fit, an index out of range.
 */
public abstract sealed class Failure extends RuntimeException
    permits ExpectationFailed, RunFault {
  private final transient Span span;

  Failure(Span span, String message, Throwable cause) {
    super(message, cause, false, false);
    this.span = span;
  }

  /** Where in the source it happened; null for failures of the run machinery itself. */
  public Span span() {
    return span;
  }

  /** `runbooks/x.chaos:12:5`, or empty without a span. */
  public String where() {
    return span == null ? "" : span.toString();
  }
}
