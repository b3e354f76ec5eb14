package com.agenthub.migrate.importing;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * A document's title as imported: the legacy title, trimmed; a documents_store record without one
 * (its schema makes it optional, the product requires one) gets its content's first non-blank
 * line, trimmed and cut to the product's 300 characters. Verify derives it the same way.
 */
public final class DocumentTitles {

  static final int MAX_TITLE_CHARS = 300;

  private DocumentTitles() {}

  public static String of(JsonObject record) {
    JsonElement title = record.get("title");
    if (title != null && title.isJsonPrimitive() && !title.getAsString().isBlank()) {
      return title.getAsString().strip();
    }
    String firstLine = record.get("content").getAsString().strip().lines().filter(l -> !l.isBlank()).findFirst().orElse("").strip();
    return firstLine.codePointCount(0, firstLine.length()) <= MAX_TITLE_CHARS
        ? firstLine
        : firstLine.substring(0, firstLine.offsetByCodePoints(0, MAX_TITLE_CHARS)).strip();
  }
}
