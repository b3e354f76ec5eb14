package com.agenthub.shared.organizations;

import java.time.Instant;

/** A tenant: everything it owns lives under organizations/{id}. */
public record Organization(String id, String name, Instant createdAt) {}
