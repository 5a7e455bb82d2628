package dev.chaos.drivers.prometheus;

import dev.chaos.drivers.OkHttpDeadline;
import dev.chaos.spi.CallContext;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.ResponseBody;

/**
 * One Prometheus HTTP exchange within the deadline of a driver call ({@link OkHttpDeadline}),
 * its failures as {@link PrometheusException}s naming the server.
 */
final class DeadlineCall {
  private DeadlineCall() {}

  /**
   * The reply to {@code request}, or an exception naming {@code target}: an I/O failure becomes
   * a {@link PrometheusException}, the deadline passing one that says "timed out after 2s".
   *
   * @throws InterruptedException when the calling thread is interrupted; the call is cancelled
   */
  static HttpReply exchange(OkHttpClient client, Request request, CallContext context,
      String target) throws PrometheusException, InterruptedException {
    try {
      return OkHttpDeadline.exchange(client, request, context.clock(), context.deadline(),
          response -> {
            try (ResponseBody body = response.body()) {
              return new HttpReply(response.code(), body.string());
            }
          });
    } catch (OkHttpDeadline.Failed e) {
      throw new PrometheusException(target, e.getMessage());
    }
  }
}
