package dev.chaos.drivers.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The complete example of docs/sandbox.md loads and behaves as the doc says. */
@Timeout(20)
class SandboxDocTest {
  private static String example() throws IOException {
    String doc = Files.readString(Path.of("docs/sandbox.md"));
    int section = doc.indexOf("## A complete example");
    int start = doc.indexOf("```yaml\n", section) + "```yaml\n".length();
    return doc.substring(start, doc.indexOf("```", start));
  }

  @Test
  void theCompleteExampleLoadsAndWorks() throws IOException, InterruptedException {
    World world = WorldLoader.create(WorldLoader.parse(example(), "docs/sandbox.md"));
    K8sWorld k8s = world.k8s("");
    Results.Selector api = k8s.selector("", "app=api");
    assertThat(k8s.pods(api).ready()).isEqualTo(4);
    assertThat(world.postgres().scalar("select count(*) from orders where status = 'pending'"))
        .isEqualTo(17L);
    assertThat(world.postgres().execute(
        "UPDATE orders SET status = 'cancelled' WHERE status = 'pending';")).isEqualTo(17L);
    assertThat(world.http().post("http://api.shop:8080/admin/cache/rebuild", "", "", null)
        .status()).isEqualTo(202);
    assertThat(world.prometheus().vector("shop_orders_per_second")).singleElement()
        .satisfies(s -> assertThat(s.labels()).containsEntry("service", "api"));

    k8s.apply("""
        kind: PodChaos
        metadata: {name: kill-one, namespace: chaos-testing}
        spec: {action: pod-kill}
        """, "");
    assertThat(k8s.pods(api).ready()).isEqualTo(3); // kill: 25% of 4
    // three pods take the traffic of four: busier, slower, no error
    assertThat(world.prometheus().scalar("chaos:slo:latency:p95:1m")).isGreaterThan(0.22);
    assertThat(world.prometheus().scalar("chaos:slo:error_rate:1m")).isCloseTo(0.0008,
        Offset.offset(1e-9));
    world.clock().sleep(Duration.ofSeconds(20));
    assertThat(world.prometheus().scalar("chaos:slo:latency:p95:1m"))
        .isCloseTo(1.72, Offset.offset(1e-9)); // the fault from chaos+20s
    assertThat(world.shell().run("./scripts/check.sh", List.of(), null).exit()).isEqualTo(1);
    k8s.killPods(api, 4, Duration.ZERO);
    assertThat(world.http().get("http://api.shop:8080/healthz", null).status()).isEqualTo(503);
    assertThat(world.prometheus().scalar("chaos:slo:error_rate:1m")).isEqualTo(1.0);
    assertThat(world.spec().env()).containsEntry("SHOP_NAMESPACE", "shop");
    assertThat(world.spec().secrets()).containsOnlyKeys("webhook-token");
  }
}
