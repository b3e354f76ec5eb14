package com.agenthub.shared.auth;

import com.agenthub.shared.port.CollectionPath;
import com.agenthub.shared.port.DocumentPath;

/**
 * Where API keys live. A key's metadata sits under its organization; a top-level lookup document
 * keyed by the key's hash lets a request find its organization with one read.
 */
public final class ApiKeyPaths {

  private ApiKeyPaths() {}

  public static DocumentPath hash(String sha256Hex) {
    return DocumentPath.of("api_key_hashes", sha256Hex);
  }

  public static CollectionPath keys(String organizationId) {
    return CollectionPath.of("organizations", organizationId, "api_keys");
  }
}
