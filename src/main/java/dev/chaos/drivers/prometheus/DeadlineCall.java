package dev.chaos.drivers.prometheus;

import dev.chaos.drivers.ClockWait;
import dev.chaos.drivers.FailureText;

import dev.chaos.spi.CallContext;
import dev.chaos.spi.Clock;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Runs one HTTP exchange within the deadline of a driver call. The exchange runs on OkHttp's
 * threads ({@code enqueue}) while the calling thread waits on the run's clock, so that a guard
 * interrupting the calling thread cancels the call at once: a blocking {@code execute()} would
 * not notice the interrupt until the socket gave up.
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
    if (Thread.interrupted()) {
      throw new InterruptedException();
    }
    Clock clock = context.clock();
    Instant deadline = context.deadline();
    Duration budget = Duration.between(clock.now(), deadline);
    if (budget.isNegative() || budget.isZero()) {
      // OkHttp reads a zero timeout as "none": a call out of time must not even start
      throw new PrometheusException(target, "timed out after " + FailureText.budget(Duration.ZERO));
    }
    Call call = client.newCall(request);
    call.timeout().timeout(budget.toNanos(), TimeUnit.NANOSECONDS);
    CompletableFuture<HttpReply> reply = new CompletableFuture<>();
    call.enqueue(new Callback() {
      @Override
      public void onResponse(Call c, Response response) {
        try (response; ResponseBody body = response.body()) {
          reply.complete(new HttpReply(response.code(), body.string()));
        } catch (IOException | RuntimeException e) {
          reply.completeExceptionally(e);
        } finally {
          clock.signal();
        }
      }

      @Override
      public void onFailure(Call c, IOException e) {
        reply.completeExceptionally(e);
        clock.signal();
      }
    });
    if (!ClockWait.until(clock, deadline, reply, call::cancel)) {
      throw new PrometheusException(target, "timed out after " + FailureText.budget(budget));
    }
    try {
      return reply.get();
    } catch (ExecutionException e) {
      throw new PrometheusException(target, describe(e.getCause(), budget));
    }
  }

  /** A one-line reason for an I/O failure, without the exception's class or stack. */
  static String describe(Throwable failure, Duration budget) {
    String reason = FailureText.networkReason(failure, budget);
    if (reason != null) {
      return reason;
    }
    if (failure instanceof InterruptedIOException) {
      // OkHttp's call timeout and a socket timeout alike: the deadline was what bounded both
      return "timed out after " + FailureText.budget(budget);
    }
    String message = failure.getMessage();
    return "i/o error: " + (message == null ? failure.getClass().getSimpleName()
        : FailureText.oneLine(message));
  }


}
