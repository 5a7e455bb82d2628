package dev.chaos.drivers.prometheus;

/**
 * A Prometheus call that failed, with a one-line message naming the server
 * ("prometheus http://127.0.0.1:19090: connection refused"): the interpreter shows the message
 * as it is, so it never carries a stack trace or the bearer token.
 */
public final class PrometheusException extends Exception {
  private static final long serialVersionUID = 1L;

  PrometheusException(String target, String message) {
    super("prometheus " + target + ": " + message);
  }
}
