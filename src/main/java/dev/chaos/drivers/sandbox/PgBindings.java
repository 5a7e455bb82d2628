package dev.chaos.drivers.sandbox;

import static dev.chaos.drivers.Arguments.duration;
import static dev.chaos.drivers.Arguments.smallInteger;
import static dev.chaos.drivers.Arguments.string;

import dev.chaos.drivers.kube.BlastRadius;
import dev.chaos.drivers.kube.ConnectionBlast;
import dev.chaos.spi.BuiltinImpl;
import dev.chaos.spi.Preview;
import dev.chaos.types.JsonTree;
import dev.chaos.types.Value;
import dev.chaos.types.ValueFormat;
import java.time.Duration;
import java.util.Map;

/** The `postgres` functions on the world's database. */
final class PgBindings {
  private PgBindings() {}

  static void bind(World world, Map<String, BuiltinImpl> into) {
    PgWorld pg = world.postgres();
    into.put("postgres.scalar", (a, c) -> JsonTree.of(pg.scalar(string(a, "sql"))));
    into.put("postgres.connections", (a, c) -> Value.integer(
        pg.connections(string(a, "state", null), string(a, "application", null))));
    into.put("postgres.replication_lag", (a, c) -> Value.duration(pg.replicationLag()));
    into.put("postgres.replicas", (a, c) -> Value.integer(pg.replicas()));
    into.put("postgres.hold_connections", (a, c) -> {
      int count = smallInteger(a, "count");
      String application = string(a, "application", "chaos");
      Duration hold = duration(a, "hold", null);
      if (count < 1) {
        throw new IllegalArgumentException("postgres: cannot hold " + count + " connections");
      }
      if (hold != null && (hold.isNegative() || hold.isZero())) {
        throw new IllegalArgumentException("postgres: hold must be more than 0s");
      }
      String what = count + " idle connections as application `" + application + "`"
          + (hold == null ? " until undone" : " for " + ValueFormat.duration(hold));
      String undo = "close the connections held by application `" + application + "`";
      int max = world.spec().postgres().maxConnections();
      BlastRadius.Share blast = ConnectionBlast.hold("postgres", count, max,
          c.run().blastRadiusPercent());
      if (c.dryRun(Preview.of("open " + what).withUndo(undo)
          .withShare(blast.count(), blast.of(), blast.verdict()))) {
        return Value.UNIT;
      }
      c.affected(blast.count(), blast.of(), "connections of max_connections of postgres");
      Inverse<PgWorld.Hold> inverse = Inverse.register(c, undo, (held, u) -> pg.release(held));
      PgWorld.Hold held = inverse.done(pg.holdConnections(count, application, hold));
      if (held.count() < count) {
        c.log("postgres: " + (count - held.count()) + " of " + count + " connections refused:"
            + " too many clients already (max_connections "
            + world.spec().postgres().maxConnections() + ")");
      }
      return Value.UNIT;
    });
    into.put("postgres.terminate", (a, c) -> {
      String application = string(a, "application");
      int backends = pg.connections(null, application);
      if (c.dryRun(Preview.of("terminate the " + backends + " backends of application `"
          + application + "`"))) {
        return Value.integer(backends);
      }
      return Value.integer(pg.terminate(application));
    });
    into.put("postgres.execute", (a, c) -> {
      String sql = string(a, "sql");
      long rows = pg.wouldChange(sql);
      if (c.dryRun(Preview.of("execute `" + sql.strip().replaceAll("\\s+", " ") + "`, changing "
          + rows + (rows == 1 ? " row" : " rows")))) {
        return Value.integer(rows);
      }
      return Value.integer(pg.execute(sql));
    });
  }
}
