package com.agenthub.shared.warehouse;

import java.time.Instant;
import java.util.Optional;

/** A row of users: one committed change of an organization's user, with its state after it (before it, for a delete). */
public record UserChangeRow(
    String changeId,
    String changeType,
    Instant changedAt,
    String organizationId,
    String userId,
    String email,
    String displayName,
    String role,
    Optional<String> externalSubject,
    Instant createdAt,
    Instant updatedAt) {}
