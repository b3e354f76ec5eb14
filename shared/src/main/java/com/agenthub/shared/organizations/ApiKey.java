package com.agenthub.shared.organizations;

import com.agenthub.shared.auth.Scope;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * What is kept of an API key: never the key itself, only a display prefix (and, elsewhere, its
 * hash); the scopes it was granted and the user it belongs to, if any.
 */
public record ApiKey(String id, String organizationId, String name, String prefix, Set<Scope> scopes,
    Optional<String> userId, Instant createdAt, Optional<Instant> revokedAt) {}
