package dev.chaos.runtime;

import dev.chaos.types.Value;

/**
 * One evaluation of a probe: its outcome, what it saw (`0.4% < 5%`, or an observed value), and
 * for `false` and `error` the message. {@code value} is the observed value of an `observe`.
 */
record Sample(ProbeOutcome outcome, String detail, String message, Value value) {
  static Sample of(Value observed) {
    return new Sample(ProbeOutcome.TRUE, Shown.brief(observed), null, observed);
  }

  static Sample held(String detail) {
    return new Sample(ProbeOutcome.TRUE, detail, null, null);
  }

  static Sample failed(Failure f, String detail) {
    if (f instanceof ExpectationFailed) {
      return new Sample(ProbeOutcome.FALSE, detail, f.getMessage(), null);
    }
    // an error says where it happened; a false expect already shows its condition
    String at = f.span() == null ? "" : " at " + f.where();
    return new Sample(ProbeOutcome.ERROR, detail, f.getMessage() + at, null);
  }
}
