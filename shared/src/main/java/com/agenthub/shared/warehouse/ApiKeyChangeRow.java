package com.agenthub.shared.warehouse;

import java.time.Instant;
import java.util.Optional;

/** A row of api_keys: one committed change of an API key's metadata (never the key or its hash). */
public record ApiKeyChangeRow(
    String changeId,
    String changeType,
    Instant changedAt,
    String organizationId,
    String keyId,
    String name,
    String prefix,
    Instant createdAt,
    Optional<Instant> revokedAt,
    Optional<String> userId,
    Optional<String> scopes) {}
