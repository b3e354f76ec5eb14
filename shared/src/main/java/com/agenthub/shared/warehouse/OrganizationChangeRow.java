package com.agenthub.shared.warehouse;

import java.time.Instant;
import java.util.Optional;

/**
 * A row of organizations: one committed change of an organization, with its state after it.
 * Settings and plan are NULLABLE because rows written before they existed have neither.
 */
public record OrganizationChangeRow(
    String changeId,
    String changeType,
    Instant changedAt,
    String organizationId,
    String name,
    Instant createdAt,
    Optional<JsonText> settings,
    Optional<String> subscriptionPlan) {}
