package dev.chaos.drivers.http;

/**
 * An HTTP exchange that got no answer (refused, reset, timed out, TLS), or a webhook that
 * refused a message, with a one-line message naming the server by scheme, host and port only:
 * paths and query strings may hold tokens, so they are never part of a message.
 */
public final class HttpException extends Exception {
  private static final long serialVersionUID = 1L;

  public HttpException(String target, String reason) {
    super(target + ": " + reason);
  }
}
