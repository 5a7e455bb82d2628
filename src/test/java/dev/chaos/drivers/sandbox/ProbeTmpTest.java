package dev.chaos.drivers.sandbox;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProbeTmpTest {
  static String s(World w) {
    ServiceModel.Users u = w.services().usersAt(w.clock().now());
    return String.format("err=%.4f%% p95=%.0fms med=%.0fms series err=%.4f%% p95=%.0fms %s",
        u.errorShare() * 100, u.p95() * 1000, u.median() * 1000,
        w.prometheus().scalar("chaos:slo:error_rate:1m") * 100,
        w.prometheus().scalar("chaos:slo:latency:p95:1m") * 1000, w.services().usersWhenHealthy());
  }

  @Test
  void probe() throws Exception {
    World w = WorldLoader.defaultWorld();
    K8sWorld k8s = w.k8s("");
    System.out.println("P0 " + s(w));
    k8s.apply("""
        apiVersion: chaos-mesh.org/v1alpha1
        kind: NetworkChaos
        metadata: {name: graphql-network-latency, namespace: chaos-testing}
        spec:
          action: delay
          selector: {namespaces: [llm-marketplace], labelSelectors: {app: graphql-gateway}}
          delay: {latency: 200ms}
          duration: 5m
        """, "");
    System.out.println("P1 " + s(w));
    for (int i = 0; i < 10; i++) {
      w.clock().sleep(Duration.ofSeconds(30));
      System.out.println("P " + i + " " + s(w) + " gw " + k8s.hpa("graphql-gateway", "llm-marketplace"));
    }
  }
}
