package com.agenthub.shared.conversations;

import com.agenthub.shared.errors.ApiError;
import java.nio.charset.StandardCharsets;

/** The documented limits of conversations and messages, and their checks. */
public final class Limits {

  /** Messages per AppendMessages call; with their guards and outbox records a commit stays under Firestore's 500 writes. */
  public static final int MAX_BATCH = 100;
  /** Characters of one message's content: a long answer fits, the 1 MiB document limit is far away. */
  public static final int MAX_CONTENT_CHARS = 32_768;
  /** Serialized bytes of a message's tool_call or tool_result. */
  public static final int MAX_TOOL_JSON_BYTES = 65_536;
  public static final int MAX_METADATA_BYTES = 16_384;
  public static final int MAX_TITLE_CHARS = 200;
  public static final int MAX_USER_ID_CHARS = 128;
  public static final int MAX_MODEL_CHARS = 200;
  public static final int MAX_CLIENT_MESSAGE_ID_CHARS = 128;
  public static final long MAX_TOKENS = 10_000_000L;
  public static final long MAX_LATENCY_MS = 86_400_000L;

  private Limits() {}

  /** Short identifying text (user ids, titles, model names): not blank, no control characters, at most {@code maxChars}. */
  static void requireText(String field, String value, int maxChars) {
    if (value.isBlank() || characters(value) > maxChars) {
      throw ApiError.invalid(field, "'" + field + "' must be 1.." + maxChars + " characters, not blank");
    }
    if (value.chars().anyMatch(Character::isISOControl)) {
      throw ApiError.invalid(field, "'" + field + "' must not contain control characters");
    }
  }

  /** Characters as people (and JSON Schema's maxLength) count them: code points, not UTF-16 units. */
  static int characters(String value) {
    return value.codePointCount(0, value.length());
  }

  static void requireJsonBytes(String field, String json, int maxBytes) {
    int bytes = json.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > maxBytes) {
      throw ApiError.invalid(field, "'" + field + "' is " + bytes + " bytes as JSON; the limit is " + maxBytes);
    }
  }

  static void requireWithin(String field, long value, long max) {
    if (value < 0 || value > max) {
      throw ApiError.invalid(field, "'" + field + "' must be within 0.." + max);
    }
  }
}
