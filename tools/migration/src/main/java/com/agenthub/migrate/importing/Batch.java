package com.agenthub.migrate.importing;

import com.agenthub.migrate.snapshot.Dictionary;
import com.agenthub.migrate.snapshot.LegacyRecord;
import java.util.List;

/**
 * A unit of import and of the checkpoint: records of one dictionary (rows of one table), in
 * snapshot order, and the function they go to (a dictionary's own, except analytics_data's
 * history: ImportEventHistory). Its id is its place in the plan, stable for as long as the
 * snapshot is unchanged.
 */
public record Batch(String id, Dictionary dictionary, List<LegacyRecord> records, String function) {

  public Batch(String id, Dictionary dictionary, List<LegacyRecord> records) {
    this(id, dictionary, records, Requests.function(dictionary));
  }
}
