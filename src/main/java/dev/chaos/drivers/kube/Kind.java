package dev.chaos.drivers.kube;

import java.util.List;
import java.util.Locale;

/**
 * A resource kind and where it lives in the API: `Deployment` is `deployments` in group `apps`,
 * version `v1`, namespaced, and kubectl also calls it `deploy`. Group "" is the core API.
 */
public record Kind(String kind, String plural, List<String> shortNames, String group,
    String version, boolean namespaced) {
  public Kind {
    shortNames = List.copyOf(shortNames);
  }

  /** The name chaos uses for the kind in results and messages: `deployment`, `podchaos`. */
  public String name() {
    return kind.toLowerCase(Locale.ROOT);
  }

  /** `apps/v1`, or `v1` for the core API. */
  public String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }
}
