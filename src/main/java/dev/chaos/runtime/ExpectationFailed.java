package dev.chaos.runtime;

import dev.chaos.source.Span;

/** A false `expect`, a `fail`, or a `wait until` whose deadline passed. */
public final class ExpectationFailed extends Failure {
  public ExpectationFailed(Span span, String message) {
    super(span, message, null);
  }
}
