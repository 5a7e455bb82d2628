package dev.chaos.drivers.postgres;

import dev.chaos.drivers.ClockWait;
import dev.chaos.drivers.FailureText;

import dev.chaos.spi.CallContext;
import dev.chaos.spi.Clock;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One PostgreSQL server over JDBC. Every call opens its own connection, bounded by the deadline
 * of the driver call (connect, socket and query timeouts derived from it), and runs on a worker
 * thread while the calling thread waits on the run's clock: a guard interrupting the calling
 * thread cancels the statement and closes the connection at once, which a blocking JDBC call
 * would not notice. Thread safe; close it when the run ends.
 */
public final class PgClient implements AutoCloseable {
  /** The `application_name` of the driver's own connections, so probes can tell them apart. */
  static final String OWN_APPLICATION = "chaos-driver";

  private final String jdbcUrl;
  private final String user;
  private final String password;
  private final String target;
  private final org.postgresql.Driver driver = new org.postgresql.Driver();
  private final AtomicInteger workers = new AtomicInteger();
  private final ExecutorService executor = Executors.newCachedThreadPool(body -> {
    Thread thread = new Thread(body, "chaos-postgres-" + workers.incrementAndGet());
    thread.setDaemon(true);
    return thread;
  });

  /**
   * @param jdbcUrl {@code jdbc:postgresql://host:port/db}, with options if need be
   * @param password null for none (trust or peer authentication)
   * @throws IllegalArgumentException when {@code jdbcUrl} is not a PostgreSQL JDBC URL
   */
  public PgClient(String jdbcUrl, String user, String password) {
    Properties parsed = org.postgresql.Driver.parseURL(jdbcUrl.strip(), new Properties());
    if (parsed == null) {
      throw new IllegalArgumentException("postgres URL `" + redact(jdbcUrl)
          + "` is not a jdbc:postgresql:// URL");
    }
    this.jdbcUrl = jdbcUrl.strip();
    this.user = user;
    this.password = password;
    this.target = parsed.getProperty("PGHOST", "localhost") + ":"
        + parsed.getProperty("PGPORT", "5432") + "/" + parsed.getProperty("PGDBNAME", "");
  }

  /** The server as messages name it: host, port and database, never credentials. */
  public String target() {
    return target;
  }

  /**
   * Runs {@code work} on a connection of its own within the context's deadline.
   *
   * @param readOnly run it in a read-only transaction that is rolled back
   * @throws InterruptedException when the calling thread is interrupted; the statement is
   *     cancelled and the connection closed
   */
  <T> T call(CallContext context, boolean readOnly, SqlWork<T> work)
      throws PgException, InterruptedException {
    Clock clock = context.clock();
    Instant deadline = context.deadline();
    Duration budget = ClockWait.remaining(clock, deadline);
    if (budget.isZero()) {
      throw new PgException(target, FailureText.timedOut(Duration.ZERO));
    }
    AtomicReference<Connection> open = new AtomicReference<>();
    List<Statement> running = new CopyOnWriteArrayList<>();
    CompletableFuture<T> result = new CompletableFuture<>();
    executor.execute(() -> {
      try (Connection connection = ServerFullRetry.open(
          () -> connect(OWN_APPLICATION, budget), budget, pause -> {
            if (result.isDone()) {
              throw new InterruptedException("abandoned"); // the caller gave up: stop retrying
            }
            Thread.sleep(pause.toMillis());
          })) {
        open.set(connection);
        result.complete(runIn(connection, readOnly, work, running, budget));
      } catch (Throwable failure) {
        result.completeExceptionally(failure);
      } finally {
        clock.signal();
      }
    });
    if (!ClockWait.until(clock, deadline, result, () -> abandon(running, open, result))) {
      throw new PgException(target, FailureText.timedOut(budget));
    }
    try {
      return result.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof PgException failure) {
        throw failure;
      }
      throw new PgException(target, describe(e.getCause(), budget));
    }
  }

  /**
   * A new connection carrying {@code applicationName}, whose connect and socket timeouts are
   * {@code budget} (JDBC counts them in whole seconds: rounded up, at least 1).
   */
  Connection connect(String applicationName, Duration budget) throws SQLException {
    Properties props = new Properties();
    if (user != null) {
      props.setProperty("user", user);
    }
    if (password != null) {
      props.setProperty("password", password);
    }
    String seconds = String.valueOf(wholeSeconds(budget));
    props.setProperty("connectTimeout", seconds);
    props.setProperty("loginTimeout", seconds);
    props.setProperty("socketTimeout", seconds);
    props.setProperty("ApplicationName", applicationName);
    Connection connection = driver.connect(jdbcUrl, props);
    if (connection == null) {
      throw new SQLException("not a jdbc:postgresql:// URL");
    }
    return connection;
  }

  /** A held connection must outlive any one call: no socket timeout, a short connect one. */
  Connection connectToHold(String applicationName, Duration connectBudget) throws SQLException {
    Connection connection = connect(applicationName, connectBudget);
    try {
      // holding is idling: the socket timeout of the call's budget would cut it short
      connection.setNetworkTimeout(Runnable::run, 0);
    } catch (SQLException e) {
      connection.close();
      throw e;
    }
    return connection;
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }

  private static <T> T runIn(Connection connection, boolean readOnly, SqlWork<T> work,
      List<Statement> running, Duration budget) throws SQLException, PgException {
    int queryTimeout = wholeSeconds(budget);
    SqlWork.Statements statements = new SqlWork.Statements() {
      @Override
      public PreparedStatement prepare(String sql) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        statement.setQueryTimeout(queryTimeout);
        running.add(statement);
        return statement;
      }

      @Override
      public Statement plain() throws SQLException {
        Statement statement = connection.createStatement();
        statement.setQueryTimeout(queryTimeout);
        running.add(statement);
        return statement;
      }
    };
    if (!readOnly) {
      return work.run(connection, statements);
    }
    connection.setAutoCommit(false);
    connection.setReadOnly(true);
    try {
      return work.run(connection, statements);
    } finally {
      connection.rollback();
    }
  }

  /** Cancels what runs on the server and drops the connection; the worker then fails. */
  private static void abandon(List<Statement> running, AtomicReference<Connection> open,
      CompletableFuture<?> result) {
    for (Statement statement : running) {
      try {
        statement.cancel();
      } catch (SQLException | RuntimeException ignored) {
        // the connection is closed next, which ends the statement anyway
      }
    }
    Connection connection = open.get();
    if (connection != null) {
      try {
        connection.abort(Runnable::run);
      } catch (SQLException | RuntimeException ignored) {
        // nothing more to stop
      }
    }
    result.cancel(true);
  }

  /** A one-line reason for a failure, without the exception's class, stack or password. */
  static String describe(Throwable failure, Duration budget) {
    String reason = FailureText.networkReason(failure, budget);
    if (reason != null) {
      return reason;
    }
    if (failure instanceof SQLException sql && "57014".equals(sql.getSQLState())) {
      return FailureText.timedOut(budget); // the query timeout cancelled it
    }
    String message = failure.getMessage();
    return message == null ? failure.getClass().getSimpleName() : FailureText.oneLine(message);
  }

  static int wholeSeconds(Duration budget) {
    long millis = Math.max(budget.toMillis(), 1);
    return (int) Math.min(Integer.MAX_VALUE, (millis + 999) / 1000);
  }



  /** The URL without a `password=` option, for a message. */
  private static String redact(String url) {
    return url.replaceAll("(?i)(password=)[^&]*", "$1***");
  }
}
