package com.agenthub.shared.tables;

import com.agenthub.shared.ids.ZeroPadded;
import com.agenthub.shared.errors.ApiError;
import com.agenthub.shared.ids.Ids;
import java.util.regex.Pattern;

/**
 * Row ids: generated ones, or a row's primary key value. A string key is the document id itself;
 * an integer key is stored as {@code n} + 20 digits of its value offset to unsigned, so that the
 * document order (the default row order) is the numeric order.
 */
final class RowIds {

  private static final Pattern STRING_KEY = Pattern.compile("[A-Za-z0-9_-]{1,128}");

  private RowIds() {}

  /** The document id for a new row: from its primary key value, or generated. */
  static String forNewRow(TableSchema table, java.util.Map<String, Object> values, String field) {
    return table.primaryKeyColumn().map(pk -> fromKey(pk, values.get(pk.key()), field + pk.name())).orElseGet(Ids::newId);
  }

  static String fromKey(Column pk, Object value, String field) {
    if (pk.type() == ColumnType.INTEGER) {
      return "n" + ZeroPadded.digits(Long.toUnsignedString(((Long) value) ^ Long.MIN_VALUE), 20);
    }
    String text = (String) value;
    if (!STRING_KEY.matcher(text).matches() || text.startsWith("__")) {
      throw ApiError.invalid(field, "a primary key must be 1-128 letters, digits, '_' or '-' (not starting with '__')");
    }
    return text;
  }

  /** The document id a client's row id names. */
  static String fromWire(TableSchema table, String id) {
    java.util.Optional<Column> pk = table.primaryKeyColumn();
    if (pk.isPresent() && pk.get().type() == ColumnType.INTEGER) {
      try {
        return fromKey(pk.get(), Long.parseLong(id), "id");
      } catch (NumberFormatException e) {
        throw ApiError.notFound("row");
      }
    }
    if (id == null || !STRING_KEY.matcher(id).matches() || id.startsWith("__")) {
      throw ApiError.notFound("row");
    }
    return id;
  }

  /** The id clients see for a document id. */
  static String toWire(TableSchema table, String documentId) {
    java.util.Optional<Column> pk = table.primaryKeyColumn();
    if (pk.isPresent() && pk.get().type() == ColumnType.INTEGER) {
      return Long.toString(Long.parseUnsignedLong(documentId.substring(1)) ^ Long.MIN_VALUE);
    }
    return documentId;
  }
}
