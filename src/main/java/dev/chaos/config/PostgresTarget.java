package dev.chaos.config;

import java.util.Optional;

/** PostgreSQL: a `jdbc:postgresql:` URL, the user, and the password's reference if any. */
public record PostgresTarget(String url, String user, Optional<SecretRef> password) {}
