package dev.chaos.drivers.sandbox;

import dev.chaos.drivers.sandbox.WorldSpec.ConnectionGroup;
import dev.chaos.drivers.sandbox.WorldSpec.PostgresSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL of the world, one method per function of the `postgres` signature table. The
 * applications' connections (the world file's `connections`) are what they use at rest; they
 * connect per request or recycle their pools (as the lab's demo does), so their connections
 * come and go. Held connections (`hold_connections`) open one every `connect_time`, take
 * every slot of `max_connections` they find free, the applications' passing ones included,
 * and close when released, when their `hold` runs out or when terminated. The applications
 * then share what is left: a request that needs a connection when none is free waits the
 * pool's timeout and fails ({@link #refusedSharesAt}); the applications connect as ordinary
 * roles and never get the `superuser_reserved_connections`. The world file's `exhaustion`
 * may still add fixed extras above a threshold.
 */
public final class PgWorld {
  /** Connections opened by `hold_connections`; {@link #release} is its automatic inverse. */
  public static final class Hold {
    final String application;
    final int count;
    final Instant opened;
    final Instant expires;
    Instant closed;

    Hold(String application, int count, Instant opened, Instant expires) {
      this.application = application;
      this.count = count;
      this.opened = opened;
      this.expires = expires;
    }

    public String application() {
      return application;
    }

    /** How many connections it asked for and got (the rest were refused by the limit). */
    public int count() {
      return count;
    }
  }

  private static final Pattern COUNT_ACTIVITY = Pattern.compile(
      "select count\\(\\*\\) from pg_stat_activity(?: where (.+))?", Pattern.CASE_INSENSITIVE);
  private static final Pattern CONDITION = Pattern.compile(
      "(state|application_name)\\s*=\\s*'([^']*)'", Pattern.CASE_INSENSITIVE);

  private final World world;
  private final PostgresSpec spec;
  private final List<Hold> holds = new ArrayList<>();
  /** Applications whose connections were terminated, with when they are back. */
  private final Map<String, Instant> reconnecting = new HashMap<>();

  PgWorld(World world) {
    this.world = world;
    this.spec = world.spec().postgres();
  }

  /** Client connections by state and application (null: any). */
  public int connections(String state, String application) {
    return world.read(now -> {
      requireUp(now);
      return count(state, application, now);
    });
  }

  public Duration replicationLag() {
    return world.read(now -> spec.replicas() == 0 ? Duration.ZERO
        : Quantities.ofSeconds(Math.max(0, world.prometheus().valueAt(World.PG_LAG_SERIES, now))));
  }

  public int replicas() {
    return world.read(now -> spec.replicas());
  }

  /**
   * Opens {@code count} idle connections in the background and returns at once; those beyond
   * the connection limit are refused, as PostgreSQL refuses them. {@code hold} null keeps them
   * until released.
   */
  public Hold holdConnections(int count, String application, Duration hold) {
    return world.write(now -> {
      requireUp(now);
      int free = Math.max(0, spec.maxConnections() - heldAt(now));
      Hold h = new Hold(application, Math.min(count, free), now,
          hold == null ? null : now.plus(hold));
      holds.add(h);
      world.chaosStarted(now);
      return h;
    });
  }

  /** Closes what a hold still has open. */
  public void release(Hold hold) {
    world.write(now -> {
      if (hold.closed == null) {
        hold.closed = now;
      }
      return null;
    });
  }

  /** Terminates the backends of an application and returns how many there were. */
  public int terminate(String application) {
    return world.write(now -> {
      int n = count(null, application, now);
      for (Hold h : holds) {
        if (h.application.equals(application) && h.closed == null) {
          h.closed = now;
        }
      }
      if (spec.connections().stream().anyMatch(g -> g.application().equals(application))) {
        reconnecting.put(application, now.plus(spec.reconnect()));
      }
      return n;
    });
  }

  /**
   * The first column of the first row of a query: counts of `pg_stat_activity` (by `state`
   * and `application_name`) and `pg_stat_replication`, `SELECT 1`, `SHOW max_connections`,
   * `SHOW superuser_reserved_connections`, and
   * whatever the world file answers under `postgres.queries`.
   */
  public Object scalar(String sql) {
    return world.read(now -> {
      requireUp(now);
      String q = normalise(sql);
      for (Map.Entry<String, Object> e : spec.queries().entrySet()) {
        if (normalise(e.getKey()).equalsIgnoreCase(q)) {
          return e.getValue();
        }
      }
      if (q.equalsIgnoreCase("select 1")) {
        return 1L;
      }
      if (q.equalsIgnoreCase("show max_connections")) {
        return String.valueOf(spec.maxConnections());
      }
      if (q.equalsIgnoreCase("show superuser_reserved_connections")) {
        return String.valueOf(spec.superuserReserved());
      }
      if (q.equalsIgnoreCase("select count(*) from pg_stat_replication")) {
        return (long) spec.replicas();
      }
      Matcher m = COUNT_ACTIVITY.matcher(q);
      if (m.matches()) {
        return (long) countWhere(m.group(1), now, sql);
      }
      throw new SandboxException("the sandbox world has no answer to `" + sql.strip()
          + "`; add it under `postgres.queries` in the world file");
    });
  }

  /** Rows changed by a statement, as the world file's `postgres.statements` says. */
  public long execute(String sql) {
    return world.write(now -> {
      requireUp(now);
      return rowsChangedBy(sql);
    });
  }

  /** What {@link #execute} would answer, without running the statement (for a dry run). */
  public long wouldChange(String sql) {
    return world.read(now -> rowsChangedBy(sql));
  }

  // ---- inside the world ------------------------------------------------------------------

  private long rowsChangedBy(String sql) {
    String q = normalise(sql);
    for (Map.Entry<String, Long> e : spec.statements().entrySet()) {
      if (normalise(e.getKey()).equalsIgnoreCase(q)) {
        return e.getValue();
      }
    }
    throw new SandboxException("the sandbox world does not know the statement `" + sql.strip()
        + "`; add it under `postgres.statements` in the world file");
  }

  /** The share of the connection limit in use at {@code t}. */
  double usageAt(Instant t) {
    return spec.maxConnections() == 0 ? 0 : (double) count(null, null, t) / spec.maxConnections();
  }

  /** How far past the exhaustion threshold the pool is at {@code t}, from 0 to 1. */
  double exhaustionAt(Instant t) {
    double above = spec.exhaustion().above();
    double usage = usageAt(t);
    return usage <= above || above >= 1 ? 0 : Math.min(1, (usage - above) / (1 - above));
  }

  boolean disruptedAt(Instant t) {
    return holds.stream().anyMatch(h -> open(h, t) > 0);
  }

  /**
   * Whether the database of {@code region} (null: the only one) takes requests at {@code t}:
   * it is the primary (a standby answers nothing until promoted), its region is up, and no
   * `down: postgres` fault holds.
   */
  boolean servesAt(String region, Instant t) {
    return upAt(region, t) && (region == null || !world.regions().any()
        || region.equals(world.regions().primaryAt(t)));
  }

  /**
   * Whether the database of {@code region} answers at all at {@code t}: the primary while no
   * `down: postgres` fault holds, a standby while its region is up.
   */
  boolean upAt(String region, Instant t) {
    boolean primary = region == null || !world.regions().any()
        || region.equals(world.regions().primaryAt(t));
    if (primary && world.down("postgres", t)) {
      return false;
    }
    return region == null || !world.regions().any() || !world.regions().downAt(region, t);
  }

  /**
   * The share of each application's requests that find no connection at {@code t}. Each
   * application needs its active connections times {@code load} (how many times its usual
   * number of queries it sends now) plus its idle ones; held connections come first, and the
   * applications share the slots left in proportion to what they need.
   */
  Map<String, Double> refusedSharesAt(Map<String, Double> load, Instant t) {
    Map<String, Double> need = new java.util.LinkedHashMap<>();
    for (ConnectionGroup g : spec.connections()) {
      double factor = g.state().equals("active") ? load.getOrDefault(g.application(), 1.0) : 1;
      need.merge(g.application(), g.count() * factor, Double::sum);
    }
    double total = need.values().stream().mapToDouble(Double::doubleValue).sum();
    double free = roomForApplications(t);
    Map<String, Double> out = new java.util.LinkedHashMap<>();
    for (String app : load.keySet()) {
      double wanted = need.getOrDefault(app, 0.0);
      out.put(app, wanted <= 0 || total <= free ? 0 : 1 - free / total);
    }
    return out;
  }

  /**
   * Slots the applications can have at {@code t}: they connect as ordinary roles, so
   * PostgreSQL refuses them the last `superuser_reserved_connections` of `max_connections`;
   * held connections come first (the holder takes the slots the applications' recycled or
   * per-request connections give back).
   */
  private double roomForApplications(Instant t) {
    return Math.max(0, spec.maxConnections() - spec.superuserReserved() - heldAt(t));
  }

  /** Connections held open by `hold_connections` at {@code t}. */
  private int heldAt(Instant t) {
    return holds.stream().mapToInt(h -> open(h, t)).sum();
  }

  private void requireUp(Instant now) {
    if (!servesAt(null, now) || (world.regions().any()
        && world.regions().downAt(world.regions().primaryAt(now), now))) {
      throw new SandboxException("could not connect to PostgreSQL: the primary is down"
          + (world.regions().any() ? " (region " + world.regions().primaryAt(now) + ")" : ""));
    }
  }

  private int count(String state, String application, Instant t) {
    int n = 0;
    // the applications' connections come and go: they get what the held ones leave
    double listed = spec.connections().stream().mapToInt(ConnectionGroup::count).sum();
    double room = roomForApplications(t);
    double scale = listed <= room ? 1 : room / listed;
    for (ConnectionGroup g : spec.connections()) {
      Instant back = reconnecting.get(g.application());
      boolean away = back != null && t.isBefore(back);
      if (!away && matches(g.state(), state) && matches(g.application(), application)) {
        n += (int) Math.floor(g.count() * scale + 1e-9);
      }
    }
    for (Hold h : holds) {
      if (matches("idle", state) && matches(h.application, application)) {
        n += open(h, t);
      }
    }
    return n;
  }

  /** Connections of a hold open at {@code t}: one more every `connect_time` until all are. */
  private int open(Hold h, Instant t) {
    if (t.isBefore(h.opened) || (h.closed != null && !t.isBefore(h.closed))
        || (h.expires != null && !t.isBefore(h.expires))) {
      return 0;
    }
    long step = spec.connectTime().toNanos();
    if (step == 0) {
      return h.count;
    }
    long opened = Duration.between(h.opened, t).toNanos() / step + 1;
    return (int) Math.min(h.count, opened);
  }

  private int countWhere(String where, Instant now, String sql) {
    if (where == null) {
      return count(null, null, now);
    }
    String state = null;
    String application = null;
    for (String part : where.split("(?i) and ")) {
      Matcher c = CONDITION.matcher(part.trim());
      if (!c.matches()) {
        throw new SandboxException("the sandbox world has no answer to `" + sql.strip()
            + "`; add it under `postgres.queries` in the world file");
      }
      if (c.group(1).equalsIgnoreCase("state")) {
        state = c.group(2);
      } else {
        application = c.group(2);
      }
    }
    return count(state, application, now);
  }

  private static boolean matches(String actual, String wanted) {
    return wanted == null || wanted.equals(actual);
  }

  /** Whitespace collapsed and a final `;` dropped; case is left to the comparisons. */
  private static String normalise(String sql) {
    String s = sql.strip().replaceAll("\\s+", " ");
    return s.endsWith(";") ? s.substring(0, s.length() - 1).strip() : s;
  }
}
