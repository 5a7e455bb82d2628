package dev.chaos.drivers.postgres;

import dev.chaos.drivers.FailureText;

import dev.chaos.spi.CallContext;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;

/** The SQL behind each `postgres` function, each run as one call of {@link PgClient}. */
final class PgQueries {
  /**
   * Client backends, without the driver's own connection: a probe that counts connections must
   * not count itself.
   */
  private static final String CONNECTIONS = "SELECT count(*) FROM pg_stat_activity"
      + " WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()"
      + " AND (CAST(? AS text) IS NULL OR state = ?)"
      + " AND (CAST(? AS text) IS NULL OR application_name = ?)";

  /**
   * The replay lag of each streaming replica, measured on the primary from LSNs and times: a
   * replica whose replay LSN has reached the primary's current WAL position is 0s behind
   * (PostgreSQL leaves a stale `replay_lag` once an idle replica has caught up); one still behind
   * is the larger of `replay_lag` (the time between the primary flushing WAL and the replica
   * replaying it, as last measured) and the time since the replica last replied. A replica whose
   * replay has stalled keeps an old `replay_lag`, so the second term is what shows it; it is a
   * lower bound, reset when the replica's next status message (`wal_receiver_status_interval`,
   * 10s by default) arrives.
   */
  private static final String PRIMARY_LAG = "SELECT coalesce(max(CASE"
      + " WHEN pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn) <= 0 THEN 0"
      + " ELSE extract(epoch FROM greatest(replay_lag, now() - reply_time)) END), 0)"
      + " FROM pg_stat_replication";

  /**
   * Connected to a standby, its own lag: 0s when it has replayed all WAL it received, else the
   * age of the last transaction it replayed.
   */
  private static final String STANDBY_LAG = "SELECT CASE"
      + " WHEN pg_last_wal_receive_lsn() IS NULL"
      + " OR pg_wal_lsn_diff(pg_last_wal_receive_lsn(), pg_last_wal_replay_lsn()) <= 0 THEN 0"
      + " ELSE coalesce(extract(epoch FROM now() - pg_last_xact_replay_timestamp()), 0) END";

  /**
   * The targets are chosen first, in a materialized CTE: within one WHERE clause the planner may
   * call pg_terminate_backend before the filters, on every backend, the driver's own included.
   */
  private static final String TERMINATE = "WITH targets AS MATERIALIZED (SELECT pid"
      + " FROM pg_stat_activity WHERE application_name = ? AND pid <> pg_backend_pid())"
      + " SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM targets";

  private PgQueries() {}

  /** The first column of the first row, in a read-only transaction. */
  static Object scalar(PgClient client, CallContext context, String sql)
      throws PgException, InterruptedException {
    return client.call(context, true, (connection, statements) -> {
      Statement statement = statements.plain();
      if (!statement.execute(sql)) {
        throw new PgException(client.target(), "`" + FailureText.oneLine(sql)
            + "` returned no rows: scalar needs a query");
      }
      try (ResultSet rows = statement.getResultSet()) {
        if (!rows.next()) {
          throw new PgException(client.target(), "`" + FailureText.oneLine(sql)
              + "` returned no row");
        }
        return JdbcJson.tree(rows.getObject(1));
      }
    });
  }

  static long connections(PgClient client, CallContext context, String state,
      String application) throws PgException, InterruptedException {
    return client.call(context, true, (connection, statements) -> {
      PreparedStatement statement = statements.prepare(CONNECTIONS);
      statement.setString(1, state);
      statement.setString(2, state);
      statement.setString(3, application);
      statement.setString(4, application);
      return single(statement);
    });
  }

  static Duration replicationLag(PgClient client, CallContext context)
      throws PgException, InterruptedException {
    return client.call(context, true, (connection, statements) -> {
      boolean standby;
      try (ResultSet rows = statements.plain().executeQuery("SELECT pg_is_in_recovery()")) {
        rows.next();
        standby = rows.getBoolean(1);
      }
      try (ResultSet rows = statements.plain().executeQuery(standby ? STANDBY_LAG : PRIMARY_LAG)) {
        rows.next();
        double seconds = rows.getDouble(1);
        return Duration.ofNanos(Math.max(0, Math.round(seconds * 1e9)));
      }
    });
  }

  static long replicas(PgClient client, CallContext context)
      throws PgException, InterruptedException {
    return client.call(context, true, (connection, statements) -> single(statements.prepare(
        "SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'")));
  }

  /** Terminates the backends of {@code application}; returns how many it terminated. */
  static long terminate(PgClient client, CallContext context, String application)
      throws PgException, InterruptedException {
    return client.call(context, false, (connection, statements) -> {
      PreparedStatement statement = statements.prepare(TERMINATE);
      statement.setString(1, application);
      return single(statement);
    });
  }

  /**
   * Runs {@code sql} and returns the rows it changed (0 for a statement that changes none). With
   * {@code rollBack} (a dry run) it runs in a transaction that is rolled back, so the count is
   * real and nothing transactional stays changed.
   */
  static long execute(PgClient client, CallContext context, String sql, boolean rollBack)
      throws PgException, InterruptedException {
    return client.call(context, false, (connection, statements) -> {
      if (rollBack) {
        connection.setAutoCommit(false);
      }
      try {
        Statement statement = statements.plain();
        statement.execute(sql);
        return (long) Math.max(0, statement.getUpdateCount());
      } finally {
        if (rollBack) {
          connection.rollback();
        }
      }
    });
  }

  private static long single(PreparedStatement statement) throws java.sql.SQLException {
    try (ResultSet rows = statement.executeQuery()) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
