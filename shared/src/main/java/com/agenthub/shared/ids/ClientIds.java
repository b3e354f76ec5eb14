package com.agenthub.shared.ids;

import com.agenthub.shared.errors.ApiError;
import java.util.regex.Pattern;

/**
 * Ids a client may choose for a new resource (idempotent creation, or a legacy id kept through a
 * migration): 1..64 letters, digits, '-' and '_', so they are safe as Firestore document ids.
 */
public final class ClientIds {

  private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

  private ClientIds() {}

  /** An id from a request, checked before it can become part of a document path. */
  public static String require(String field, String candidate) {
    if (candidate == null || !FORMAT.matcher(candidate).matches()) {
      throw ApiError.invalid(field, "'" + field + "' must be 1..64 letters, digits, '-' or '_', starting with a letter or digit");
    }
    return candidate;
  }
}
