package dev.chaos.drivers.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chaos.types.Value;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A Redis or Sentinel that is not there: every call fails within its deadline, in one line. */
class RedisClosedPortTest {
  private static final Duration BUDGET = Duration.ofSeconds(2);

  private static int closedPort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Test
  void everyDirectCallNamesTheNodeAndSaysConnectionRefused() throws Exception {
    int port = closedPort();
    try (RedisClient client = RedisClient.direct("127.0.0.1:" + port, null)) {
      RedisCallContext calls = new RedisCallContext(client, BUDGET);
      Map<String, Object[]> cases = Map.of(
          "redis.ping", new Object[0],
          "redis.get", new Object[] {"key", Value.str("k")},
          "redis.exists", new Object[] {"key", Value.str("k")},
          "redis.set", new Object[] {"key", Value.str("k"), "value", Value.str("v")},
          "redis.del", new Object[] {"key", Value.str("k")},
          "redis.dbsize", new Object[0],
          "redis.info", new Object[] {"section", Value.str("server")},
          "redis.flushall", new Object[0],
          "redis.replicaof_no_one", new Object[] {"node", Value.str("127.0.0.1:" + port)});
      for (Map.Entry<String, Object[]> call : cases.entrySet()) {
        long start = System.nanoTime();
        assertThatThrownBy(() -> calls.call(call.getKey(), call.getValue()))
            .as(call.getKey())
            .isInstanceOf(RedisException.class)
            .hasMessage("redis 127.0.0.1:" + port + ": connection refused");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(BUDGET);
      }
      assertThat(calls.undoDescriptions).isEmpty();
    }
  }

  @Test
  void sentinelCallsNameTheFirstSentinelAndTheMasterSet() throws Exception {
    int first = closedPort();
    int second = closedPort();
    try (RedisClient client = RedisClient.sentinel(
        List.of("127.0.0.1:" + first, "127.0.0.1:" + second), "mymaster", null)) {
      RedisCallContext calls = new RedisCallContext(client, BUDGET);
      String expected = "redis sentinel 127.0.0.1:" + first + " (mymaster): connection refused";
      assertThatThrownBy(() -> calls.call("redis.master", "name", Value.str("mymaster")))
          .isInstanceOf(RedisException.class).hasMessage(expected);
      assertThatThrownBy(() -> calls.call("redis.failover", "name", Value.str("mymaster")))
          .isInstanceOf(RedisException.class).hasMessage(expected);
      assertThatThrownBy(() -> calls.call("redis.get", "key", Value.str("k")))
          .isInstanceOf(RedisException.class).hasMessage(expected);
    }
  }

  @Test
  void aSilentServerTimesOutAtTheDeadline() throws Exception {
    // accepts connections (the backlog) but never answers
    try (ServerSocket silent = new ServerSocket(0);
        RedisClient client = RedisClient.direct("127.0.0.1:" + silent.getLocalPort(), null)) {
      RedisCallContext calls = new RedisCallContext(client, Duration.ofMillis(400));
      long start = System.nanoTime();
      assertThatThrownBy(() -> calls.call("redis.ping"))
          .isInstanceOf(RedisException.class)
          // what remained of the 400ms when the call started: not a fixed figure
          .hasMessageMatching(java.util.regex.Pattern.quote("redis 127.0.0.1:"
              + silent.getLocalPort() + ": timed out after ") + "[1-9][0-9]{0,2}ms");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }
  }

  @Test
  void anInterruptStopsTheWaitAtOnce() throws Exception {
    try (ServerSocket silent = new ServerSocket(0);
        RedisClient client = RedisClient.direct("127.0.0.1:" + silent.getLocalPort(), null)) {
      RedisCallContext calls = new RedisCallContext(client, Duration.ofSeconds(30));
      AtomicReference<Thread> caller = new AtomicReference<>();
      CompletableFuture<Throwable> outcome = CompletableFuture.supplyAsync(() -> {
        caller.set(Thread.currentThread());
        try {
          calls.call("redis.ping");
          return null;
        } catch (Throwable t) {
          return t;
        }
      });
      Thread.sleep(300);
      long start = System.nanoTime();
      caller.get().interrupt();
      assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    }
  }

  @Test
  void aMasterNameNeedsSentinel() throws Exception {
    try (RedisClient client = RedisClient.direct("127.0.0.1:" + closedPort(), null)) {
      assertThatThrownBy(() -> new RedisCallContext(client, BUDGET)
          .call("redis.master", "name", Value.str("mymaster")))
          .isInstanceOf(RedisException.class)
          .hasMessageEndingWith("master set `mymaster` needs Sentinel; this Redis is configured"
              + " as a single node");
    }
  }

  @Test
  void infoRepliesBecomeFields() {
    assertThat(LiveRedisBindings.info("# Replication\r\nrole:master\r\nconnected_slaves:1\r\n\r\n"))
        .containsExactly(Map.entry("role", "master"), Map.entry("connected_slaves", "1"));
  }
}
