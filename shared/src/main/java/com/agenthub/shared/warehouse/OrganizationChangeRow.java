package com.agenthub.shared.warehouse;

import java.time.Instant;

/** A row of organizations: one committed change of an organization, with its state after it. */
public record OrganizationChangeRow(
    String changeId,
    String changeType,
    Instant changedAt,
    String organizationId,
    String name,
    Instant createdAt) {}
