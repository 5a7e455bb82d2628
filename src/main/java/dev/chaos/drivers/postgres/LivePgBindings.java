package dev.chaos.drivers.postgres;

import dev.chaos.spi.UndoRecipe;

import dev.chaos.drivers.FailureText;

import static dev.chaos.drivers.Arguments.duration;
import static dev.chaos.drivers.Arguments.smallInteger;
import static dev.chaos.drivers.Arguments.string;

import dev.chaos.drivers.kube.BlastRadius;
import dev.chaos.drivers.kube.ConnectionBlast;
import dev.chaos.spi.BuiltinImpl;
import dev.chaos.spi.CallContext;
import dev.chaos.spi.Preview;
import dev.chaos.types.JsonTree;
import dev.chaos.types.Value;
import dev.chaos.types.ValueFormat;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The `postgres` functions on a real server, one per row of {@link PostgresDriver}'s table, with
 * the value shapes the sandbox gives. `hold_connections` registers its inverse before it opens
 * anything; in a dry run the mutating functions say what they would do and change nothing
 * (`execute` then runs its statement in a transaction that is rolled back, to count the rows).
 */
public final class LivePgBindings {
  private LivePgBindings() {}

  /** Puts the implementation of every `postgres` builtin, by qualified name, into {@code into}. */
  public static void bind(PgClient client, Map<String, BuiltinImpl> into) {
    into.put("postgres.scalar", (a, c) ->
        JsonTree.of(PgQueries.scalar(client, c, string(a, "sql"))));
    into.put("postgres.connections", (a, c) -> Value.integer(PgQueries.connections(client, c,
        string(a, "state", null), string(a, "application", null))));
    into.put("postgres.replication_lag", (a, c) ->
        Value.duration(PgQueries.replicationLag(client, c)));
    into.put("postgres.replicas", (a, c) -> Value.integer(PgQueries.replicas(client, c)));
    into.put("postgres.hold_connections", (a, c) -> hold(client, smallInteger(a, "count"),
        string(a, "application", "chaos"), duration(a, "hold", null), c));
    into.put("postgres.terminate", (a, c) -> {
      String application = string(a, "application");
      long backends = PgQueries.connections(client, c, null, application);
      if (c.dryRun(Preview.of("terminate the " + backends + " backends of application `"
          + application + "`"))) {
        return Value.integer(backends);
      }
      return Value.integer(PgQueries.terminate(client, c, application));
    });
    into.put("postgres.execute", (a, c) -> {
      String sql = string(a, "sql");
      boolean dryRun = c.dryRun(Preview.of("execute `" + FailureText.oneLine(sql)
          + "` (in a dry run: in a transaction that is rolled back)"));
      return Value.integer(PgQueries.execute(client, c, sql, dryRun));
    });
  }

  static final String TERMINATE_APPLICATION = "terminate_application";

  /**
   * The inverse of `postgres.hold_connections` as values: the application whose connections
   * are closed. A runner that died took its connections with it, but the server may keep them
   * until it notices; recovery terminates whatever still carries the name.
   */
  static UndoRecipe releaseRecipe(String application) {
    return new UndoRecipe("postgres", TERMINATE_APPLICATION, Map.of("application", application));
  }

  /** `chaos recover`: terminates the backends still carrying the recipe's application name. */
  static void recover(PgClient client, UndoRecipe recipe, CallContext context) throws Exception {
    if (!recipe.action().equals(TERMINATE_APPLICATION)
        || !(recipe.args().get("application") instanceof String application)) {
      throw recipe.unknown();
    }
    long closed = PgQueries.terminate(client, context, application);
    context.log("postgres " + client.target() + ": " + closed + " connections of application `"
        + application + "` closed");
  }

  private static Value hold(PgClient client, int count, String application, Duration hold,
      CallContext context) throws PgException, InterruptedException {
    if (count < 1) {
      throw new PgException(client.target(), "cannot hold " + count + " connections");
    }
    if (hold != null && (hold.isNegative() || hold.isZero())) {
      throw new PgException(client.target(), "hold must be more than 0s");
    }
    String what = count + " idle connections as application `" + application + "`"
        + (hold == null ? " until undone" : " for " + ValueFormat.duration(hold));
    String undoText = "close the connections held by application `" + application + "`";
    BlastRadius.Share blast = share(client, context, count);
    Preview preview = Preview.of("open " + what).withUndo(undoText);
    if (context.dryRun(blast == null ? preview
        : preview.withShare(blast.count(), blast.of(), blast.verdict()))) {
      return Value.UNIT;
    }
    if (blast != null) {
      context.affected(blast.count(), blast.of(), "connections of max_connections of "
          + client.target());
    }
    AtomicReference<HeldConnections> opened = new AtomicReference<>();
    // registered before anything opens: a run stopped at any point still closes them
    context.registerUndo(undoText, releaseRecipe(application),
        undo -> {
          HeldConnections held = opened.get();
          if (held != null) {
            held.release(undo.deadline());
          }
        });
    HeldConnections held = HeldConnections.open(client, context, count, application, hold,
        opened::set);
    if (held.opened() < count) {
      context.log("postgres " + client.target() + ": " + (count - held.opened()) + " of "
          + count + " connections not opened" + (held.refusal() == null ? " in time"
              : ": " + held.refusal()));
    }
    return Value.UNIT;
  }

  /**
   * The held connections as a share of `max_connections`, under the runbook's blast_radius.
   * Without a blast_radius, a server that cannot tell its `max_connections` does not stop the
   * call (the share only feeds the report); with one, the cap cannot be held, so the call fails.
   */
  private static BlastRadius.Share share(PgClient client, CallContext context, int count)
      throws PgException, InterruptedException {
    Double cap = context.run().blastRadiusPercent();
    int max;
    try {
      max = Integer.parseInt(String.valueOf(PgQueries.scalar(client, context,
          "SHOW max_connections")).trim());
    } catch (PgException e) {
      if (cap != null) {
        throw e;
      }
      return null;
    }
    return ConnectionBlast.hold(client.target(), count, max, cap);
  }
}
