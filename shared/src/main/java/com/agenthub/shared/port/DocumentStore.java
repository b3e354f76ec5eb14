package com.agenthub.shared.port;

import java.util.List;
import java.util.Optional;

/**
 * Where the domain keeps its documents (Firestore in production). Every failure surfaces as a
 * {@link StoreException} with a reason the domain can act on.
 */
public interface DocumentStore {

  Optional<StoredDocument> get(DocumentPath path);

  /** Several documents in one round trip, in the order asked; a missing one is empty. */
  default List<Optional<StoredDocument>> getAll(List<DocumentPath> paths) {
    return paths.stream().map(this::get).toList();
  }

  /** Applies all writes atomically — all or none — and returns each document's new version. */
  List<Version> commit(List<Write> writes);

  List<StoredDocument> query(Query query);

  /** The documents nearest to the query's vector, nearest first, each with its distance. */
  List<NearestQuery.Nearest> findNearest(NearestQuery query);

  /**
   * How many documents match {@code query}'s filters (its cursor and limit ignored). Stores that
   * can aggregate on the server override this; the default reads them page by page.
   */
  default long count(Query query) {
    long total = 0;
    Query page = query.limit(Query.MAX_LIMIT);
    page = new Query(page.collection(), page.equalTo(), page.orderBy(), page.direction(), page.lower(), page.upper(),
        java.util.Optional.empty(), Query.MAX_LIMIT, page.in(), page.notEqual(), page.arrayContains());
    while (true) {
      List<StoredDocument> found = query(page);
      total += found.size();
      if (found.size() < Query.MAX_LIMIT) {
        return total;
      }
      StoredDocument last = found.get(found.size() - 1);
      page = page.startAfter(new Query.Cursor(page.orderBy().map(last.data()::get).orElse(null), last.id()));
    }
  }

  /**
   * Runs read-then-write work serializably: reads see one snapshot, and the buffered writes
   * commit atomically only if nothing read has changed. The work may run more than once, so it
   * must have no effect besides its reads and writes.
   */
  <T> T inTransaction(TransactionWork<T> work);

  @FunctionalInterface
  interface TransactionWork<T> {
    T run(Transaction transaction);
  }

  interface Transaction {
    Optional<StoredDocument> get(DocumentPath path);

  /** Several documents in one round trip, in the order asked; a missing one is empty. */
  default List<Optional<StoredDocument>> getAll(List<DocumentPath> paths) {
    return paths.stream().map(this::get).toList();
  }

    void write(Write write);
  }
}
