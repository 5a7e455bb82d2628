package dev.chaos.lab;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisPoolConfig;
import redis.clients.jedis.JedisSentinelPool;

/**
 * The demo's read path, as the seed's gateway does it: the cache (Redis, master found through
 * Sentinel) first, PostgreSQL when the cache misses or fails. Cache entries are fresh for a
 * few seconds, so PostgreSQL serves a steady share of reads and exhausted connections show;
 * a stale entry is served only when PostgreSQL cannot answer.
 * PostgreSQL is called through {@link DemoDatabase}: a connection per call, as a role that is
 * not a superuser (the server's reserved slots are not its own), refused connections retried,
 * and a circuit breaker. Every call is bounded: Redis 250 ms, PostgreSQL 2 s to connect and
 * 3 s per query (generous: the lab shares a small, busy machine, and a slow connect must not
 * count as an outage).
 */
final class ItemReads implements AutoCloseable {
  static final int ITEMS = 100;
  private static final int REDIS_TIMEOUT_MILLIS = 250;
  private static final int CACHE_SECONDS = 5;
  /**
   * How long an entry is kept: past its CACHE_SECONDS it is stale, read again from PostgreSQL,
   * but served while PostgreSQL cannot answer (stale-if-error), so reads the cache holds need
   * no database during an outage.
   */
  static final int KEPT_SECONDS = 600;
  static final int CACHE_DATABASE = 1;
  static final int REBUILT_SECONDS = 60;

  /** Where a read was served from, and the value. */
  record Read(String source, String value) {}

  private final String masterName;
  private final Set<HostAndPort> sentinels;
  private final String jdbcUrl;
  private final String user;
  private final DemoMetrics metrics;
  private final DemoDatabase database;
  private final Object poolLock = new Object();
  private final Object tableLock = new Object();
  private JedisSentinelPool pool;
  private volatile boolean tableReady;

  ItemReads(String masterName, Set<HostAndPort> sentinels, String jdbcUrl, String user,
      DemoMetrics metrics) {
    this.masterName = masterName;
    this.sentinels = Set.copyOf(sentinels);
    this.jdbcUrl = jdbcUrl;
    this.user = user;
    this.metrics = metrics;
    DbBreaker breaker = new DbBreaker(java.time.InstantSource.system(), metrics::circuitBreakerOpen);
    this.database = new DemoDatabase(this::connect, breaker,
        duration -> Thread.sleep(duration.toMillis()), metrics::dbRetry);
  }

  /**
   * Reads item {@code id}; empty when the item does not exist. Throws when the cache could not
   * serve it and the database cannot either (the message says why, for the user's 503).
   */
  Optional<Read> read(int id) throws DemoDatabase.Unavailable {
    String key = "demo:item:" + id;
    String cached;
    long ttlMillis;
    try (Jedis jedis = redis().getResource()) {
      var pipeline = jedis.pipelined();
      var value = pipeline.get(key);
      var ttl = pipeline.pttl(key);
      pipeline.sync();
      cached = value.get();
      ttlMillis = ttl.get();
    } catch (RuntimeException e) {
      metrics.backendError("redis");
      return fromPostgresOrNone(id);
    }
    if (cached != null && fresh(ttlMillis)) {
      metrics.servedFrom("redis");
      return Optional.of(new Read("redis", cached));
    }
    Optional<String> stored;
    try {
      stored = fromPostgres(id);
    } catch (DemoDatabase.Unavailable e) {
      if (cached == null) {
        metrics.servedFrom("none");
        throw e;
      }
      // stale-if-error: what the cache still holds needs no database
      metrics.servedFrom("redis");
      metrics.staleRead();
      return Optional.of(new Read("redis-stale", cached));
    }
    if (stored.isEmpty()) {
      return none();
    }
    try (Jedis jedis = redis().getResource()) {
      jedis.setex(key, KEPT_SECONDS, stored.get());
    } catch (RuntimeException e) {
      metrics.backendError("redis"); // a failed cache fill still serves the read
    }
    return Optional.of(postgres(stored.get()));
  }

  private Optional<Read> fromPostgresOrNone(int id) throws DemoDatabase.Unavailable {
    try {
      Optional<String> stored = fromPostgres(id);
      return stored.isEmpty() ? none() : Optional.of(postgres(stored.get()));
    } catch (DemoDatabase.Unavailable e) {
      metrics.servedFrom("none");
      throw e;
    }
  }

  /** An entry is fresh for its first CACHE_SECONDS: it is written to live KEPT_SECONDS. */
  static boolean fresh(long ttlMillis) {
    return ttlMillis > (KEPT_SECONDS - CACHE_SECONDS) * 1000L;
  }

  /** True while the circuit breaker towards the database is open (or half-open). */
  boolean databaseCircuitOpen() {
    return database.circuitOpen();
  }

  /**
   * The seed's "rebuild cache from database": every item of PostgreSQL written to the cache,
   * fresh for {@link #REBUILT_SECONDS} (a warmed cache outlives the reads' short entries, so its
   * size can be checked afterwards). Returns how many were written; fails when either store
   * cannot be reached (the caller answers 503).
   */
  int rebuildCache() throws DemoDatabase.Unavailable {
    java.util.Map<String, String> items = database.call(connection -> {
      ensureTable(connection);
      java.util.Map<String, String> rows = new java.util.LinkedHashMap<>();
      try (Statement statement = connection.createStatement();
          ResultSet row = statement.executeQuery("SELECT id, name FROM demo_items ORDER BY id")) {
        while (row.next()) {
          rows.put("demo:item:" + row.getInt(1), row.getString(2));
        }
      }
      return rows;
    });
    try (Jedis jedis = redis().getResource()) {
      var pipeline = jedis.pipelined();
      // fresh for REBUILT_SECONDS, then kept like any entry
      items.forEach((key, value) -> pipeline.setex(key, KEPT_SECONDS - CACHE_SECONDS + REBUILT_SECONDS, value));
      pipeline.sync();
    }
    return items.size();
  }

  /** The number of keys of the cache's database (DBSIZE of database {@value #CACHE_DATABASE}). */
  long cacheSize() {
    try (Jedis jedis = redis().getResource()) {
      return jedis.dbSize();
    }
  }

  /** True when a read could be served now: Redis answers PING, or PostgreSQL a query. */
  boolean canServe() {
    try (Jedis jedis = redis().getResource()) {
      if ("PONG".equals(jedis.ping())) {
        return true;
      }
    } catch (RuntimeException e) {
      // fall through to the database, as a read would
    }
    try {
      return database.call(connection -> {
        try (Statement statement = connection.createStatement()) {
          return statement.execute("SELECT 1");
        }
      });
    } catch (DemoDatabase.Unavailable e) {
      return false;
    }
  }

  private Read postgres(String value) {
    metrics.servedFrom("postgres");
    return new Read("postgres", value);
  }

  private Optional<Read> none() {
    metrics.servedFrom("none");
    return Optional.empty();
  }

  private Optional<String> fromPostgres(int id) throws DemoDatabase.Unavailable {
    try {
      return database.call(connection -> {
        ensureTable(connection);
        try (PreparedStatement query =
            connection.prepareStatement("SELECT name FROM demo_items WHERE id = ?")) {
          query.setInt(1, id);
          try (ResultSet row = query.executeQuery()) {
            return row.next() ? Optional.of(row.getString(1)) : Optional.<String>empty();
          }
        }
      });
    } catch (DemoDatabase.Unavailable e) {
      metrics.backendError("postgres");
      throw e;
    }
  }

  /** One connection per call: when the server has no slot left, the call is refused at once. */
  private Connection connect() throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", user);
    properties.setProperty("connectTimeout", "2");
    properties.setProperty("loginTimeout", "2");
    properties.setProperty("socketTimeout", "3");
    properties.setProperty("ApplicationName", "demo-service");
    return DriverManager.getConnection(jdbcUrl, properties);
  }

  private void ensureTable(Connection connection) throws SQLException {
    if (tableReady) {
      return;
    }
    // one thread creates it: concurrent CREATE TABLE IF NOT EXISTS collide in the catalog
    synchronized (tableLock) {
      if (!tableReady) {
        createTable(connection);
      }
    }
  }

  private void createTable(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      // a replica (the backup region's database) is read-only: the table comes by streaming
      if (inRecovery(statement)) {
        tableReady = true;
        return;
      }
      statement.execute("CREATE TABLE IF NOT EXISTS demo_items (id int PRIMARY KEY, name text NOT NULL)");
      statement.execute("INSERT INTO demo_items SELECT i, 'item-' || i FROM generate_series(0, "
          + (ITEMS - 1) + ") AS i ON CONFLICT (id) DO NOTHING");
    }
    tableReady = true;
  }

  private static boolean inRecovery(Statement statement) throws SQLException {
    try (ResultSet row = statement.executeQuery("SELECT pg_is_in_recovery()")) {
      return row.next() && row.getBoolean(1);
    }
  }

  /**
   * The Sentinel pool, made on first use: its constructor fails when no Sentinel answers, and
   * the demo must serve from PostgreSQL meanwhile. It follows failovers on its own.
   */
  private JedisSentinelPool redis() {
    synchronized (poolLock) {
      if (pool == null) {
        // The cache lives in database 1: database 0 stays the tests' own (dbsize, keys).
        JedisClientConfig master = DefaultJedisClientConfig.builder()
            .connectionTimeoutMillis(REDIS_TIMEOUT_MILLIS)
            .socketTimeoutMillis(REDIS_TIMEOUT_MILLIS)
            .clientName("demo-service")
            .database(CACHE_DATABASE)
            .autoNegotiateProtocol(false) // RESP2, without a warning per connection
            .build();
        JedisClientConfig sentinel = DefaultJedisClientConfig.builder()
            .connectionTimeoutMillis(REDIS_TIMEOUT_MILLIS)
            .socketTimeoutMillis(REDIS_TIMEOUT_MILLIS)
            .autoNegotiateProtocol(false)
            .build();
        JedisPoolConfig poolConfig = new JedisPoolConfig();
        poolConfig.setMaxTotal(16);
        poolConfig.setMaxWait(Duration.ofMillis(REDIS_TIMEOUT_MILLIS));
        poolConfig.setTestOnBorrow(false);
        pool = new JedisSentinelPool(masterName, sentinels, poolConfig, master, sentinel);
      }
      return pool;
    }
  }

  @Override
  public void close() {
    synchronized (poolLock) {
      if (pool != null) {
        pool.close();
        pool = null;
      }
    }
  }
}
