package com.agenthub.shared.tables;

import com.agenthub.shared.port.CollectionPath;
import com.agenthub.shared.port.DocumentPath;

/**
 * Where an organization's tables live. A table's schema is found by its name; its rows live under
 * its storage id, so a deleted table's rows (removed in the background) never mix with those of a
 * new table of the same name. Every row collection is named {@code table_rows}: the composite
 * indexes on its slots serve every table at once.
 */
final class TablePaths {

  static final String ROWS = "table_rows";

  private TablePaths() {}

  static CollectionPath tables(String organizationId) {
    return CollectionPath.of("organizations", organizationId, "tables");
  }

  static DocumentPath table(String organizationId, String name) {
    return tables(organizationId).document(name);
  }

  static CollectionPath rows(String organizationId, String tableId) {
    return CollectionPath.of("organizations", organizationId, "table_data", tableId, ROWS);
  }

  static DocumentPath row(String organizationId, String tableId, String rowDocumentId) {
    return rows(organizationId, tableId).document(rowDocumentId);
  }

  /**
   * One per table being deleted, across organizations: what the scheduled sweep continues. Written
   * in the commit that marks the table deleting, removed in the one that removes the table.
   */
  static final CollectionPath DELETIONS = CollectionPath.of("table_deletions");

  static DocumentPath deletion(String tableId) {
    return DELETIONS.document(tableId);
  }

  /** One per value of a unique column: created in the same commit as the row that takes the value. */
  static DocumentPath uniqueGuard(String organizationId, String tableId, String guardId) {
    return CollectionPath.of("organizations", organizationId, "table_data", tableId, "unique_values").document(guardId);
  }
}
