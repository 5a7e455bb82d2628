package dev.chaos.drivers;

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

/**
 * One HTTP exchange within a deadline on the run's clock. It runs on OkHttp's threads
 * ({@code enqueue}) while the calling thread waits on the clock, so a guard interrupting the
 * calling thread cancels it at once: a blocking {@code execute()} would not notice the interrupt
 * until the socket gave up. Shared by the `prometheus`, `http` and `notify` drivers.
 */
public final class OkHttpDeadline {
  private OkHttpDeadline() {}

  /** Reads what the drivers need of a response, on OkHttp's thread, before it is closed. */
  @FunctionalInterface
  public interface Reader<T> {
    T read(Response response) throws IOException;
  }

  /** An exchange that got no reply; the message is a one-line reason, without the target. */
  public static final class Failed extends Exception {
    Failed(String reason) {
      super(reason, null, false, false);
    }
  }

  /**
   * What {@code reader} made of the reply to {@code request}, or {@link Failed} with the reason:
   * "connection refused", "timed out after 2s", "tls error: ...".
   *
   * @throws InterruptedException when the calling thread is interrupted; the call is cancelled
   */
  public static <T> T exchange(OkHttpClient client, Request request, Clock clock,
      Instant deadline, Reader<T> reader) throws Failed, InterruptedException {
    Duration budget = ClockWait.remaining(clock, deadline);
    if (budget.isZero()) {
      // OkHttp reads a zero timeout as "none": a call out of time must not even start
      throw new Failed(FailureText.timedOut(Duration.ZERO));
    }
    Call call = client.newCall(request);
    call.timeout().timeout(budget.toNanos(), TimeUnit.NANOSECONDS);
    CompletableFuture<T> reply = new CompletableFuture<>();
    call.enqueue(new Callback() {
      @Override
      public void onResponse(Call c, Response response) {
        try (response) {
          reply.complete(reader.read(response));
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
      throw new Failed(FailureText.timedOut(budget));
    }
    try {
      return reply.get();
    } catch (ExecutionException e) {
      throw new Failed(describe(e.getCause(), budget));
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
      return FailureText.timedOut(budget);
    }
    String message = failure.getMessage();
    if (message != null && message.startsWith("unexpected end of stream")) {
      return "the server closed the connection without an answer";
    }
    if (message != null && message.startsWith("Connection reset")) {
      return "connection reset by the server";
    }
    return "i/o error: " + (message == null ? failure.getClass().getSimpleName()
        : FailureText.oneLine(message));
  }
}
