package com.agenthub.shared.warehouse;

import java.time.Instant;
import java.util.Optional;

/** A row of tables: one committed change of a tenant table's schema (created, altered, deleted), with the schema after it. */
public record TableChangeRow(
    String changeId,
    String changeType,
    Instant changedAt,
    String organizationId,
    String tableId,
    String tableName,
    long schemaVersion,
    JsonText columns,
    Optional<String> primaryKey,
    String status) {}
