package dev.chaos.drivers.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaos.spi.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The seed's pod-failure scenario played by hand the way the interpreter will play it: a main
 * thread with the steps and a probe thread observing the error rate every 5s, on the virtual
 * clock. It takes no real time, and every run sees the same samples.
 */
@Timeout(20)
class WorldRehearsalTest {
  @Test
  void aRunbookWithProbesRehearsesDeterministicallyInNoTime() throws InterruptedException {
    long started = System.nanoTime();
    List<String> first = rehearse();
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    assertThat(rehearse()).isEqualTo(first);
    // baseline; while two of five backend pods start (killed at 5s, back 12s later) the
    // three ready ones take the traffic at 83% of their capacity, slower but without errors;
    // then the world's level after chaos
    assertThat(first).startsWith("t+0s 0.02%", "t+5s 0.02%", "t+10s 0.02%", "t+15s 0.02%",
        "t+20s 0.03%").hasSize(241).endsWith("main recovered at t+17s, done at t+20m");
  }

  private static List<String> rehearse() throws InterruptedException {
    World world = WorldLoader.defaultWorld();
    Clock clock = world.clock();
    K8sWorld k8s = world.k8s("");
    Results.Selector backend = k8s.selector("llm-marketplace", "tier=backend");
    List<String> log = Collections.synchronizedList(new ArrayList<>());
    AtomicBoolean over = new AtomicBoolean();
    Thread main = clock.start("main", () -> {
      Thread probe = clock.start("observe error_rate", () -> {
        try {
          while (!over.get()) {
            double ratio = world.prometheus().scalar("chaos:slo:error_rate:1m");
            log.add(at(world) + " " + dev.chaos.types.Value.percent(ratio * 100).display());
            clock.sleep(Duration.ofSeconds(5));
          }
        } catch (InterruptedException stopped) {
          Thread.currentThread().interrupt();
        }
      });
      try {
        clock.sleep(Duration.ofSeconds(5)); // after the baseline sample
        k8s.killPods(backend, k8s.countForFraction(backend, 30), Duration.ZERO);
        while (k8s.pods(backend).ready() < k8s.pods(backend).total()) {
          clock.sleep(Duration.ofSeconds(2));
        }
        String recovered = at(world);
        clock.sleep(Duration.ofMinutes(20).minusSeconds(17));
        over.set(true);
        probe.interrupt();
        clock.join(probe, clock.now().plusSeconds(1));
        log.add("main recovered at " + recovered + ", done at " + at(world));
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    });
    main.join();
    return List.copyOf(log);
  }

  private static String at(World world) {
    return "t+" + dev.chaos.types.ValueFormat.duration(
        Duration.between(world.start(), world.clock().now()));
  }
}
