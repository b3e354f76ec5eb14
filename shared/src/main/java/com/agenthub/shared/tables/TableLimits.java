package com.agenthub.shared.tables;

import com.agenthub.shared.errors.ApiError;
import java.util.regex.Pattern;

/** The documented limits of tenant tables (README, openapi.yaml), each with the reason for its value. */
public final class TableLimits {

  /** Columns per table: a schema stays one small document, read on every row operation. */
  public static final int MAX_COLUMNS = 100;
  /** Tables per organization. */
  public static final int MAX_TABLES = 200;
  /**
   * Indexed columns per table: each maps to one of the generic slots i0..i3, and the composite
   * indexes declared for every combination of four slots are what make every accepted query servable.
   */
  public static final int MAX_INDEXED_COLUMNS = 4;
  /** Rows per InsertRows/UpsertRows call: one atomic commit. */
  public static final int MAX_BATCH_ROWS = 500;
  /** A row as compact JSON; with its copies in the index slots and the outbox it stays far under Firestore's 1 MiB document. */
  public static final int MAX_ROW_BYTES = 256 * 1024;
  /**
   * An indexed string value in UTF-8 bytes: Firestore indexes only the first 1500 bytes of a
   * string, so longer values would order inexactly.
   */
  public static final int MAX_INDEXED_STRING_BYTES = 1024;
  /** Rows one DeleteRows call deletes at most; the reply says whether more match. */
  public static final int MAX_DELETE_ROWS = 500;
  /** QueryRows page size. */
  public static final int MAX_PAGE_SIZE = 1000;
  public static final int DEFAULT_PAGE_SIZE = 100;

  /**
   * Names of tables and columns: lowercase letters, digits and underscores, starting with a
   * letter. Stricter than Firestore's field names (so never {@code __x__}), and valid as SQL and
   * BigQuery identifiers too; a leading underscore is reserved for row metadata ({@code _id}).
   */
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

  private TableLimits() {}

  public static String requireName(String field, String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw ApiError.invalid(field, "'" + field + "' must be 1-63 lowercase letters, digits or underscores, starting with a letter");
    }
    return name;
  }
}
