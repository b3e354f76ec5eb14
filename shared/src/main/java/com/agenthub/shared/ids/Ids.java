package com.agenthub.shared.ids;

import com.agenthub.shared.errors.ApiError;
import java.security.SecureRandom;
import java.util.regex.Pattern;

/** Server-generated document ids: 20 alphanumeric characters (~119 random bits), like Firestore's own. */
public final class Ids {

  private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final int LENGTH = 20;
  private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9]{" + LENGTH + "}");
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int UNBIASED_BELOW = 256 - 256 % ALPHABET.length();

  private Ids() {}

  public static String newId() {
    // One draw from the shared SecureRandom per id, not one per character (each draw takes its lock).
    char[] id = new char[LENGTH];
    byte[] random = new byte[2 * LENGTH];
    int filled = 0;
    while (filled < LENGTH) {
      RANDOM.nextBytes(random);
      for (int i = 0; i < random.length && filled < LENGTH; i++) {
        int b = random[i] & 0xFF;
        if (b < UNBIASED_BELOW) { // 248 = 4 x 62: every character equally likely
          id[filled++] = ALPHABET.charAt(b % ALPHABET.length());
        }
      }
    }
    return new String(id);
  }

  /** An id from a request, checked before it can become part of a document path. */
  public static String require(String field, String candidate) {
    if (candidate == null || !FORMAT.matcher(candidate).matches()) {
      throw ApiError.invalid(field, "'" + field + "' must be an id of " + LENGTH + " letters and digits");
    }
    return candidate;
  }
}
