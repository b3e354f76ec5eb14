package com.agenthub.migrate.snapshot;

import com.google.gson.JsonObject;

/**
 * One record of a snapshot: its dictionary, where it was (file line, 1-based) and its legacy id.
 * {@code key} is what makes it unique in its dictionary: the legacy id, or for rows of
 * {@code database}, {@code TABLE/ID} (row ids are unique per table only).
 */
public record LegacyRecord(Dictionary dictionary, int line, String legacyId, String key, JsonObject data) {}
