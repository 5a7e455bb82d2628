package dev.chaos.drivers.redis;

import dev.chaos.spi.CallContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * One Redis deployment: a single node, or a master set behind Sentinels. Each call opens its
 * own connection with connect and socket timeouts taken from the call's deadline, so a call
 * never outlives its deadline; with Sentinel, key commands first ask a Sentinel for the
 * current master ({@code SENTINEL get-master-addr-by-name}), so they follow a failover. Thread
 * safe; close it when the run ends.
 */
public final class RedisClient implements AutoCloseable {
  private final HostAndPort node;
  private final List<HostAndPort> sentinels;
  private final String masterName;
  private final String password;
  private final ExecutorService workers = Executors.newCachedThreadPool(runnable -> {
    Thread thread = new Thread(runnable, "redis-call");
    thread.setDaemon(true);
    return thread;
  });

  private RedisClient(HostAndPort node, List<HostAndPort> sentinels, String masterName,
      String password) {
    this.node = node;
    this.sentinels = sentinels;
    this.masterName = masterName;
    this.password = password;
  }

  /**
   * A single node at {@code address} ({@code host:port}); {@code password} null for none.
   *
   * @throws IllegalArgumentException when {@code address} is not host:port
   */
  public static RedisClient direct(String address, String password) {
    return new RedisClient(parse(address), List.of(), null, password);
  }

  /**
   * The master set {@code masterName} behind {@code sentinels} (each {@code host:port}, asked
   * in order); {@code password} is the nodes' (null for none), Sentinels are asked without one.
   *
   * @throws IllegalArgumentException when there is no Sentinel or one is not host:port
   */
  public static RedisClient sentinel(List<String> sentinels, String masterName,
      String password) {
    if (sentinels.isEmpty()) {
      throw new IllegalArgumentException("redis: no Sentinel address for master `"
          + masterName + "`");
    }
    List<HostAndPort> parsed = new ArrayList<>();
    for (String sentinel : sentinels) {
      parsed.add(parse(sentinel));
    }
    return new RedisClient(null, List.copyOf(parsed), masterName, password);
  }

  /** What messages name: the node, or the Sentinels and the master set. */
  public String target() {
    return node != null ? "redis " + node
        : "redis sentinel " + sentinels.get(0) + " (" + masterName + ")";
  }

  /** Runs {@code work} on a connection to the master (as Sentinel names it now). */
  <T> T onMaster(CallContext context, Command<T> work)
      throws RedisException, InterruptedException {
    return RedisCall.run(workers, context, target(), session -> {
      HostAndPort master = node != null ? node : masterAddress(session, masterName);
      return onNode(session, master, password, work);
    });
  }

  /** Runs {@code work} on a connection to {@code address}, with the nodes' password. */
  <T> T onNode(CallContext context, String address, Command<T> work)
      throws RedisException, InterruptedException {
    HostAndPort target = parse(address);
    return RedisCall.run(workers, context, "redis " + target,
        session -> onNode(session, target, password, work));
  }

  /** The address of master set {@code name}, from the first Sentinel that answers. */
  HostAndPort master(CallContext context, String name)
      throws RedisException, InterruptedException {
    requireSentinel(name);
    return RedisCall.run(workers, context, sentinelTarget(sentinels.get(0), name),
        session -> masterAddress(session, name));
  }

  /** Runs {@code work} on the first Sentinel that accepts a connection. */
  <T> T onSentinel(CallContext context, String name, Command<T> work)
      throws RedisException, InterruptedException {
    requireSentinel(name);
    return RedisCall.run(workers, context, sentinelTarget(sentinels.get(0), name),
        session -> firstSentinel(session, name, work));
  }

  @Override
  public void close() {
    workers.shutdownNow();
  }

  /** Work on one open connection. */
  @FunctionalInterface
  interface Command<T> {
    T run(Jedis connection) throws Exception;
  }

  private HostAndPort masterAddress(RedisCall.Session session, String name) throws Exception {
    List<String> address = firstSentinel(session, name,
        jedis -> jedis.sentinelGetMasterAddrByName(name));
    if (address == null || address.size() != 2) {
      throw new RedisException(sentinelTarget(sentinels.get(0), name),
          "no master set `" + name + "` is known to Sentinel");
    }
    return new HostAndPort(address.get(0), Integer.parseInt(address.get(1)));
  }

  /**
   * Asks the Sentinels in order; a Sentinel that cannot be reached passes to the next, and when
   * none can, the first one's failure is the message.
   */
  private <T> T firstSentinel(RedisCall.Session session, String name, Command<T> work)
      throws Exception {
    Exception first = null;
    for (HostAndPort sentinel : sentinels) {
      session.talkingTo(sentinelTarget(sentinel, name));
      try (Jedis jedis = session.track(connect(session, sentinel, null))) {
        jedis.connect();
        return work.run(jedis);
      } catch (redis.clients.jedis.exceptions.JedisConnectionException unreachable) {
        if (first == null) {
          first = unreachable;
        }
      }
    }
    session.talkingTo(sentinelTarget(sentinels.get(0), name));
    throw first;
  }

  private static <T> T onNode(RedisCall.Session session, HostAndPort address, String password,
      Command<T> work) throws Exception {
    session.talkingTo("redis " + address);
    try (Jedis jedis = session.track(connect(session, address, password))) {
      jedis.connect();
      return work.run(jedis);
    }
  }

  private static Jedis connect(RedisCall.Session session, HostAndPort address, String password) {
    int timeout = session.timeoutMillis();
    DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
        // RESP2, as every Redis and Sentinel speaks it: no HELLO negotiation, no warning
        .protocol(redis.clients.jedis.RedisProtocol.RESP2)
        .connectionTimeoutMillis(timeout)
        .socketTimeoutMillis(timeout);
    if (password != null && !password.isEmpty()) {
      config.password(password);
    }
    return new Jedis(address, config.build());
  }

  private void requireSentinel(String name) throws RedisException {
    if (sentinels.isEmpty()) {
      throw new RedisException(target(), "master set `" + name
          + "` needs Sentinel; this Redis is configured as a single node");
    }
  }

  private static String sentinelTarget(HostAndPort sentinel, String name) {
    return "redis sentinel " + sentinel + " (" + name + ")";
  }

  private static HostAndPort parse(String address) {
    String text = address.strip();
    int colon = text.lastIndexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      throw new IllegalArgumentException("redis address `" + address + "` is not host:port");
    }
    try {
      int port = Integer.parseInt(text.substring(colon + 1));
      if (port < 1 || port > 65535) {
        throw new NumberFormatException();
      }
      return new HostAndPort(text.substring(0, colon).replaceAll("^\\[|\\]$", ""), port);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("redis address `" + address + "` has no valid port");
    }
  }
}
