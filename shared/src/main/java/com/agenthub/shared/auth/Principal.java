package com.agenthub.shared.auth;

import java.util.Optional;

/** Who is calling, as proven by the credential: an organization's API key, or the platform admin. */
public record Principal(Optional<String> organizationId, Optional<String> apiKeyId) {

  public static Principal organization(String organizationId, String apiKeyId) {
    return new Principal(Optional.of(organizationId), Optional.of(apiKeyId));
  }

  public static Principal platformAdmin() {
    return new Principal(Optional.empty(), Optional.empty());
  }

  /** No credential was checked: the request proves itself (a signed webhook). */
  public static Principal unverified() {
    return new Principal(Optional.empty(), Optional.empty());
  }
}
