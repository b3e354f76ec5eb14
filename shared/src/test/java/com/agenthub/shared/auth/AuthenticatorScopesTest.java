package com.agenthub.shared.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.agenthub.shared.adapter.memory.InMemoryDocumentStore;
import com.agenthub.shared.port.Write;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a key may do: its stored scopes within its user's current role; a key stored before scopes may do everything. */
class AuthenticatorScopesTest {

  private final InMemoryDocumentStore store = new InMemoryDocumentStore();
  private final Authenticator authenticator = new Authenticator(store, Optional.empty());

  @Test
  void aKeyStoredBeforeScopesExistedKeepsEveryScope() {
    String secret = storeKey(Map.of());
    Principal principal = authenticator.organization(Optional.of("Bearer " + secret));
    assertEquals(Scope.all(), principal.scopes());
    assertTrue(principal.userId().isEmpty());
  }

  @Test
  void aUsersKeyIsBoundedByTheUsersCurrentRole() {
    String withinRole = storeKey(Map.of("scopes", List.of("agents:read", "agents:write"), "user_id", "u1", "role", "viewer"));
    assertEquals(EnumSet.of(Scope.AGENTS_READ), authenticator.organization(Optional.of("Bearer " + withinRole)).scopes(),
        "a viewer's key keeps only what a viewer may do, whatever it was granted");
    String member = storeKey(Map.of("scopes", List.of("agents:write", "admin"), "user_id", "u2", "role", "member"));
    Principal principal = authenticator.organization(Optional.of("Bearer " + member));
    assertEquals(EnumSet.of(Scope.AGENTS_WRITE), principal.scopes());
    assertEquals(Optional.of(Role.MEMBER), principal.role());
    assertEquals(Optional.of("u2"), principal.userId());
  }

  @Test
  void theRoleCeilingsAreNested() {
    Set<Scope> previous = Scope.all();
    for (Role role : Role.values()) {
      assertTrue(previous.containsAll(role.ceiling()), role + " allows nothing a higher role does not");
      previous = role.ceiling();
    }
    assertTrue(Role.VIEWER.ceiling().stream().allMatch(s -> s.wire().endsWith(":read")), "a viewer only reads");
  }

  private String storeKey(Map<String, Object> extra) {
    String secret = ApiKeySecret.generate();
    Map<String, Object> lookup = new LinkedHashMap<>(Map.of("organization_id", "org", "key_id", "k", "revoked", false));
    lookup.putAll(extra);
    store.commit(List.of(Write.set(ApiKeyPaths.hash(ApiKeySecret.sha256Hex(secret)), lookup)));
    return secret;
  }
}
