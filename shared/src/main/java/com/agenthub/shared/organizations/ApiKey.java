package com.agenthub.shared.organizations;

import java.time.Instant;
import java.util.Optional;

/** What is kept of an API key: never the key itself, only a display prefix (and, elsewhere, its hash). */
public record ApiKey(String id, String organizationId, String name, String prefix, Instant createdAt,
    Optional<Instant> revokedAt) {}
