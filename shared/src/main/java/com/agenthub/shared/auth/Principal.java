package com.agenthub.shared.auth;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Who is calling, as proven by the credential: an organization's API key (with the scopes it may
 * use now and the user it belongs to, if any), or the platform admin.
 */
public record Principal(Optional<String> organizationId, Optional<String> apiKeyId, Set<Scope> scopes,
    Optional<String> userId, Optional<Role> role, boolean isPlatformAdmin) {

  public Principal {
    scopes = scopes.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(scopes));
  }

  public static Principal organization(String organizationId, String apiKeyId) {
    return organizationKey(organizationId, apiKeyId, Scope.all(), Optional.empty(), Optional.empty());
  }

  public static Principal organizationKey(String organizationId, String apiKeyId, Set<Scope> scopes,
      Optional<String> userId, Optional<Role> role) {
    return new Principal(Optional.of(organizationId), Optional.of(apiKeyId), scopes, userId, role, false);
  }

  public static Principal ofPlatformAdmin() {
    return new Principal(Optional.empty(), Optional.empty(), Set.of(), Optional.empty(), Optional.empty(), true);
  }

  /** No credential was checked: the request proves itself (a signed webhook). */
  public static Principal unverified() {
    return new Principal(Optional.empty(), Optional.empty(), Set.of(), Optional.empty(), Optional.empty(), false);
  }

  public boolean has(Scope scope) {
    return scopes.contains(scope);
  }
}
