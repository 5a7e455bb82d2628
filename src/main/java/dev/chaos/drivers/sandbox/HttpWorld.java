package dev.chaos.drivers.sandbox;

import dev.chaos.drivers.sandbox.WorldSpec.EndpointSpec;
import java.time.Duration;
import java.time.Instant;

/**
 * The HTTP endpoints of the world, one method per function of the `http` signature table. An
 * endpoint served by a deployment answers with its status while one of the deployment's pods is
 * ready and with its down status (503) otherwise; chaos that adds latency to the deployment
 * (a NetworkChaos) adds it to the endpoint's answers, and an answer slower than the timeout is
 * a timeout. A URL the world does not know refuses the connection.
 */
public final class HttpWorld {
  private final World world;

  HttpWorld(World world) {
    this.world = world;
  }

  public Results.Response get(String url, Duration timeout) {
    return world.read(now -> {
      EndpointSpec e = endpoint(url);
      return answer(url, e, now, timeout, up(e, now) ? e.status() : e.downStatus(),
          up(e, now) ? e.body() : "");
    });
  }

  public Results.Response post(String url, String body, String contentType, Duration timeout) {
    return world.write(now -> {
      EndpointSpec e = endpoint(url);
      return answer(url, e, now, timeout, up(e, now) ? e.postStatus() : e.downStatus(),
          up(e, now) ? e.postBody() : "");
    });
  }

  private Results.Response answer(String url, EndpointSpec e, Instant now, Duration timeout,
      int status, String body) {
    Duration latency = e.latency().plus(Quantities.ofSeconds(addedLatency(e, now)));
    if (timeout != null && latency.compareTo(timeout) > 0) {
      throw new SandboxException("GET " + url + " timed out after "
          + dev.chaos.types.ValueFormat.duration(timeout));
    }
    return new Results.Response(status, latency, body);
  }

  private EndpointSpec endpoint(String url) {
    for (EndpointSpec e : world.spec().http()) {
      if (e.url().equals(url)) {
        return e;
      }
    }
    throw new SandboxException("connection refused: nothing answers at " + url
        + " in the sandbox world; add it under `http` in the world file");
  }

  private boolean up(EndpointSpec e, Instant now) {
    Deployment d = deployment(e);
    return d == null || d.readyAt(now) > 0;
  }

  /** Seconds that active chaos on the serving deployment adds to p95, added to each answer. */
  private double addedLatency(EndpointSpec e, Instant now) {
    Deployment d = deployment(e);
    if (d == null) {
      return 0;
    }
    // what chaos does to the serving pods (a NetworkChaos's delay, a CPU limit's throttling)
    double extra = Quantities.toSeconds(d.healthAt(now).addedLatency());
    for (ChaosObject c : world.k8s(e.cluster()).chaosObjects()) {
      if (c.activeAt(now) && c.targets.contains(d)) {
        extra += c.effect.metrics().getOrDefault(world.spec().p95Series(), 0.0);
      }
    }
    return extra;
  }

  private Deployment deployment(EndpointSpec e) {
    if (e.deployment().isEmpty()) {
      return null;
    }
    K8sWorld cluster = world.k8s(e.cluster());
    String ns = cluster.resolve(e.namespace());
    for (Deployment d : cluster.deployments()) {
      if (d.name().equals(e.deployment()) && d.namespace().equals(ns)) {
        return d;
      }
    }
    throw new SandboxException("the endpoint " + e.url() + " names deployment "
        + e.deployment() + ", which the sandbox world does not have in namespace " + ns);
  }
}
