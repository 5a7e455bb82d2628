package dev.chaos.drivers.redis;

/**
 * A Redis call that failed, with a one-line message naming the node or Sentinel it talked to
 * ("redis 127.0.0.1:16379: connection refused"): the interpreter shows the message as it is,
 * so it never carries a stack trace or the password.
 */
public final class RedisException extends Exception {
  private static final long serialVersionUID = 1L;

  RedisException(String target, String message) {
    super(target + ": " + message);
  }
}
