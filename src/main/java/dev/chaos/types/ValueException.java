package dev.chaos.types;

/**
 * A run-time fault of a value operation: a failed conversion out of `Json`, a division by zero,
 * an index out of range. The message is lowercase and names the values involved; the
 * interpreter adds the span and the step.
 */
public final class ValueException extends RuntimeException {
  public ValueException(String message) {
    super(message);
  }
}
