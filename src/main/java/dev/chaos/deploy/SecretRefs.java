package dev.chaos.deploy;

import dev.chaos.config.EnvironmentConfig;
import dev.chaos.config.NotifyContact;
import dev.chaos.config.SecretRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The secret references of environments' typed sections (Prometheus's token, Redis's and
 * PostgreSQL's passwords, the notify tokens), each once: what a pod must be given from a
 * Kubernetes Secret. The values are never read: `env:NAME` becomes an environment variable
 * from the Secret's key NAME, `file:PATH` a file mounted from the Secret's key of that name.
 */
public final class SecretRefs {
  private SecretRefs() {}

  public static List<SecretRef> of(List<EnvironmentConfig> environments) {
    Map<String, SecretRef> out = new LinkedHashMap<>();
    for (EnvironmentConfig e : environments) {
      List<Optional<SecretRef>> refs = new ArrayList<>();
      e.prometheus().ifPresent(p -> refs.add(p.token()));
      e.redis().ifPresent(r -> refs.add(r.password()));
      e.postgres().ifPresent(p -> refs.add(p.password()));
      e.notification().ifPresent(n -> {
        refs.add(n.token());
        for (NotifyContact c : n.contacts().values()) {
          refs.add(c.token());
        }
      });
      refs.forEach(r -> r.ifPresent(ref -> out.putIfAbsent(ref.toString(), ref)));
    }
    return List.copyOf(out.values());
  }
}
