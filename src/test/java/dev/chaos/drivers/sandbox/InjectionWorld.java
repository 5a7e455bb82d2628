package dev.chaos.drivers.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The world of src/test/resources/sandbox/injection-world.yaml, and what tests read of it. */
final class InjectionWorld {
  final World world;

  InjectionWorld() {
    try (InputStream in = InjectionWorld.class.getResourceAsStream(
        "/sandbox/injection-world.yaml")) {
      world = WorldLoader.create(WorldLoader.parse(new String(in.readAllBytes(),
          StandardCharsets.UTF_8), "injection-world.yaml"));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  K8sWorld k8s() {
    return world.k8s("");
  }

  void advance(Duration d) throws InterruptedException {
    world.clock().sleep(d);
  }

  Instant now() {
    return world.clock().now();
  }

  Deployment deployment(String cluster, String name) {
    for (Deployment d : world.k8s(cluster).deployments()) {
      if (d.name().equals(name)) {
        return d;
      }
    }
    throw new IllegalArgumentException(name);
  }

  Deployment deployment(String name) {
    return deployment("", name);
  }

  PodHealth health(String name) {
    Deployment d = deployment(name);
    return world.read(d::healthAt);
  }

  PodHealth health(String name, String caller) {
    Deployment d = deployment(name);
    Deployment c = deployment(caller);
    return world.read(now -> d.healthAt(now, c));
  }

  List<String> pods(String name) {
    Deployment d = deployment(name);
    return world.read(now -> d.podsAt(now).stream().map(p -> p.name).toList());
  }

  int restarts(String name) {
    Deployment d = deployment(name);
    return k8s().pods(k8s().selector(d.namespace(), labels(d))).restarts();
  }

  int events(String name, String reason) {
    Deployment d = deployment(name);
    return k8s().events(k8s().selector(d.namespace(), labels(d)), reason, null);
  }

  /**
   * What a deployment looks like from outside at the current instant: its pods, what callers
   * get, restarts, events and the resources it uses (`k8s.usage`); two equal fingerprints mean chaos did nothing to it.
   */
  String fingerprint(Deployment d) {
    return world.read(now -> d.podsAt(now).stream().map(p -> p.name).toList() + " "
        + d.healthAt(now) + " restarts " + d.podsAt(now).stream()
            .mapToInt(p -> d.restartsAt(p, now)).sum() + " events " + d.events(now).size()
        + " cpu " + d.podsAt(now).stream().mapToDouble(p -> d.cpuUseAt(p, now)).sum()
        + " memory " + d.podsAt(now).stream().mapToLong(p -> d.memoryUseAt(p, now)).sum());
  }

  /** Every deployment of every cluster, by cluster/namespace/name, to its fingerprint. */
  Map<String, String> fingerprints() {
    Map<String, String> out = new TreeMap<>();
    for (String cluster : List.of("", "remote")) {
      for (Deployment d : world.k8s(cluster).deployments()) {
        out.put((cluster.isEmpty() ? "default" : cluster) + "/" + d.namespace() + "/"
            + d.name(), fingerprint(d));
      }
    }
    return out;
  }

  private static String labels(Deployment d) {
    return String.join(",", d.spec.labels().entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue()).toList());
  }
}
