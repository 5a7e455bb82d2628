package dev.chaos.config;

import java.net.URI;
import java.util.Optional;

/**
 * An emergency contact of `notify.contacts`: its key (what `notify.send(..., to:)` and the
 * escalation levels name), the name people know it by, and its channel, a webhook of its own
 * (PagerDuty, a Slack channel, a chat room) with an optional bearer token.
 */
public record NotifyContact(String key, String name, URI webhook, Optional<SecretRef> token) {}
