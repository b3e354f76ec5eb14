package com.agenthub.shared.knowledge;

import com.agenthub.shared.port.Version;
import java.time.Instant;
import java.util.List;

/** A frequently asked question of an organization, with its answer (the legacy {@code faqs_store}). */
public record Faq(String id, String organizationId, String question, String answer, String category, List<String> tags,
    Instant createdAt, Instant updatedAt, Version version) {}
