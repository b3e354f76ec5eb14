package com.agenthub.shared.conversations;

import com.agenthub.shared.errors.ApiError;
import java.util.regex.Pattern;

/**
 * Conversation ids: ours are 20 letters and digits, and a client may choose its own (for
 * idempotent creation or to keep a legacy id) of 1..64 letters, digits, '-' and '_'.
 */
public final class ConversationIds {

  private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

  private ConversationIds() {}

  /** An id from a request, checked before it can become part of a document path. */
  public static String require(String field, String candidate) {
    if (candidate == null || !FORMAT.matcher(candidate).matches()) {
      throw ApiError.invalid(field, "'" + field + "' must be 1..64 letters, digits, '-' or '_', starting with a letter or digit");
    }
    return candidate;
  }
}
