package com.agenthub.shared.warehouse;

import java.time.Instant;
import java.util.Optional;

/** A row of agents: one committed change of an agent, with its state after it. */
public record AgentChangeRow(
    String changeId,
    String changeType,
    Instant changedAt,
    String organizationId,
    String agentId,
    String name,
    Optional<String> industry,
    JsonText configuration,
    String status,
    Instant createdAt,
    Instant updatedAt) {}
