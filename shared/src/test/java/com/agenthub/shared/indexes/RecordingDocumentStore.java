package com.agenthub.shared.indexes;

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

/** Passes everything to a store and remembers every query and every write (also in transactions). */
final class RecordingDocumentStore implements DocumentStore {

  private final DocumentStore store;
  final List<Query> queries = new ArrayList<>();
  final List<Write> writes = new ArrayList<>();
  final List<NearestQuery> nearestQueries = new ArrayList<>();

  RecordingDocumentStore(DocumentStore store) {
    this.store = store;
  }

  @Override
  public Optional<StoredDocument> get(DocumentPath path) {
    return store.get(path);
  }

  @Override
  public synchronized List<Version> commit(List<Write> batch) {
    writes.addAll(batch);
    return store.commit(batch);
  }

  @Override
  public synchronized List<StoredDocument> query(Query query) {
    queries.add(query);
    return store.query(query);
  }

  @Override
  public synchronized List<NearestQuery.Nearest> findNearest(NearestQuery query) {
    nearestQueries.add(query);
    return store.findNearest(query);
  }

  @Override
  public <T> T inTransaction(TransactionWork<T> work) {
    return store.inTransaction(transaction -> work.run(new Transaction() {
      @Override
      public Optional<StoredDocument> get(DocumentPath path) {
        return transaction.get(path);
      }

      @Override
      public void write(Write write) {
        synchronized (RecordingDocumentStore.this) {
          writes.add(write);
        }
        transaction.write(write);
      }
    }));
  }
}
