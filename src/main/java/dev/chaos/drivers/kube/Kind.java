package dev.chaos.drivers.kube;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A resource kind and where it lives in the API: `Deployment` is `deployments` in group `apps`,
 * version `v1`, namespaced, and kubectl also calls it `deploy`. Group "" is the core API.
 */
public record Kind(String kind, String plural, List<String> shortNames, String group,
    String version, boolean namespaced) {
  public Kind {
    shortNames = List.copyOf(shortNames);
  }

  // Written out: a record's generated equals/hashCode are bootstrapped through method handles
  // on first use, tens of ms of every `chaos check` start (docs/performance.md).
  @Override
  public boolean equals(Object o) {
    return o instanceof Kind other && kind.equals(other.kind) && plural.equals(other.plural)
        && shortNames.equals(other.shortNames) && group.equals(other.group)
        && version.equals(other.version) && namespaced == other.namespaced;
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, plural, shortNames, group, version, namespaced);
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
