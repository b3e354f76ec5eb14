package com.agenthub.migrate.importing;

import com.agenthub.migrate.snapshot.Dictionary;
import com.agenthub.migrate.snapshot.LegacyRecord;
import java.util.List;

/**
 * A unit of import and of the checkpoint: records of one dictionary (rows of one table), in
 * snapshot order. Its id is its place in the plan, stable for as long as the snapshot is unchanged.
 */
public record Batch(String id, Dictionary dictionary, List<LegacyRecord> records) {}
