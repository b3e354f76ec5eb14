package com.agenthub.shared.auth;

import com.agenthub.shared.errors.ApiError;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * What an API key may do: one scope per service and access level, declared here once. Each HTTP
 * function names the one scope it needs next to its method ({@code HttpEndpoint.of}); a key
 * without it gets 403 naming the scope. A scope implies no other: {@code agents:write} does not
 * include {@code agents:read}, and {@code admin} (managing users, keys and the organization) does
 * not include the services' scopes.
 */
public enum Scope {
  AGENTS_READ("agents:read"),
  AGENTS_WRITE("agents:write"),
  CONVERSATIONS_READ("conversations:read"),
  CONVERSATIONS_WRITE("conversations:write"),
  ANALYTICS_READ("analytics:read"),
  ANALYTICS_WRITE("analytics:write"),
  PAYMENTS_READ("payments:read"),
  PAYMENTS_WRITE("payments:write"),
  /** Embeddings, FAQs and their matching: reading the knowledge base. */
  KNOWLEDGE_READ("knowledge:read"),
  KNOWLEDGE_WRITE("knowledge:write"),
  /** Tenant tables: their schemas and rows. */
  TABLES_READ("tables:read"),
  TABLES_WRITE("tables:write"),
  /** Reading the organization, its users and its keys' metadata. */
  ORGANIZATION_READ("organization:read"),
  /** Managing the organization: its settings, users and API keys. */
  ADMIN("admin");

  private final String wire;

  Scope(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  /** Every scope: what a key stored before scopes existed keeps (full access). */
  public static Set<Scope> all() {
    return EnumSet.allOf(Scope.class);
  }

  public static Scope parse(String field, String wire) {
    return Arrays.stream(values()).filter(s -> s.wire.equals(wire)).findFirst()
        .orElseThrow(() -> ApiError.invalid(field, "unknown scope '" + wire + "'; known scopes: "
            + String.join(", ", Arrays.stream(values()).map(Scope::wire).toList())));
  }
}
