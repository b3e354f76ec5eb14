package com.agenthub.shared.knowledge;

import com.agenthub.shared.errors.ApiError;
import com.agenthub.shared.errors.ErrorKind;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The limits of document fields, in one place; each check names the field it refuses. */
public final class DocumentFields {

  /** 1 MiB of UTF-8: the legacy store's limit, and what one request body may carry. */
  public static final int MAX_CONTENT_BYTES = 1024 * 1024;
  public static final int MAX_TITLE_CHARS = 300;
  public static final int MAX_SOURCE_URL_CHARS = 2_048;
  public static final int MAX_METADATA_KEYS = 50;
  public static final int MAX_METADATA_JSON_BYTES = 16 * 1024;

  private DocumentFields() {}

  static String title(String value) {
    String stripped = value == null ? "" : value.strip();
    if (stripped.isEmpty()) {
      throw ApiError.invalid("title", "'title' must not be blank");
    }
    if (stripped.codePointCount(0, stripped.length()) > MAX_TITLE_CHARS) {
      throw ApiError.invalid("title", "'title' must be at most " + MAX_TITLE_CHARS + " characters");
    }
    requireText("title", stripped);
    return stripped;
  }

  /**
   * Text, not binary: no NUL or other C0 control character besides tab and line breaks, no DEL,
   * no lone surrogate, no noncharacter U+FFFE/U+FFFF. C1 controls and U+FFFD are accepted: real
   * corpora carry them from text once mis-decoded (SciFact has both), and they are valid Unicode.
   */
  static String content(String value) {
    if (value == null || value.isBlank()) {
      throw ApiError.invalid("content", "'content' must not be empty");
    }
    int bytes = value.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_CONTENT_BYTES) {
      throw ApiError.withField(ErrorKind.PAYLOAD_TOO_LARGE, "content",
          "'content' must be at most " + MAX_CONTENT_BYTES + " bytes of UTF-8 text, got " + bytes);
    }
    requireText("content", value);
    return value;
  }

  static String sourceUrl(String value) {
    if (value.length() > MAX_SOURCE_URL_CHARS) {
      throw ApiError.invalid("source_url", "'source_url' must be at most " + MAX_SOURCE_URL_CHARS + " characters");
    }
    try {
      URI uri = new URI(value);
      if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https")) || uri.getHost() == null) {
        throw new URISyntaxException(value, "not an absolute http(s) URL");
      }
    } catch (URISyntaxException e) {
      throw ApiError.invalid("source_url", "'source_url' must be an absolute http or https URL");
    }
    return value;
  }

  static Map<String, Object> metadata(Map<String, Object> value, int jsonBytes) {
    if (value.size() > MAX_METADATA_KEYS) {
      throw ApiError.invalid("metadata", "'metadata' may hold at most " + MAX_METADATA_KEYS + " keys");
    }
    if (jsonBytes > MAX_METADATA_JSON_BYTES) {
      throw ApiError.invalid("metadata", "'metadata' must be at most " + MAX_METADATA_JSON_BYTES + " bytes of JSON");
    }
    return value;
  }

  private static void requireText(String field, String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean control = (c < 0x20 && c != '\n' && c != '\r' && c != '\t') || c == 0x7F;
      boolean loneSurrogate = Character.isSurrogate(c)
          && !(Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1)))
          && !(Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(value.charAt(i - 1)));
      if (control || loneSurrogate || c == '\uFFFE' || c == '\uFFFF') {
        throw ApiError.invalid(field, "'" + field + "' must be text: it holds a control or invalid character at offset " + i);
      }
    }
  }
}
