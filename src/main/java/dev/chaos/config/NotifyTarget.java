package dev.chaos.config;

import java.net.URI;
import java.util.Optional;

/** The webhook `notify.*` posts JSON to, with an optional bearer token. */
public record NotifyTarget(URI webhook, Optional<SecretRef> token) {}
