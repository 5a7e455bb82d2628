package dev.chaos.drivers.redis;

import static dev.chaos.spi.Param.named;
import static dev.chaos.spi.Param.positional;

import dev.chaos.drivers.RecordTypes;
import dev.chaos.drivers.SignatureTable;
import dev.chaos.spi.Builtin;
import dev.chaos.spi.Driver;
import dev.chaos.spi.LiveBinding;
import dev.chaos.spi.Param;
import dev.chaos.spi.Signature;
import dev.chaos.types.Type;
import java.util.List;
import java.util.Optional;

/**
 * Redis, directly or through Sentinel (Jedis at run time). Key commands go to the current
 * master as Sentinel names it, so they follow a failover.
 */
public final class RedisDriver implements Driver {
  private static final Param KEY = positional("key", Type.STRING, "The key.");
  private static final Param MASTER_NAME = positional("name", Type.STRING,
      "The master's name in the Sentinel configuration, such as `mymaster`.");

  private final List<Builtin> builtins = new SignatureTable("redis")
      .read("ping", Signature.of(Type.DURATION),
          "The round trip of a PING to the master; no answer is an error.")
      .read("get", Signature.of(Type.STRING, KEY),
          "The value of a key; the empty string when the key does not exist.")
      .read("exists", Signature.of(Type.BOOL, KEY), "Whether a key exists.")
      .mutate("set", Signature.of(Type.UNIT, KEY,
              positional("value", Type.STRING, "The new value."),
              named("ttl", Type.DURATION, "no expiry", "Time after which the key expires.")),
          "Sets a key on the master.",
          "restores the previous value, or deletes the key when it did not exist")
      .mutate("del", Signature.of(Type.BOOL, KEY),
          "Deletes a key and returns whether it existed.",
          "restores the deleted value and its expiry")
      .read("dbsize", Signature.of(Type.INT), "The number of keys in the database.")
      .read("info", Signature.of(Type.map(Type.STRING, Type.STRING),
              positional("section", Type.STRING,
                  "An INFO section: `server`, `replication`, `stats`, `keyspace`, ...")),
          "The fields of one INFO section of the master, such as `keyspace_hits`.")
      .read("master", Signature.of(RecordTypes.ADDRESS, MASTER_NAME),
          "The current master's address, as `SENTINEL get-master-addr-by-name` reports it.")
      .mutateWithoutInverse("failover", Signature.of(Type.UNIT, MASTER_NAME),
          "Asks Sentinel to fail the master over to a replica and returns at once.",
          "the old master rejoins as a replica; fail over again to move the role back.")
      .mutateWithoutInverse("replicaof_no_one", Signature.of(Type.UNIT,
              positional("node", new Type.Union(List.of(RecordTypes.ADDRESS, Type.STRING)),
                  "The replica to promote: an Address or `host:port`.")),
          "Promotes a replica to master by hand (`REPLICAOF NO ONE`), as the seed's rollback"
              + " does.",
          "the topology changed and Sentinel manages it from here.")
      .mutateWithoutInverse("flushall", Signature.of(Type.UNIT),
          "Deletes every key of every database on the master.",
          "the data is gone; mark the step `irreversible`.")
      .build();

  @Override
  public String namespace() {
    return "redis";
  }

  @Override
  public String doc() {
    return "Redis and Redis Sentinel: health, keys, topology and failover.";
  }

  @Override
  public List<Builtin> builtins() {
    return builtins;
  }

  /** Built only by a live run: the binding's class may load client libraries. */
  @Override
  public Optional<LiveBinding> live() {
    return Optional.of(new RedisLive());
  }
}
