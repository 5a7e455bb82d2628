package dev.chaos.drivers.sandbox;

import dev.chaos.spi.CallContext;
import dev.chaos.types.ValueFormat;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeoutException;

/** The time a sandbox call takes to be answered, spent on the world's clock. */
final class AnswerTime {
  private AnswerTime() {}

  /**
   * Spends {@code took} of the context's clock, as a call that waits for an answer does; a
   * call whose answer takes longer than {@code timeout} (null: no timeout) fails when the
   * timeout passes, and one cut short by the call's deadline fails then.
   */
  static void take(CallContext context, Duration took, Duration timeout, String what)
      throws InterruptedException, TimeoutException {
    boolean timesOut = timeout != null && took.compareTo(timeout) > 0;
    Instant answered = context.clock().now().plus(timesOut ? timeout : took);
    if (answered.isAfter(context.deadline())) {
      context.clock().sleepUntil(context.deadline());
      throw new TimeoutException(what + ": no answer before the call's deadline");
    }
    context.clock().sleepUntil(answered);
    if (timesOut) {
      throw new TimeoutException(what + " timed out after " + ValueFormat.duration(timeout));
    }
  }
}
