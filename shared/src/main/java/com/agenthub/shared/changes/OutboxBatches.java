package com.agenthub.shared.changes;

import com.agenthub.shared.port.Write;
import java.time.Instant;
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
      if (writes.get(i) instanceof Write.Create create && Outbox.isOutbox(create.path()) && !create.data().containsKey("changes")) {
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
    List<Change> batch = new ArrayList<>();
    List<Integer> members = new ArrayList<>();
    int chars = 0;
    Instant committedAt = null;
    for (int i : records) {
      Write.Create record = (Write.Create) writes.get(i);
      int size = Outbox.size(record);
      if (!batch.isEmpty() && chars + size > MAX_BATCH_CHARS) {
        flush(batch, members, committedAt, stored, storedIndex);
        chars = 0;
      }
      committedAt = committedAt == null ? (Instant) record.data().get("created_at") : committedAt;
      batch.addAll(Outbox.read(record).changes());
      members.add(i);
      chars += size;
    }
    flush(batch, members, committedAt, stored, storedIndex);
    return new Batched(List.copyOf(stored), storedIndex);
  }

  private static void flush(List<Change> batch, List<Integer> members, Instant committedAt, List<Write> stored,
      int[] storedIndex) {
    for (int member : members) {
      storedIndex[member] = stored.size();
    }
    stored.add(batch.size() == 1 ? Outbox.record(batch.get(0), committedAt) : Outbox.recordAll(batch, committedAt));
    batch.clear();
    members.clear();
  }
}
