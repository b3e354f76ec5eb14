package com.agenthub.shared.agents;

import com.agenthub.shared.port.Version;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** An AI agent of one organization, as the seed's agents schema describes it, with its version. */
public record Agent(
    String id,
    String organizationId,
    String name,
    Optional<String> industry,
    Map<String, Object> configuration,
    AgentStatus status,
    Instant createdAt,
    Instant updatedAt,
    Version version) {}
