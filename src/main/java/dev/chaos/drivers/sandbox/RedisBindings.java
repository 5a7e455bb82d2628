package dev.chaos.drivers.sandbox;

import static dev.chaos.drivers.Arguments.duration;
import static dev.chaos.drivers.Arguments.string;

import dev.chaos.spi.BuiltinImpl;
import dev.chaos.spi.Preview;
import dev.chaos.types.Value;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The `redis` functions on the world's Sentinel master sets and keys. */
final class RedisBindings {
  private RedisBindings() {}

  static void bind(World world, Map<String, BuiltinImpl> into) {
    RedisWorld redis = world.redis();
    into.put("redis.ping", (a, c) -> {
      Duration roundTrip = redis.ping();
      AnswerTime.take(c, roundTrip, null, "redis PING");
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
      Optional<RedisWorld.Entry> previous = redis.snapshot(key);
      String undo = previous.isPresent()
          ? "restore the previous value of redis key `" + key + "`"
          : "delete redis key `" + key + "`, which did not exist";
      if (c.dryRun(Preview.of("set redis key `" + key + "`").withTarget(key).withUndo(undo))) {
        return Value.UNIT;
      }
      Inverse<Boolean> inverse = Inverse.register(c, undo,
          (set, u) -> redis.restore(key, previous));
      redis.set(key, string(a, "value"), ttl);
      inverse.done(true);
      return Value.UNIT;
    });
    into.put("redis.del", (a, c) -> {
      String key = string(a, "key");
      Optional<RedisWorld.Entry> previous = redis.snapshot(key);
      if (c.dryRun(Preview.of("delete redis key `" + key + "`")
          .withTargets(previous.isPresent() ? List.of(key) : List.of())
          .withUndo(previous.isPresent()
              ? "restore redis key `" + key + "` with its value and expiry" : ""))) {
        return Value.bool(previous.isPresent());
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
      Results.Address master = redis.master(name); // an unknown master set fails here
      if (c.dryRun(Preview.of("fail redis master set `" + name + "` over to a replica")
          .withTarget(name + " (master " + master.host() + ":" + master.port() + ")"))) {
        return Value.UNIT;
      }
      redis.failover(name);
      return Value.UNIT;
    });
    into.put("redis.replicaof_no_one", (a, c) -> {
      String node = node(a.get("node"));
      if (c.dryRun(Preview.of("promote redis node " + node + " to master (REPLICAOF NO ONE)")
          .withTarget(node))) {
        return Value.UNIT;
      }
      redis.replicaofNoOne(node);
      return Value.UNIT;
    });
    into.put("redis.flushall", (a, c) -> {
      int keys = redis.dbsize();
      if (c.dryRun(Preview.of("delete all " + keys + " redis keys (FLUSHALL)")
          .withShare(keys, keys, "every key of every database"))) {
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
