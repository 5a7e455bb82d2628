package dev.chaos.spi;

import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who is told, and when, while an abort, a failed undo or a failed recovery is unresolved: the
 * `notify.contacts` and `notify.escalation` policies of the environment (chaos.yaml) or of the
 * world file. A backend shares it as a service; a run asks for it by type. {@code contacts} maps
 * a contact's key (what `notify.send(..., to:)` names) to the name people know it by.
 */
public record Escalations(List<Policy> policies, Map<String, String> contacts) {
  /** No contacts and no policy: nobody is paged, as before escalation existed. */
  public static final Escalations NONE = new Escalations(List.of(), Map.of());

  public Escalations {
    policies = List.copyOf(policies);
    contacts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(contacts));
  }

  /** One policy: its levels in order of their delay. */
  public record Policy(String name, List<Level> levels) {
    public Policy {
      levels = levels.stream().sorted(Comparator.comparing(Level::after)).toList();
    }
  }

  /** Who is told once the problem has lasted {@code after} (zero: at once). */
  public record Level(Duration after, List<String> contacts) {
    public Level {
      contacts = List.copyOf(contacts);
    }
  }

  /** The policy called {@code name}; the first one declared (the default) when null. */
  public Optional<Policy> policy(String name) {
    if (name == null) {
      return policies.stream().findFirst();
    }
    return policies.stream().filter(p -> p.name().equals(name)).findFirst();
  }

  /** The name a contact is known by; its key when it has none. */
  public String shown(String contact) {
    return contacts.getOrDefault(contact, contact);
  }
}
