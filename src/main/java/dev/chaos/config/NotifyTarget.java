package dev.chaos.config;

import dev.chaos.spi.Escalations;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The webhook `notify.*` posts JSON to, with an optional bearer token; the emergency contacts
 * (`notify.send(..., to:)`) and the escalation policies of the environment.
 */
public record NotifyTarget(URI webhook, Optional<SecretRef> token,
    Map<String, NotifyContact> contacts, Escalations escalations) {

  public NotifyTarget {
    contacts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(contacts));
  }

  /** A webhook alone: no contacts, nobody to escalate to. */
  public NotifyTarget(URI webhook, Optional<SecretRef> token) {
    this(webhook, token, Map.of(), Escalations.NONE);
  }
}
