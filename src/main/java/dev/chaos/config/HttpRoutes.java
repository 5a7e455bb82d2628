package dev.chaos.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * `http.connect_to` of an environment: where to really connect for an address a runbook names,
 * as curl's `--connect-to`. A runbook says `http://graphql-gateway.llm-marketplace:4000/health`
 * (the address inside the cluster); a run from outside maps it to a port-forward or an ingress.
 */
public record HttpRoutes(Map<HostPort, HostPort> connectTo) {
  public HttpRoutes {
    connectTo = Collections.unmodifiableMap(new LinkedHashMap<>(connectTo));
  }

  /** The address to connect to instead of {@code host}:{@code port}, if one is mapped. */
  public Optional<HostPort> route(String host, int port) {
    return Optional.ofNullable(connectTo.get(new HostPort(host, port)));
  }
}
