package com.agenthub.shared.warehouse;

import java.time.Instant;

/** A row of agent_counter_changes: one committed increment of an agent's counter. */
public record AgentCounterChangeRow(
    String changeId,
    String changeType,
    Instant changedAt,
    String organizationId,
    String agentId,
    String counter,
    long delta) {}
