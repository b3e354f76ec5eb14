package com.agenthub.shared.organizations;

import com.agenthub.shared.port.Version;
import java.time.Instant;
import java.util.Map;

/** A tenant: everything it owns lives under organizations/{id}. */
public record Organization(String id, String name, Map<String, Object> settings, Plan plan, Instant createdAt,
    Instant updatedAt, Version version) {}
