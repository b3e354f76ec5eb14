package com.agenthub.shared.port;

import com.agenthub.shared.concurrency.GroupCommit;
import java.util.List;

/**
 * Independent one-document writes of concurrent callers, committed together: callers arriving
 * while a commit is in flight share the next one ({@link GroupCommit}), so under concurrency an
 * instance pays a few commits, not one per write; a lone caller commits at once. The writes of a
 * shared commit do not depend on each other, so if it fails (one write's precondition) each write
 * of it is committed alone and every caller hears only of its own outcome.
 */
public final class GroupedWrites {

  /** Writes per shared commit (Firestore takes 500; a few dozen already make one commit of many). */
  static final int MAX_TOGETHER = 32;

  private final DocumentStore store;
  private final GroupCommit<Pending> together = new GroupCommit<>(MAX_TOGETHER, this::commitTogether);

  public GroupedWrites(DocumentStore store) {
    this.store = store;
  }

  /** One caller's write and, once its batch is done, what became of it. */
  private static final class Pending {
    final Write write;
    Version version;
    RuntimeException failure;

    Pending(Write write) {
      this.write = write;
    }
  }

  /** Commits {@code write}, possibly in one commit with other callers' writes; its new version, or its own failure. */
  public Version commit(Write write) {
    Pending pending = new Pending(write);
    together.submit(pending);
    if (pending.failure != null) {
      throw pending.failure;
    }
    return pending.version;
  }

  private void commitTogether(List<Pending> batch) {
    if (batch.size() > 1) {
      try {
        List<Version> versions = store.commit(batch.stream().map(p -> p.write).toList());
        for (int i = 0; i < batch.size(); i++) {
          batch.get(i).version = versions.get(i);
        }
        return;
      } catch (RuntimeException shared) {
        // One write's failure failed them all (or two callers named one document): each alone, below.
      }
    }
    batch.forEach(this::commitAlone);
  }

  private void commitAlone(Pending pending) {
    try {
      pending.version = store.commit(List.of(pending.write)).get(0);
    } catch (RuntimeException e) {
      pending.failure = e;
    }
  }
}
