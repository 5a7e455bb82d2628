package dev.chaos.drivers.postgres;

/**
 * A PostgreSQL call that failed, with a one-line message naming the server
 * ("postgres 127.0.0.1:15432/chaos: connection refused"): the interpreter shows the message as
 * it is, so it never carries a stack trace or the password.
 */
public final class PgException extends Exception {
  private static final long serialVersionUID = 1L;

  PgException(String target, String message) {
    super("postgres " + target + ": " + message);
  }
}
