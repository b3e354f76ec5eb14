package com.agenthub.migrate.importing;

import com.agenthub.migrate.snapshot.LegacyRecord;
import com.agenthub.migrate.snapshot.Rejection;
import java.util.ArrayList;
import java.util.List;

/** What a batch did so far, record by record, as it becomes its {@link BatchOutcome}. */
final class BatchTally {

  private int created;
  private int existing;
  private int companionsCreated;
  private int companionsExisting;
  private final List<Rejection> rejected = new ArrayList<>();
  private final List<Rejection> conflicts = new ArrayList<>();

  /** A record created now, with {@code companions} of its companions (counters, transactions) created with it. */
  void created(int companions) {
    created++;
    companionsCreated += companions;
  }

  /** A record that was already there (a re-run, or a dual write first), with its companions. */
  void found(int companions) {
    existing++;
    companionsExisting += companions;
  }

  /** A record whose id names other content; its companions (a payment intent's transactions) go with it. */
  void conflict(LegacyRecord record, String field, String message, List<LegacyRecord> companions) {
    conflicts.add(Rejection.of(record, field, message));
    companions.forEach(t -> conflicts.add(Rejection.of(t, "payment_intent_id", "its payment intent is in conflict: " + message)));
  }

  /** A record the API refused; its companions go with it. */
  void rejected(LegacyRecord record, String field, String message, List<LegacyRecord> companions) {
    rejected.add(Rejection.of(record, field, "the API refused it: " + message));
    companions.forEach(t -> rejected.add(Rejection.of(t, "payment_intent_id", "its payment intent was refused: " + message)));
  }

  /** What another run over some of the batch's records did (the one-by-one fallback). */
  void add(BatchOutcome outcome) {
    created += outcome.created();
    existing += outcome.existing();
    companionsCreated += outcome.companionsCreated();
    companionsExisting += outcome.companionsExisting();
    rejected.addAll(outcome.rejected());
    conflicts.addAll(outcome.conflicts());
  }

  BatchOutcome outcome() {
    return new BatchOutcome(created, existing, rejected, conflicts, companionsCreated, companionsExisting);
  }
}
