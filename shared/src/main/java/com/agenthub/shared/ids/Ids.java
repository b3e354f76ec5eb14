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

  private Ids() {}

  public static String newId() {
    char[] id = new char[LENGTH];
    for (int i = 0; i < LENGTH; i++) {
      id[i] = ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length()));
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
