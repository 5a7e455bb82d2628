package dev.chaos.drivers.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded random pod health and calls: every distribution the model makes covers all of the
 * requests once, its error share is a share, another try never fails more calls, and a
 * fallback that answers never fails more calls than no fallback.
 */
class ServiceModelPropertyTest {
  @Test
  void retriesAndFallbacksNeverMakeThingsWorse() {
    long seed = System.nanoTime();
    System.out.println("ServiceModelPropertyTest seed " + seed);
    Random random = new Random(seed);
    for (int i = 0; i < 2000; i++) {
      WorldSpec.ServiceSpec api = new WorldSpec.ServiceSpec("api", "deployment", "", "shop",
          "api", Duration.ofMillis(1 + random.nextInt(500)), random.nextDouble() * 0.2,
          0.05 + random.nextDouble() * 1.5, 0.9, "api", Duration.ofSeconds(1), false,
          List.of(), 1);
      PodHealth health = new PodHealth(random.nextDouble(),
          Duration.ofMillis(random.nextInt(3000)), random.nextDouble(),
          1 + random.nextDouble() * 3);
      Outcome pods = RequestMath.served(api, random.nextDouble() * 3, health);
      assertThat(total(pods)).as("seed %d, case %d", seed, i).isCloseTo(1.0, within());
      Duration timeout = Duration.ofMillis(100 + random.nextInt(3000));
      int retries = random.nextInt(4);
      Outcome fewer = RequestMath.through(pods, dep(timeout, retries), null, 30);
      Outcome more = RequestMath.through(pods, dep(timeout, retries + 1), null, 30);
      Outcome fallback = RequestMath.through(pods, dep(timeout, retries),
          share -> Outcome.ok(0.01), 30);
      for (Outcome o : List.of(fewer, more, fallback)) {
        assertThat(total(o)).as("seed %d, case %d", seed, i).isCloseTo(1.0, within());
        assertThat(o.errorShare()).isBetween(-1e-12, 1 + 1e-12);
        assertThat(o.quantile(0.95, 30)).isBetween(0.0, 30.0);
      }
      assertThat(more.errorShare()).as("seed %d, case %d", seed, i)
          .isLessThanOrEqualTo(fewer.errorShare() + 1e-12);
      assertThat(fallback.errorShare()).as("seed %d, case %d", seed, i).isLessThan(1e-12);
    }
  }

  private static WorldSpec.DependencySpec dep(Duration timeout, int retries) {
    return new WorldSpec.DependencySpec("api", timeout, retries, "");
  }

  private static double total(Outcome o) {
    return o.points().stream().mapToDouble(Outcome.Point::share).sum();
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-9);
  }
}
