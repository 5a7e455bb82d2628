package dev.chaos.drivers.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Opens the driver's own connection again while the server answers "too many clients"
 * (SQLSTATE 53300). A runbook that exhausts the server holds every slot open to applications
 * and leaves the superuser-reserved ones to the tool; an application's connection still in
 * flight can take one of those for a moment, so the tool's next query waits for it instead of
 * failing the step.
 */
final class ServerFullRetry {
  static final String TOO_MANY_CONNECTIONS = "53300";
  private static final Duration FIRST_PAUSE = Duration.ofMillis(50);
  private static final Duration LONGEST_PAUSE = Duration.ofMillis(800);

  /** Opens one connection; the connect timeouts are the caller's. */
  interface Connector {
    Connection open() throws SQLException;
  }

  /** How the retry waits; tests pass one that only counts. */
  interface Pause {
    void sleep(Duration pause) throws InterruptedException;
  }

  private ServerFullRetry() {}

  /**
   * The first connection {@code connector} opens within {@code budget}; the last refusal when
   * the server stays full that long, and any other failure at once.
   */
  static Connection open(Connector connector, Duration budget, Pause pause)
      throws SQLException, InterruptedException {
    long end = System.nanoTime() + budget.toNanos();
    Duration next = FIRST_PAUSE;
    while (true) {
      try {
        return connector.open();
      } catch (SQLException refused) {
        if (!TOO_MANY_CONNECTIONS.equals(refused.getSQLState())
            || System.nanoTime() + next.toNanos() >= end) {
          throw refused;
        }
      }
      pause.sleep(next);
      next = next.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : next.multipliedBy(2);
    }
  }
}
