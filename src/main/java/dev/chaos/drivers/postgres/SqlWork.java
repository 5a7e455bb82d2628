package dev.chaos.drivers.postgres;

import java.sql.Connection;
import java.sql.SQLException;

/** What one call does on its own connection; it registers each statement it runs for cancel. */
@FunctionalInterface
interface SqlWork<T> {
  T run(Connection connection, Statements statements) throws SQLException, PgException;

  /** Prepares statements with the call's query timeout and remembers them for cancel. */
  interface Statements {
    java.sql.PreparedStatement prepare(String sql) throws SQLException;

    java.sql.Statement plain() throws SQLException;
  }
}
