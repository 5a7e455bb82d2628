package dev.chaos.drivers.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chaos.drivers.RealClockContext;
import dev.chaos.spi.Preview;
import dev.chaos.types.Value;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The live `redis` functions against the lab's Redis master, replica and Sentinels
 * ({@code scripts/lab up}, then {@code . target/lab/lab.env}); skipped when
 * {@code LAB_REDIS_SENTINELS} is not set.
 */
@EnabledIfEnvironmentVariable(named = "LAB_REDIS_SENTINELS", matches = ".+")
class LabRedisTest {
  private static final Duration BUDGET = Duration.ofSeconds(5);
  private static final Duration FAILOVER_WAIT = Duration.ofSeconds(40);

  private final String masterName = System.getenv().getOrDefault("LAB_REDIS_MASTER", "mymaster");
  private final String key = "chaos-test-" + UUID.randomUUID();
  private RedisClient client;
  private RedisCallContext calls;

  @BeforeEach
  void connect() {
    client = RedisClient.sentinel(
        Arrays.asList(System.getenv("LAB_REDIS_SENTINELS").split(",")), masterName, null);
    calls = new RedisCallContext(client, BUDGET);
  }

  @AfterEach
  void close() throws Exception {
    calls.call("redis.del", "key", Value.str(key));
    client.close();
  }

  /** Every mutating `redis` call previews what it would do and leaves the lab as it was. */
  @Test
  void aDryRunPreviewsEveryMutationAndChangesNothing() throws Exception {
    calls.call("redis.set", "key", Value.str(key), "value", Value.str("kept"));
    Value master = calls.call("redis.master", "name", Value.str(masterName));
    RealClockContext dry = new RealClockContext(BUDGET, true);

    calls.call(dry, "redis.set", "key", Value.str(key), "value", Value.str("changed"));
    assertThat(calls.call(dry, "redis.del", "key", Value.str(key))).isEqualTo(Value.bool(true));
    calls.call(dry, "redis.failover", "name", Value.str(masterName));
    calls.call(dry, "redis.replicaof_no_one", "node", master);
    calls.call(dry, "redis.flushall");

    assertThat(dry.previews).hasSize(5);
    assertThat(dry.previews.subList(0, 4)).extracting(Preview::action).containsExactly(
        "set redis key `" + key + "`", "delete redis key `" + key + "`",
        "fail redis master set `" + masterName + "` over to a replica",
        "promote redis node " + ((Value.Str) ((Value.Rec) master).field("host")).value() + ":"
            + ((Value.Int) ((Value.Rec) master).field("port")).value()
            + " to master (REPLICAOF NO ONE)");
    // the demo service may write keys meanwhile: the count is the one read at the call
    assertThat(dry.previews.get(4).action()).matches("delete all [1-9][0-9]* redis keys"
        + " \\(FLUSHALL\\)");
    assertThat(dry.previews.get(0).undo()).isEqualTo("restore the previous value of redis key `"
        + key + "`");
    assertThat(dry.previews.get(1).undo()).isEqualTo("restore redis key `" + key
        + "` with its value and expiry");
    assertThat(dry.undos).isEmpty();
    assertThat(calls.call("redis.get", "key", Value.str(key))).isEqualTo(Value.str("kept"));
    assertThat(calls.call("redis.master", "name", Value.str(masterName))).isEqualTo(master);
  }

  @Test
  void pingMeasuresARoundTrip() throws Exception {
    Duration roundTrip = ((Value.Duration) calls.call("redis.ping")).value();
    assertThat(roundTrip).isPositive().isLessThan(BUDGET);
  }

  @Test
  void setIsUndoneByRestoringThePreviousValue() throws Exception {
    calls.call("redis.set", "key", Value.str(key), "value", Value.str("before"),
        "ttl", Value.duration(Duration.ofMinutes(5)));
    calls.call("redis.set", "key", Value.str(key), "value", Value.str("during"));
    assertThat(calls.call("redis.get", "key", Value.str(key))).isEqualTo(Value.str("during"));

    calls.undoAll();

    assertThat(calls.undoDescriptions).containsExactly(
        "delete redis key `" + key + "`, which did not exist",
        "restore the previous value of redis key `" + key + "`");
    assertThat(calls.call("redis.exists", "key", Value.str(key))).isEqualTo(Value.bool(false));
  }

  @Test
  void delIsUndoneWithTheValueAndExpiry() throws Exception {
    calls.call("redis.set", "key", Value.str(key), "value", Value.str("kept"),
        "ttl", Value.duration(Duration.ofMinutes(5)));
    RedisCallContext deleting = new RedisCallContext(client, BUDGET);
    assertThat(deleting.call("redis.del", "key", Value.str(key))).isEqualTo(Value.bool(true));
    assertThat(deleting.call("redis.get", "key", Value.str(key))).isEqualTo(Value.str(""));

    deleting.undoAll();

    assertThat(calls.call("redis.get", "key", Value.str(key))).isEqualTo(Value.str("kept"));
    long ttl = client.onMaster(calls.context(), jedis -> jedis.pttl(key));
    assertThat(ttl).isBetween(1L, Duration.ofMinutes(5).toMillis());
  }

  @Test
  void dbsizeCountsAKeyWeSet() throws Exception {
    long before = ((Value.Int) calls.call("redis.dbsize")).value();
    calls.call("redis.set", "key", Value.str(key), "value", Value.str("x"));
    assertThat(((Value.Int) calls.call("redis.dbsize")).value()).isEqualTo(before + 1);
  }

  @Test
  void infoReadsTheMastersReplicationSection() throws Exception {
    Value.Map info = (Value.Map) calls.call("redis.info", "section",
        Value.str("replication"));
    assertThat(info.entries()).containsEntry(Value.str("role"), Value.str("master"));
  }

  @Test
  void anUnknownMasterSetIsAClearError() {
    assertThatThrownBy(() -> calls.call("redis.master", "name", Value.str("nosuch")))
        .isInstanceOf(RedisException.class)
        .hasMessage("redis sentinel " + System.getenv("LAB_REDIS_SENTINELS").split(",")[0]
            + " (nosuch): no master set `nosuch` is known to Sentinel");
  }

  @Test
  void aSentinelFailoverIsSeenThroughMaster() throws Exception {
    Value.Rec before = (Value.Rec) calls.call("redis.master", "name", Value.str(masterName));
    assertThat(((Value.Str) before.field("host")).value()).isEqualTo("127.0.0.1");

    Value.Rec after = failOver(before);
    assertThat(after).isNotEqualTo(before);
    // key commands follow the new master
    calls.call("redis.set", "key", Value.str(key), "value", Value.str("on the new master"));
    assertThat(calls.call("redis.get", "key", Value.str(key)))
        .isEqualTo(Value.str("on the new master"));

    // leave the lab as it was found: the first master back in its role, once the demoted node
    // has rejoined as a replica (Sentinel needs a linked replica to promote)
    awaitReplicaLinked();
    assertThat(failOver(after)).isEqualTo(before);
    awaitReplicaLinked();
  }

  /** Waits (bounded) until the demoted node is a replica again, so the lab is whole. */
  private void awaitReplicaLinked() throws Exception {
    Instant giveUp = Instant.now().plus(FAILOVER_WAIT);
    while (Instant.now().isBefore(giveUp)) {
      Value.Map info = (Value.Map) calls.call("redis.info", "section", Value.str("replication"));
      if (!Value.str("0").equals(info.entries().get(Value.str("connected_slaves")))) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no replica rejoined the master after " + FAILOVER_WAIT);
  }

  /**
   * Fails the master over and waits (bounded) until Sentinel names another one. A Sentinel may
   * accept a failover and then abort it (its view of the replica was a moment old): the request
   * is repeated until the master changes or the wait is over.
   */
  private Value.Rec failOver(Value.Rec from) throws Exception {
    Instant giveUp = Instant.now().plus(FAILOVER_WAIT);
    while (Instant.now().isBefore(giveUp)) {
      try {
        calls.call("redis.failover", "name", Value.str(masterName));
      } catch (RedisException e) {
        // a Sentinel refuses while the previous failover settles (INPROG, NOGOODSLAVE)
        Thread.sleep(500);
        continue;
      }
      Instant retry = Instant.now().plusSeconds(6);
      while (Instant.now().isBefore(retry)) {
        Value.Rec now = (Value.Rec) calls.call("redis.master", "name", Value.str(masterName));
        if (!now.equals(from)) {
          waitForWritable();
          return now;
        }
        Thread.sleep(200);
      }
    }
    throw new AssertionError("Sentinel still names " + from + " after " + FAILOVER_WAIT);
  }

  /** The promoted node answers as master once Sentinel has reconfigured it. */
  private void waitForWritable() throws Exception {
    Instant giveUp = Instant.now().plus(FAILOVER_WAIT);
    while (true) {
      try {
        Value.Map info = (Value.Map) calls.call("redis.info", "section",
            Value.str("replication"));
        if (info.entries().get(Value.str("role")).equals(Value.str("master"))) {
          return;
        }
      } catch (RedisException notYet) {
        if (Instant.now().isAfter(giveUp)) {
          throw notYet;
        }
      }
      if (Instant.now().isAfter(giveUp)) {
        throw new AssertionError("the new master never reported role:master");
      }
      Thread.sleep(200);
    }
  }
}
