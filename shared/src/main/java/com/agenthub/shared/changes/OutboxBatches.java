package com.agenthub.shared.changes;

import com.agenthub.shared.port.Write;
import java.util.ArrayList;
import java.util.List;

/**
 * The outbox records of one commit, stored together: every record becomes part of a batch
 * document of at most {@link #MAX_BATCH_CHARS} characters of JSON (a record larger than that stays
 * alone), so a commit of n changes writes — and its relay later deletes — about one outbox
 * document instead of n. The other writes are untouched and keep their order.
 */
final class OutboxBatches {

  /** Well under Firestore's 1 MiB document limit, whatever the characters' UTF-8 width (≤ 3 bytes here). */
  static final int MAX_BATCH_CHARS = 300_000;

  /**
   * The writes as stored, and for each write asked, the index of the stored write that carries it
   * (its version is that one's).
   */
  record Batched(List<Write> writes, int[] storedIndex) {}

  private OutboxBatches() {}

  static Batched of(List<Write> writes) {
    List<Integer> records = new ArrayList<>();
    boolean[] isRecord = new boolean[writes.size()];
    for (int i = 0; i < writes.size(); i++) {
      if (writes.get(i) instanceof Write.Create create && create.data() instanceof OutboxData data && !data.isBatch()) {
        records.add(i);
        isRecord[i] = true;
      }
    }
    int[] storedIndex = new int[writes.size()];
    if (records.size() < 2) {
      for (int i = 0; i < storedIndex.length; i++) {
        storedIndex[i] = i;
      }
      return new Batched(writes, storedIndex);
    }
    List<Write> stored = new ArrayList<>();
    for (int i = 0; i < writes.size(); i++) {
      if (!isRecord[i]) {
        storedIndex[i] = stored.size();
        stored.add(writes.get(i));
      }
    }
    List<OutboxData> batch = new ArrayList<>();
    List<Integer> members = new ArrayList<>();
    int chars = 0;
    for (int i : records) {
      OutboxData record = (OutboxData) ((Write.Create) writes.get(i)).data();
      int size = record.textLength();
      if (!batch.isEmpty() && chars + size > MAX_BATCH_CHARS) {
        flush(writes, batch, members, stored, storedIndex);
        chars = 0;
      }
      batch.add(record);
      members.add(i);
      chars += size;
    }
    flush(writes, batch, members, stored, storedIndex);
    return new Batched(List.copyOf(stored), storedIndex);
  }

  private static void flush(List<Write> writes, List<OutboxData> batch, List<Integer> members, List<Write> stored,
      int[] storedIndex) {
    for (int member : members) {
      storedIndex[member] = stored.size();
    }
    stored.add(batch.size() == 1 ? writes.get(members.get(0)) : Outbox.recordAll(batch, batch.get(0).committedAt()));
    batch.clear();
    members.clear();
  }
}
