package dev.chaos.drivers.redis;

import dev.chaos.drivers.ClockWait;
import dev.chaos.drivers.FailureText;

import dev.chaos.spi.CallContext;
import dev.chaos.spi.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Runs the blocking Jedis work of one driver call on a worker thread while the calling thread
 * waits on the run's clock, so that a guard's interrupt stops the wait at once (Jedis would
 * only notice when its socket gave up) and the deadline bounds the whole call.
 */
final class RedisCall {
  /** Blocking work; {@code session} says which node it is talking to, for the message. */
  @FunctionalInterface
  interface Work<T> {
    T run(Session session) throws Exception;
  }

  /** The node the work talks to now, and the socket budget left for it. */
  static final class Session {
    private final AtomicReference<String> target;
    private final Instant deadline;
    private final Clock clock;
    private final AtomicReference<AutoCloseable> open = new AtomicReference<>();

    Session(String target, Instant deadline, Clock clock) {
      this.target = new AtomicReference<>(target);
      this.deadline = deadline;
      this.clock = clock;
    }

    void talkingTo(String target) {
      this.target.set(target);
    }

    /** Milliseconds left before the deadline, at least 1 (0 would mean "no timeout"). */
    int timeoutMillis() {
      long left = Duration.between(clock.now(), deadline).toMillis();
      return (int) Math.max(1, Math.min(Integer.MAX_VALUE, left));
    }

    /** Remembers the connection in use, so that an abandoned call can close it. */
    <C extends AutoCloseable> C track(C connection) {
      open.set(connection);
      return connection;
    }

    void abandon() {
      AutoCloseable connection = open.getAndSet(null);
      if (connection != null) {
        try {
          connection.close();
        } catch (Exception ignored) {
          // closing an abandoned connection: nothing else to do with it
        }
      }
    }
  }

  private RedisCall() {}

  static <T> T run(ExecutorService workers, CallContext context, String target, Work<T> work)
      throws RedisException, InterruptedException {
    Clock clock = context.clock();
    Instant deadline = context.deadline();
    Duration budget = ClockWait.remaining(clock, deadline);
    if (budget.isZero()) {
      throw new RedisException(target, FailureText.timedOut(Duration.ZERO));
    }
    Session session = new Session(target, deadline, clock);
    CompletableFuture<T> result = new CompletableFuture<>();
    workers.execute(() -> {
      try {
        result.complete(work.run(session));
      } catch (Throwable t) {
        result.completeExceptionally(t);
      } finally {
        clock.signal();
      }
    });
    if (!ClockWait.until(clock, deadline, result, session::abandon)) {
      throw new RedisException(session.target.get(), FailureText.timedOut(budget));
    }
    try {
      return result.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RedisException redis) {
        throw redis;
      }
      throw new RedisException(session.target.get(), describe(e.getCause(), budget));
    }
  }

  /** A one-line reason for a failure, without the exception's class or stack. */
  static String describe(Throwable failure, Duration budget) {
    String reason = FailureText.networkReason(failure, budget);
    if (reason != null) {
      return reason;
    }
    String message = failure.getMessage();
    if (failure instanceof JedisDataException && message != null) {
      return FailureText.oneLine(message); // the server's own error, such as "NOAUTH ..."
    }
    return message == null ? failure.getClass().getSimpleName() : FailureText.oneLine(message);
  }


}
