package dev.chaos.drivers.http;

import dev.chaos.drivers.ClockWait;
import dev.chaos.drivers.OkHttpDeadline;
import dev.chaos.spi.CallContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.ResponseBody;

/**
 * One HTTP exchange within a driver call: bounded by the call's deadline or an earlier
 * timeout, cancelled at once when the calling thread is interrupted (a guard tripped), its body
 * read up to a limit. The exchange runs on OkHttp's threads ({@code enqueue}) while the calling
 * thread waits on the run's clock: a blocking {@code execute()} would not notice an interrupt
 * until the socket gave up.
 */
public final class DeadlineExchange {
  /** What a body read keeps: enough for any health or admin answer, bounded against a stream. */
  public static final int BODY_LIMIT = 1024 * 1024;

  /**
   * What the server answered. {@code latency} runs from sending the request to reading the
   * last byte of the body kept; {@code bodyBytes} is the whole body's length when the server
   * declared it, else -1.
   */
  public record Reply(int status, Duration latency, String body, boolean truncated,
      long bodyBytes) {}

  private DeadlineExchange() {}

  /**
   * The reply to {@code request}, any status included; an exchange that gets no reply fails
   * with an {@link HttpException} naming {@code target}: "connection refused", "timed out after
   * 2s", "tls error: ...".
   *
   * @param timeout the time allowed for the exchange, or null for the call's deadline alone
   * @param bodyLimit the bytes of the body kept; the rest is not read
   * @throws InterruptedException when the calling thread is interrupted; the call is cancelled
   */
  public static Reply exchange(OkHttpClient client, Request request, CallContext context,
      Duration timeout, String target, int bodyLimit)
      throws HttpException, InterruptedException {
    long sent = System.nanoTime();
    try {
      return OkHttpDeadline.exchange(client, request, context.clock(),
          ClockWait.deadline(context, timeout), response -> {
        try (ResponseBody body = response.body()) {
          return read(response.code(), body, sent, bodyLimit);
        }
      });
    } catch (OkHttpDeadline.Failed e) {
      throw new HttpException(target, e.getMessage());
    }
  }

  private static Reply read(int status, ResponseBody body, long sent, int limit)
      throws IOException {
    long declared = body.contentLength();
    byte[] bytes;
    try (InputStream in = body.byteStream()) {
      bytes = in.readNBytes(limit + 1);
    }
    Duration latency = Duration.ofNanos(System.nanoTime() - sent);
    boolean truncated = bytes.length > limit;
    MediaType type = body.contentType();
    // a cut may split a character: decoding replaces the broken tail rather than failing
    String text = new String(bytes, 0, Math.min(bytes.length, limit),
        type == null ? StandardCharsets.UTF_8 : type.charset(StandardCharsets.UTF_8));
    return new Reply(status, latency, text, truncated, declared);
  }
}
