package com.agenthub.shared.auth;

import com.agenthub.shared.port.CollectionPath;
import com.agenthub.shared.port.DocumentPath;

/**
 * Where API keys live. A key's metadata sits under its organization; a top-level lookup document
 * keyed by the key's hash lets a request find its organization with one read.
 */
public final class ApiKeyPaths {

  private static final String HASHES = "api_key_hashes";

  private ApiKeyPaths() {}

  public static DocumentPath hash(String sha256Hex) {
    return DocumentPath.of(HASHES, sha256Hex);
  }

  /** Whether {@code path} is a key's lookup document (what every change to a key writes). */
  public static boolean isHash(DocumentPath path) {
    return path.segments().size() == 2 && path.segments().get(0).equals(HASHES);
  }

  public static CollectionPath keys(String organizationId) {
    return CollectionPath.of("organizations", organizationId, "api_keys");
  }
}
