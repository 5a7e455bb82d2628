package dev.chaos.drivers.postgres;

import static dev.chaos.spi.Param.named;
import static dev.chaos.spi.Param.positional;
import static dev.chaos.spi.Param.requiredNamed;

import dev.chaos.drivers.SignatureTable;
import dev.chaos.spi.Builtin;
import dev.chaos.spi.Driver;
import dev.chaos.spi.LiveBinding;
import dev.chaos.spi.Signature;
import dev.chaos.types.Type;
import java.util.List;
import java.util.Optional;

/**
 * PostgreSQL over JDBC, as the config's user. `scalar` returns `Json` because a query may yield
 * any SQL type; converting with `int()`, `float()` or `string()` states what the runbook expects
 * and is checked when it runs. Reads run in read-only transactions, which keeps `read` honest.
 */
public final class PostgresDriver implements Driver {
  private static final String ANY_APPLICATION = "every application";

  private final List<Builtin> builtins = new SignatureTable("postgres")
      .read("scalar", Signature.of(Type.JSON,
              positional("sql", Type.STRING, "A query; a `\"\"\"` text block suits long ones.")),
          "The first column of the first row, read-only, as Json (any SQL type): convert it with"
              + " `int()`, `float()` or `string()`; no row is an error.")
      .read("connections", Signature.of(Type.INT,
              named("state", Type.STRING, "every state",
                  "`active`, `idle`, `idle in transaction`, ... as in `pg_stat_activity`."),
              named("application", Type.STRING, ANY_APPLICATION,
                  "Only connections with this `application_name`.")),
          "The number of client connections in `pg_stat_activity`.")
      .read("replication_lag", Signature.of(Type.DURATION),
          "The largest replay lag of the streaming replicas; `0s` with no replica.")
      .read("replicas", Signature.of(Type.INT),
          "The number of streaming replicas in `pg_stat_replication`.")
      .mutate("hold_connections", Signature.of(Type.UNIT,
              positional("count", Type.INT, "How many connections to open."),
              named("application", Type.STRING, "`\"chaos\"`",
                  "The `application_name` they carry, to count and terminate them."),
              named("hold", Type.DURATION, "until undone",
                  "How long to keep them open before closing them.")),
          "Opens idle connections in the background to exhaust the pool; returns at once.",
          "closes the held connections")
      .mutateWithoutInverse("terminate", Signature.of(Type.INT,
              requiredNamed("application", Type.STRING,
                  "Terminate the backends with this `application_name`.")),
          "Terminates backends with `pg_terminate_backend` and returns how many.",
          "a terminated session is gone; its client must reconnect.")
      .mutateWithoutInverse("execute", Signature.of(Type.INT,
              positional("sql", Type.STRING, "A statement.")),
          "Runs a statement and returns the number of rows it changed.",
          "SQL cannot be inverted in general; write an `undo` block.")
      .build();

  @Override
  public String namespace() {
    return "postgres";
  }

  @Override
  public String doc() {
    return "PostgreSQL: connections, replication and connection-pool exhaustion.";
  }

  @Override
  public List<Builtin> builtins() {
    return builtins;
  }

  /** Built only by a live run: the binding's class may load client libraries. */
  @Override
  public Optional<LiveBinding> live() {
    return Optional.of(new PostgresLive());
  }
}
