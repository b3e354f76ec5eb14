package com.agenthub.shared.warehouse;

import java.time.Instant;

/**
 * A row of table_row_changes: one committed change of a row of a tenant table (created, updated,
 * deleted), with the row after it (before it, for a delete) as JSON keyed by column name.
 */
public record TableRowChangeRow(
    String changeId,
    String changeType,
    Instant changedAt,
    String organizationId,
    String tableId,
    String tableName,
    String rowId,
    JsonText row,
    long schemaVersion) {}
