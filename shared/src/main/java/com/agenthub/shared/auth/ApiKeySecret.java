package com.agenthub.shared.auth;

import com.agenthub.shared.ids.Sha256;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The secret half of an API key: {@code ahk_} + 256 random bits in base64url. It is shown to the
 * caller once; only its SHA-256 is stored (a fast hash is right here: the secret has full entropy,
 * so there is nothing to brute-force).
 */
public final class ApiKeySecret {

  private static final String PREFIX = "ahk_";
  private static final int RANDOM_BYTES = 32;
  private static final Pattern FORMAT = Pattern.compile("ahk_[A-Za-z0-9_-]{43}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private ApiKeySecret() {}

  public static String generate() {
    byte[] bytes = new byte[RANDOM_BYTES];
    RANDOM.nextBytes(bytes);
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  public static boolean wellFormed(String candidate) {
    return candidate != null && FORMAT.matcher(candidate).matches();
  }

  public static String sha256Hex(String secret) {
    return Sha256.hex(secret);
  }

  /** A few characters that let a person tell keys apart in a list, without revealing the key. */
  public static String displayPrefix(String secret) {
    return secret.substring(0, PREFIX.length() + 6);
  }
}
