package dev.chaos.drivers.sandbox;

import static dev.chaos.drivers.Arguments.duration;
import static dev.chaos.drivers.Arguments.string;
import static dev.chaos.drivers.sandbox.Calls.dryRun;

import dev.chaos.spi.BuiltinImpl;
import dev.chaos.types.Value;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** The `redis` functions on the world's Sentinel master sets and keys. */
final class RedisBindings {
  private RedisBindings() {}

  static void bind(World world, Map<String, BuiltinImpl> into) {
    RedisWorld redis = world.redis();
    into.put("redis.ping", (a, c) -> {
      Duration roundTrip = redis.ping();
      Calls.take(c, roundTrip, null, "redis PING");
      return Value.duration(roundTrip);
    });
    into.put("redis.get", (a, c) -> Value.str(redis.get(string(a, "key"))));
    into.put("redis.exists", (a, c) -> Value.bool(redis.exists(string(a, "key"))));
    into.put("redis.set", (a, c) -> {
      String key = string(a, "key");
      Duration ttl = duration(a, "ttl", null);
      if (ttl != null && (ttl.isNegative() || ttl.isZero())) {
        throw new IllegalArgumentException("redis SET " + key + ": ttl must be more than 0s");
      }
      if (dryRun(c, "set redis key `" + key + "`")) {
        return Value.UNIT;
      }
      Optional<RedisWorld.Entry> previous = redis.snapshot(key);
      Inverse<Boolean> inverse = Inverse.register(c, previous.isPresent()
              ? "restore the previous value of redis key `" + key + "`"
              : "delete redis key `" + key + "`, which did not exist",
          (set, u) -> redis.restore(key, previous));
      redis.set(key, string(a, "value"), ttl);
      inverse.done(true);
      return Value.UNIT;
    });
    into.put("redis.del", (a, c) -> {
      String key = string(a, "key");
      Optional<RedisWorld.Entry> previous = redis.snapshot(key);
      if (dryRun(c, "delete redis key `" + key + "`")) {
        return Value.bool(redis.exists(key));
      }
      if (previous.isEmpty()) {
        // nothing is deleted, so there is nothing to put back
        return Value.bool(redis.del(key));
      }
      Inverse<Boolean> inverse = Inverse.register(c,
          "restore redis key `" + key + "` with its value and expiry",
          (deleted, u) -> redis.restore(key, previous));
      return Value.bool(inverse.done(redis.del(key)));
    });
    into.put("redis.dbsize", (a, c) -> Value.integer(redis.dbsize()));
    into.put("redis.info", (a, c) -> Value.stringMap(redis.info(string(a, "section"))));
    into.put("redis.master", (a, c) -> redis.master(string(a, "name")).toValue());
    into.put("redis.failover", (a, c) -> {
      String name = string(a, "name");
      if (dryRun(c, "fail redis master set `" + name + "` over to a replica")) {
        redis.master(name); // an unknown master set fails as the real call would
        return Value.UNIT;
      }
      redis.failover(name);
      return Value.UNIT;
    });
    into.put("redis.replicaof_no_one", (a, c) -> {
      String node = node(a.get("node"));
      if (dryRun(c, "promote redis node " + node + " to master (REPLICAOF NO ONE)")) {
        return Value.UNIT;
      }
      redis.replicaofNoOne(node);
      return Value.UNIT;
    });
    into.put("redis.flushall", (a, c) -> {
      if (dryRun(c, "delete all " + redis.dbsize() + " redis keys (FLUSHALL)")) {
        return Value.UNIT;
      }
      redis.flushall();
      return Value.UNIT;
    });
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
