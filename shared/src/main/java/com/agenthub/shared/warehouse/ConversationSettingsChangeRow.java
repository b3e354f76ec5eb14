package com.agenthub.shared.warehouse;

import java.time.Instant;
import java.util.Optional;

/** A row of conversation_settings: an organization's conversation settings after a change. */
public record ConversationSettingsChangeRow(
    String changeId,
    String changeType,
    Instant changedAt,
    String organizationId,
    Optional<Long> messageRetentionDays) {}
