package dev.chaos.lab;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/**
 * How the demo calls PostgreSQL, as the gateway of docs/lab.md does: a connection per call
 * (so a server with no slot left refuses the demo at once), a refused connection retried
 * {@link #BACKOFF}.size() more times after those pauses, each retry counted, and every call
 * through the {@link DbBreaker}: while it is open a call fails at once, with no connection
 * attempt and no retry. The half-open trial is a single attempt: a probe, not a burst. At most
 * {@link #MAX_CONCURRENT} calls at a time (a bulkhead): a slow server cannot take every worker
 * thread, so cache reads and /health keep answering; a call beyond them fails at once.
 */
final class DemoDatabase {
  static final List<Duration> BACKOFF = List.of(Duration.ofMillis(100), Duration.ofMillis(200));
  static final String CIRCUIT_OPEN = "database unavailable (circuit open), retry later";
  static final String BUSY = "database busy (too many calls waiting), retry later";
  static final int MAX_CONCURRENT = 12;

  /** Opens one connection to the server. */
  interface Connector {
    Connection connect() throws SQLException;
  }

  /** What a call does with its connection. */
  interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  /** Waits between attempts (Thread.sleep in the demo, recorded in tests). */
  interface Pause {
    void pause(Duration duration) throws InterruptedException;
  }

  /** The database could not serve the call; the message is what a user may be told. */
  static final class Unavailable extends Exception {
    Unavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final Connector connector;
  private final DbBreaker breaker;
  private final Pause pause;
  private final Runnable onRetry;
  private final java.util.concurrent.Semaphore inFlight =
      new java.util.concurrent.Semaphore(MAX_CONCURRENT);

  DemoDatabase(Connector connector, DbBreaker breaker, Pause pause, Runnable onRetry) {
    this.connector = connector;
    this.breaker = breaker;
    this.pause = pause;
    this.onRetry = onRetry;
  }

  boolean circuitOpen() {
    return breaker.open();
  }

  <T> T call(Work<T> work) throws Unavailable {
    if (!inFlight.tryAcquire()) {
      throw new Unavailable(BUSY, null);
    }
    try {
      return admitted(work);
    } finally {
      inFlight.release();
    }
  }

  private <T> T admitted(Work<T> work) throws Unavailable {
    DbBreaker.Admission admission = breaker.admit();
    if (admission == DbBreaker.Admission.REJECTED) {
      throw new Unavailable(CIRCUIT_OPEN, null);
    }
    int retries = admission == DbBreaker.Admission.TRIAL ? 0 : BACKOFF.size();
    for (int attempt = 0; ; attempt++) {
      Connection connection;
      try {
        connection = connector.connect();
      } catch (SQLException refused) {
        // retry only what a retry can cure (no slot, server starting, connection lost), and
        // not once the breaker has opened meanwhile: then the server has enough callers
        if (attempt < retries && retriable(refused) && !breaker.open()) {
          onRetry.run();
          if (pauseBefore(attempt, refused)) {
            continue;
          }
        }
        breaker.failed(admission);
        throw new Unavailable("database unavailable (" + reason(refused) + "), retry later", refused);
      }
      T result;
      try {
        result = work.run(connection);
      } catch (SQLException failed) {
        breaker.failed(admission);
        throw new Unavailable("database unavailable (" + reason(failed) + "), retry later", failed);
      } finally {
        closeQuietly(connection);
      }
      breaker.succeeded(admission);
      return result;
    }
  }

  private static void closeQuietly(Connection connection) {
    try {
      connection.close();
    } catch (SQLException e) {
      // the answer is already read; a failed close changes nothing for the caller
    }
  }

  private boolean pauseBefore(int attempt, SQLException refused) {
    try {
      pause.pause(BACKOFF.get(attempt));
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** too_many_connections, cannot_connect_now, and the connection exceptions (class 08). */
  static boolean retriable(SQLException e) {
    String state = e.getSQLState();
    return state != null && (state.equals("53300") || state.equals("57P03") || state.startsWith("08"));
  }

  private static String reason(SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    if (state.equals("53300")) {
      return "too many connections";
    }
    if (state.equals("57P03") || state.startsWith("08")) {
      return "cannot connect";
    }
    return "query failed";
  }
}
