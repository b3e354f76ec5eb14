package com.agenthub.shared.auth;

import com.agenthub.shared.errors.ApiError;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * A user's role in an organization, and its ceiling: the scopes a key of that user may carry.
 * The table is the README's roles x scopes table; a key's effective scopes are always its own
 * scopes within its user's current ceiling, so demoting a user narrows their keys at once.
 * Declared from the highest role to the lowest (the order is used: no one issues keys for a higher role).
 */
public enum Role {
  OWNER("owner", Scope.all()),
  ADMIN("admin", Scope.all()),
  MEMBER("member", EnumSet.of(Scope.AGENTS_READ, Scope.AGENTS_WRITE, Scope.CONVERSATIONS_READ, Scope.CONVERSATIONS_WRITE,
      Scope.ANALYTICS_READ, Scope.ANALYTICS_WRITE, Scope.PAYMENTS_READ, Scope.KNOWLEDGE_READ, Scope.KNOWLEDGE_WRITE,
      Scope.TABLES_READ, Scope.TABLES_WRITE, Scope.ORGANIZATION_READ)),
  VIEWER("viewer", EnumSet.of(Scope.AGENTS_READ, Scope.CONVERSATIONS_READ, Scope.ANALYTICS_READ, Scope.PAYMENTS_READ,
      Scope.KNOWLEDGE_READ, Scope.TABLES_READ, Scope.ORGANIZATION_READ));

  private final String wire;
  private final Set<Scope> ceiling;

  Role(String wire, Set<Scope> ceiling) {
    this.wire = wire;
    this.ceiling = Collections.unmodifiableSet(EnumSet.copyOf(ceiling));
  }

  public String wire() {
    return wire;
  }

  /** The most a key of a user in this role may be granted. */
  public Set<Scope> ceiling() {
    return ceiling;
  }

  public static Role parse(String field, String wire) {
    return Arrays.stream(values()).filter(r -> r.wire.equals(wire)).findFirst()
        .orElseThrow(() -> ApiError.invalid(field, "'" + field + "' must be one of owner, admin, member, viewer"));
  }
}
