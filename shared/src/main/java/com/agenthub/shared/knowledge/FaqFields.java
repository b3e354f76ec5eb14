package com.agenthub.shared.knowledge;

import com.agenthub.shared.errors.ApiError;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/** The limits of FAQ fields, in one place. */
public final class FaqFields {

  public static final int MAX_QUESTION_CHARS = 1_000;
  public static final int MAX_ANSWER_CHARS = 16_384;
  public static final int MAX_TAGS = 20;
  public static final String DEFAULT_CATEGORY = "general";
  /** Categories and tags are identifiers a filter names: lowercase letters, digits, '-' and '_', 1..64. */
  private static final Pattern LABEL = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

  private FaqFields() {}

  static String question(String value) {
    return text("question", value, MAX_QUESTION_CHARS);
  }

  static String answer(String value) {
    return text("answer", value, MAX_ANSWER_CHARS);
  }

  public static String category(String value) {
    if (value == null) {
      return DEFAULT_CATEGORY;
    }
    if (!LABEL.matcher(value).matches()) {
      throw ApiError.invalid("category", "'category' must be 1..64 lowercase letters, digits, '-' or '_'");
    }
    return value;
  }

  /** Distinct tags, in their first order; duplicates do not count toward the limit. */
  public static List<String> tags(List<String> values) {
    for (int i = 0; i < values.size(); i++) {
      if (values.get(i) == null || !LABEL.matcher(values.get(i)).matches()) {
        throw ApiError.invalid("tags[" + i + "]", "a tag must be 1..64 lowercase letters, digits, '-' or '_'");
      }
    }
    List<String> distinct = List.copyOf(new LinkedHashSet<>(values));
    if (distinct.size() > MAX_TAGS) {
      throw ApiError.invalid("tags", "at most " + MAX_TAGS + " distinct tags");
    }
    return distinct;
  }

  private static String text(String field, String value, int maxChars) {
    String stripped = value == null ? "" : value.strip();
    if (stripped.isEmpty()) {
      throw ApiError.invalid(field, "'" + field + "' must not be blank");
    }
    if (stripped.codePointCount(0, stripped.length()) > maxChars) {
      throw ApiError.invalid(field, "'" + field + "' must be at most " + maxChars + " characters");
    }
    return stripped;
  }
}
