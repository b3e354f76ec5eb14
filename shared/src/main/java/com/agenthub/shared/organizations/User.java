package com.agenthub.shared.organizations;

import com.agenthub.shared.auth.Role;
import com.agenthub.shared.port.Version;
import java.time.Instant;
import java.util.Optional;

/**
 * A member of an organization. Sign-in is not ours: {@code externalSubject} is the identity
 * provider's subject (an Identity Platform / Firebase Auth uid) the front end maps to this user.
 */
public record User(String id, String organizationId, String email, String displayName, Role role,
    Optional<String> externalSubject, Instant createdAt, Instant updatedAt, Version version) {}
