package com.agenthub.shared.auth;

import com.agenthub.shared.errors.ApiError;
import com.agenthub.shared.errors.ErrorKind;
import com.agenthub.shared.port.DocumentStore;
import com.agenthub.shared.port.StoredDocument;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Proves who is calling from the {@code Authorization: Bearer …} header, or refuses with 401. */
public final class Authenticator {

  private final DocumentStore store;
  private final Optional<String> platformAdminToken;
  private final VerifiedKeys verifiedKeys;

  /** {@code platformAdminToken} empty: no one can act as platform admin (CreateOrganization is closed). */
  public Authenticator(DocumentStore store, Optional<String> platformAdminToken) {
    this(store, platformAdminToken, VerifiedKeys.none());
  }

  /** With {@code verifiedKeys}, a key verified recently is not read again (see its staleness bound). */
  public Authenticator(DocumentStore store, Optional<String> platformAdminToken, VerifiedKeys verifiedKeys) {
    this.store = store;
    this.platformAdminToken = platformAdminToken.filter(t -> !t.isBlank());
    this.verifiedKeys = verifiedKeys;
  }

  public Principal organization(Optional<String> authorization) {
    String secret = bearer(authorization);
    if (!ApiKeySecret.wellFormed(secret)) {
      throw unauthenticated("malformed API key");
    }
    return verifiedKeys.principal(ApiKeySecret.sha256Hex(secret), this::verify);
  }

  /** Reads the key's lookup document: the principal it grants, or 401. */
  private Principal verify(String keyHash) {
    StoredDocument key = store.get(ApiKeyPaths.hash(keyHash))
        .orElseThrow(() -> unauthenticated("unknown API key"));
    if (Boolean.TRUE.equals(key.data().get("revoked"))) {
      throw unauthenticated("this API key has been revoked");
    }
    Optional<Role> role = Optional.ofNullable(key.string("role")).map(r -> Role.parse("role", r));
    Set<Scope> scopes = storedScopes(key.data().get("scopes"));
    role.ifPresent(r -> scopes.retainAll(r.ceiling()));
    return Principal.organizationKey(key.string("organization_id"), key.string("key_id"), scopes,
        Optional.ofNullable(key.string("user_id")), role);
  }

  /**
   * A key's granted scopes. Keys stored before scopes existed have none recorded and keep full
   * access (the documented migration); a scope this build does not know is ignored.
   */
  private static Set<Scope> storedScopes(Object stored) {
    if (!(stored instanceof List<?> list)) {
      return Scope.all();
    }
    Set<Scope> scopes = EnumSet.noneOf(Scope.class);
    for (Object wire : list) {
      Arrays.stream(Scope.values()).filter(s -> s.wire().equals(wire)).forEach(scopes::add);
    }
    return scopes;
  }

  /** An organization key if the bearer looks like one, else the platform admin credential. */
  public Principal organizationOrPlatformAdmin(Optional<String> authorization) {
    return bearer(authorization).startsWith("ahk_") ? organization(authorization) : platformAdmin(authorization);
  }

  public Principal platformAdmin(Optional<String> authorization) {
    String token = bearer(authorization);
    if (platformAdminToken.isEmpty()) {
      throw unauthenticated("no platform admin credential is configured (PLATFORM_ADMIN_TOKEN)");
    }
    // Constant-time comparison: the time taken must not reveal how much of the token matched.
    if (!MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
        platformAdminToken.get().getBytes(StandardCharsets.UTF_8))) {
      throw unauthenticated("invalid platform admin credential");
    }
    return Principal.ofPlatformAdmin();
  }

  private static String bearer(Optional<String> authorization) {
    String header = authorization.orElseThrow(
        () -> unauthenticated("missing Authorization header; send 'Authorization: Bearer <key>'"));
    if (!header.regionMatches(true, 0, "Bearer ", 0, 7) || header.substring(7).isBlank()) {
      throw unauthenticated("malformed Authorization header; expected 'Bearer <key>'");
    }
    return header.substring(7).trim();
  }

  private static ApiError unauthenticated(String message) {
    return ApiError.of(ErrorKind.UNAUTHENTICATED, message);
  }
}
