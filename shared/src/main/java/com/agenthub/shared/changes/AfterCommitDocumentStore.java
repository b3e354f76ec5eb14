package com.agenthub.shared.changes;

import com.agenthub.shared.port.DocumentPath;
import com.agenthub.shared.port.DocumentStore;
import com.agenthub.shared.port.NearestQuery;
import com.agenthub.shared.port.Query;
import com.agenthub.shared.port.StoredDocument;
import com.agenthub.shared.port.Version;
import com.agenthub.shared.port.Write;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A store that hands every list of writes it committed — a commit, or the writes of a committed
 * transaction (its last attempt only) — to a listener, after the commit succeeded.
 */
public class AfterCommitDocumentStore implements DocumentStore {

  private final DocumentStore store;
  private final Consumer<List<Write>> afterCommit;

  public AfterCommitDocumentStore(DocumentStore store, Consumer<List<Write>> afterCommit) {
    this.store = store;
    this.afterCommit = afterCommit;
  }

  @Override
  public final Optional<StoredDocument> get(DocumentPath path) {
    return store.get(path);
  }

  @Override
  public final List<Optional<StoredDocument>> getAll(List<DocumentPath> paths) {
    return store.getAll(paths);
  }

  @Override
  public final List<Version> commit(List<Write> writes) {
    List<Version> versions = store.commit(writes);
    afterCommit.accept(List.copyOf(writes));
    return versions;
  }

  @Override
  public final List<StoredDocument> query(Query query) {
    return store.query(query);
  }

  @Override
  public final List<NearestQuery.Nearest> findNearest(NearestQuery query) {
    return store.findNearest(query);
  }

  @Override
  public final long count(Query query) {
    return store.count(query);
  }

  @Override
  public final <T> T inTransaction(TransactionWork<T> work) {
    List<Write> committed = new ArrayList<>();
    T result = store.inTransaction(transaction -> {
      committed.clear(); // the work may run again; only the last, committed attempt counts
      return work.run(new Transaction() {
        @Override
        public Optional<StoredDocument> get(DocumentPath path) {
          return transaction.get(path);
        }

        @Override
        public void write(Write write) {
          committed.add(write);
          transaction.write(write);
        }
      });
    });
    afterCommit.accept(List.copyOf(committed));
    return result;
  }
}
