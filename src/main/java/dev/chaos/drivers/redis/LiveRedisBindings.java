package dev.chaos.drivers.redis;

import java.util.Base64;
import dev.chaos.spi.UndoRecipe;

import static dev.chaos.drivers.Arguments.duration;
import static dev.chaos.drivers.Arguments.string;

import dev.chaos.drivers.RecordTypes;
import dev.chaos.spi.BuiltinImpl;
import dev.chaos.spi.CallContext;
import dev.chaos.spi.Preview;
import dev.chaos.types.Value;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.params.RestoreParams;

/**
 * The `redis` functions on a real deployment, one per row of {@link RedisDriver}'s table, with
 * the value shapes the sandbox gives ({@code Address} records, INFO as a string map), so a
 * runbook rehearsed in the sandbox reads the same fields live.
 */
public final class LiveRedisBindings {
  private LiveRedisBindings() {}

  /** A key as it was: its DUMP payload and its remaining time to live (null: no expiry). */
  record Snapshot(byte[] payload, Long ttlMillis) {}

  /** Puts the implementation of every `redis` builtin, by qualified name, into {@code into}. */
  public static void bind(RedisClient client, Map<String, BuiltinImpl> into) {
    into.put("redis.ping", (a, c) -> Value.duration(client.onMaster(c, jedis -> {
      long start = System.nanoTime();
      jedis.ping();
      return Duration.ofNanos(System.nanoTime() - start);
    })));
    into.put("redis.get", (a, c) -> {
      String value = client.onMaster(c, jedis -> jedis.get(string(a, "key")));
      return Value.str(value == null ? "" : value);
    });
    into.put("redis.exists", (a, c) ->
        Value.bool(client.onMaster(c, jedis -> jedis.exists(string(a, "key")))));
    into.put("redis.set", (a, c) -> {
      String key = string(a, "key");
      String value = string(a, "value");
      Duration ttl = duration(a, "ttl", null);
      if (ttl != null && (ttl.isNegative() || ttl.isZero())) {
        throw new IllegalArgumentException("redis SET " + key + ": ttl must be more than 0s");
      }
      Snapshot previous = snapshot(client, c, key);
      String undo = previous != null
          ? "restore the previous value of redis key `" + key + "`"
          : "delete redis key `" + key + "`, which did not exist";
      if (c.dryRun(Preview.of("set redis key `" + key + "`").withTarget(key).withUndo(undo))) {
        return Value.UNIT;
      }
      AtomicBoolean written = new AtomicBoolean();
      c.registerUndo(undo, restoreRecipe(key, previous),
          u -> {
            if (written.get()) {
              restore(client, u, key, previous);
            }
          });
      // set before the write is sent: a SET whose answer never comes (the run stopped, the
      // call timed out) may still have been carried out, and putting back is harmless if not
      written.set(true);
      client.onMaster(c, jedis -> ttl == null ? jedis.set(key, value)
          : jedis.psetex(key, ttl.toMillis(), value));
      return Value.UNIT;
    });
    into.put("redis.del", (a, c) -> {
      String key = string(a, "key");
      Snapshot previous = snapshot(client, c, key);
      if (c.dryRun(Preview.of("delete redis key `" + key + "`")
          .withTargets(previous != null ? List.of(key) : List.of())
          .withUndo(previous != null
              ? "restore redis key `" + key + "` with its value and expiry" : ""))) {
        return Value.bool(previous != null);
      }
      if (previous == null) {
        // nothing is deleted, so there is nothing to put back
        return Value.bool(client.onMaster(c, jedis -> jedis.del(key)) > 0);
      }
      AtomicBoolean deleted = new AtomicBoolean();
      c.registerUndo("restore redis key `" + key + "` with its value and expiry",
          restoreRecipe(key, previous), u -> {
        if (deleted.get()) {
          restore(client, u, key, previous);
        }
      });
      // as for SET: a DEL whose answer never comes may still have been carried out
      deleted.set(true);
      boolean existed = client.onMaster(c, jedis -> jedis.del(key)) > 0;
      return Value.bool(existed);
    });
    into.put("redis.dbsize", (a, c) -> Value.integer(client.onMaster(c, jedis -> jedis.dbSize())));
    into.put("redis.info", (a, c) -> Value.stringMap(
        info(client.onMaster(c, jedis -> jedis.info(string(a, "section"))))));
    into.put("redis.master", (a, c) -> {
      HostAndPort master = client.master(c, string(a, "name"));
      return RecordTypes.address(master.getHost(), master.getPort());
    });
    into.put("redis.failover", (a, c) -> {
      String name = string(a, "name");
      HostAndPort master = client.master(c, name); // an unknown master set fails here
      if (c.dryRun(Preview.of("fail redis master set `" + name + "` over to a replica")
          .withTarget(name + " (master " + master.getHost() + ":" + master.getPort() + ")"))) {
        return Value.UNIT;
      }
      client.onSentinel(c, name, jedis -> jedis.sentinelFailover(name));
      return Value.UNIT;
    });
    into.put("redis.replicaof_no_one", (a, c) -> {
      String node = node(a.get("node"));
      if (c.dryRun(Preview.of("promote redis node " + node + " to master (REPLICAOF NO ONE)")
          .withTarget(node))) {
        return Value.UNIT;
      }
      client.onNode(c, node, jedis -> jedis.replicaofNoOne());
      return Value.UNIT;
    });
    into.put("redis.flushall", (a, c) -> {
      long keys = client.onMaster(c, jedis -> jedis.dbSize());
      if (c.dryRun(Preview.of("delete all " + keys + " redis keys (FLUSHALL)")
          .withShare((int) keys, (int) keys, "every key of every database"))) {
        return Value.UNIT;
      }
      client.onMaster(c, jedis -> jedis.flushAll());
      return Value.UNIT;
    });
  }

  /** The fields of an INFO reply: `name:value` lines, without `# Section` headers. */
  static Map<String, String> info(String reply) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (String line : reply.split("\\R")) {
      int colon = line.indexOf(':');
      if (!line.isBlank() && !line.startsWith("#") && colon > 0) {
        fields.put(line.substring(0, colon), line.substring(colon + 1).strip());
      }
    }
    return fields;
  }

  static final String RESTORE = "restore";

  /**
   * The inverse of `redis.set` and `redis.del` as values: the key and its previous value as
   * Redis DUMP bytes (base64) with its expiry, or none when the key did not exist.
   */
  static UndoRecipe restoreRecipe(String key, Snapshot previous) {
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("key", key);
    if (previous == null) {
      args.put("previous", null);
    } else {
      Map<String, Object> value = new LinkedHashMap<>();
      value.put("dump_base64", Base64.getEncoder().encodeToString(previous.payload()));
      value.put("ttl_ms", previous.ttlMillis());
      args.put("previous", value);
    }
    return new UndoRecipe("redis", RESTORE, args);
  }

  /** `chaos recover`: puts the key back as the recipe says (idempotent). */
  static void recover(RedisClient client, UndoRecipe recipe, CallContext context)
      throws Exception {
    if (!recipe.action().equals(RESTORE) || !(recipe.args().get("key") instanceof String key)) {
      throw recipe.unknown();
    }
    Snapshot previous = null;
    if (recipe.args().get("previous") instanceof Map<?, ?> value) {
      Object ttl = value.get("ttl_ms");
      previous = new Snapshot(Base64.getDecoder().decode((String) value.get("dump_base64")),
          ttl instanceof Long l ? l : null);
    }
    restore(client, context, key, previous);
  }

  /** The key as it is now, or null when it does not exist. */
  private static Snapshot snapshot(RedisClient client, CallContext context, String key)
      throws Exception {
    return client.onMaster(context, jedis -> {
      byte[] payload = jedis.dump(key);
      if (payload == null) {
        return null;
      }
      long ttl = jedis.pttl(key);
      return new Snapshot(payload, ttl > 0 ? ttl : null);
    });
  }

  /** Puts {@code key} back as {@code previous} was, or deletes it when it did not exist. */
  private static void restore(RedisClient client, CallContext context, String key,
      Snapshot previous) throws Exception {
    client.onMaster(context, jedis -> previous == null ? jedis.del(key)
        : jedis.restore(key, previous.ttlMillis() == null ? 0 : previous.ttlMillis(),
            previous.payload(), RestoreParams.restoreParams().replace()));
  }


  /** An `Address` record or `host:port` text. */
  private static String node(Value value) {
    if (value instanceof Value.Rec address) {
      return dev.chaos.drivers.Arguments.field(address, "host") + ":"
          + ((Value.Int) address.field("port")).value();
    }
    return ((Value.Str) value).value();
  }
}
