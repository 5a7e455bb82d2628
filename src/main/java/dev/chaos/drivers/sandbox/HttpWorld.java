package dev.chaos.drivers.sandbox;

import dev.chaos.drivers.sandbox.WorldSpec.EndpointSpec;
import java.time.Duration;
import java.time.Instant;

/**
 * The HTTP endpoints of the world, one method per function of the `http` signature table. An
 * endpoint served by a deployment that runs a service of the causal model answers as that
 * service's requests fare: its down status while half or more of them fail, and later by as
 * much as their median latency grew. An endpoint of a deployment without a service answers
 * with its status while one of the deployment's pods is ready and with its down status (503)
 * otherwise (saying why when an open circuit breaker fails the service's calls); chaos that adds latency to the deployment (a NetworkChaos's `metrics`) adds it.
 * An answer slower than the timeout is a timeout. A POST may act on the world (switch the
 * DNS record, promote a database, scale). A URL the world does not know refuses the
 * connection.
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
          up(e, now) ? e.body() : downBody(e, now));
    });
  }

  public Results.Response post(String url, String body, String contentType, Duration timeout) {
    return world.write(now -> {
      EndpointSpec e = endpoint(url);
      boolean up = up(e, now);
      Results.Response answer = answer(url, e, now, timeout, up ? e.postStatus()
          : e.downStatus(), up ? e.postBody() : "");
      if (up) {
        world.act(e.postActions(), now);
      }
      return answer;
    });
  }

  private Results.Response answer(String url, EndpointSpec e, Instant now, Duration timeout,
      int status, String body) {
    WorldSpec.ServiceSpec service = e.traffic() ? entryServing(now) : service(e);
    // with a service, the model below carries what chaos does to its pods (not added twice)
    Duration latency = e.latency().plus(Quantities.ofSeconds(addedLatency(e, now, service == null)));
    if (e.traffic()) {
      body = body.replace("${region}", regionServing(now));
    }
    if (service != null) {
      double grown = world.services().outcomeAt(service.name(), now)
          .quantile(0.5, ServiceModel.CLIENT_TIMEOUT)
          - world.services().healthyOutcome(service.name())
          .quantile(0.5, ServiceModel.CLIENT_TIMEOUT);
      latency = latency.plus(Quantities.ofSeconds(Math.max(0, grown)));
    }
    if (timeout != null && latency.compareTo(timeout) > 0) {
      throw new SandboxException("GET " + url + " timed out after "
          + dev.chaos.types.ValueFormat.duration(timeout));
    }
    return new Results.Response(status, latency, body);
  }

  /**
   * What a failing endpoint says: why, when an open circuit breaker on its service's calls
   * fails them fast (`{"error":"..."}`, as the lab's demo answers), else nothing.
   */
  private String downBody(EndpointSpec e, Instant now) {
    WorldSpec.ServiceSpec service = e.traffic() ? entryServing(now) : service(e);
    String message = service == null ? null
        : world.services().openBreakerMessage(service.name(), now);
    return message == null ? "" : "{\"error\":\"" + message.replace("\\", "\\\\")
        .replace("\"", "\\\"") + "\"}";
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
    if (e.traffic()) {
      WorldSpec.ServiceSpec entry = entryServing(now);
      return entry != null && world.services().outcomeAt(entry.name(), now).errorShare() < 0.5;
    }
    Deployment d = deployment(e);
    WorldSpec.ServiceSpec service = service(e);
    if (service != null) {
      return world.services().outcomeAt(service.name(), now).errorShare() < 0.5;
    }
    return d == null || d.readyAt(now) > 0;
  }

  /** The region the DNS record sends most clients to at {@code now}. */
  private String regionServing(Instant now) {
    return world.regions().trafficAt(now).entrySet().stream()
        .max(java.util.Map.Entry.comparingByValue()).map(java.util.Map.Entry::getKey)
        .orElse("");
  }

  /** The entry service of the region most clients reach; null when it has none. */
  private WorldSpec.ServiceSpec entryServing(Instant now) {
    String region = regionServing(now);
    WorldSpec.RegionSpec spec = world.spec().traffic().regions().get(region);
    for (WorldSpec.ServiceSpec s : world.spec().services().values()) {
      if (s.entry() && spec != null && s.cluster().equals(spec.cluster())) {
        return s;
      }
    }
    return null;
  }

  /** The service of the causal model the endpoint's deployment runs; null when none. */
  private WorldSpec.ServiceSpec service(EndpointSpec e) {
    if (e.traffic()) {
      return null; // see entryServing
    }
    Deployment d = deployment(e);
    if (d == null) {
      return null;
    }
    K8sWorld cluster = world.k8s(e.cluster());
    return world.services().servedBy(cluster.cluster(), d.namespace(), d.name());
  }

  /** Seconds that active chaos on the serving deployment adds to p95, added to each answer. */
  private double addedLatency(EndpointSpec e, Instant now, boolean podHealth) {
    Deployment d = deployment(e);
    if (d == null) {
      return 0;
    }
    // what chaos does to the serving pods (a NetworkChaos's delay, a CPU limit's throttling)
    double extra = podHealth ? Quantities.toSeconds(d.healthAt(now).addedLatency()) : 0;
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
