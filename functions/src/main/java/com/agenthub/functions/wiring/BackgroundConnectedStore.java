package com.agenthub.functions.wiring;

import com.agenthub.shared.cache.Completions;
import com.agenthub.shared.port.DocumentPath;
import com.agenthub.shared.port.DocumentStore;
import com.agenthub.shared.port.NearestQuery;
import com.agenthub.shared.port.Query;
import com.agenthub.shared.port.StoredDocument;
import com.agenthub.shared.port.Version;
import com.agenthub.shared.port.Write;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The document store, connected on a thread of its own from the moment the instance is built: the
 * Firestore client is created and its channel opened by a first read while the Functions Framework
 * is still starting its server (measured by {@code tools/bench cold}), instead of before. Every call
 * waits for the connection; if it could not be made, every call fails with why.
 */
final class BackgroundConnectedStore implements DocumentStore {

  private final CompletableFuture<DocumentStore> connected = new CompletableFuture<>();

  BackgroundConnectedStore(Supplier<DocumentStore> connect, DocumentPath warmUpRead) {
    Thread connecting = new Thread(() -> {
      DocumentStore store;
      try {
        store = connect.get();
      } catch (RuntimeException | Error e) {
        connected.completeExceptionally(e);
        return;
      }
      connected.complete(store);
      try {
        store.get(warmUpRead); // opens the channel and loads the read path before the first request needs them
      } catch (RuntimeException ignored) {
        // Only a head start: the first real request reports any real problem.
      }
    }, "firestore-connect");
    connecting.setDaemon(true);
    connecting.start();
  }

  private DocumentStore store() {
    return Completions.join(connected);
  }

  @Override
  public Optional<StoredDocument> get(DocumentPath path) {
    return store().get(path);
  }

  @Override
  public List<Optional<StoredDocument>> getAll(List<DocumentPath> paths) {
    return store().getAll(paths);
  }

  @Override
  public List<Version> commit(List<Write> writes) {
    return store().commit(writes);
  }

  @Override
  public List<StoredDocument> query(Query query) {
    return store().query(query);
  }

  @Override
  public List<NearestQuery.Nearest> findNearest(NearestQuery query) {
    return store().findNearest(query);
  }

  @Override
  public long count(Query query) {
    return store().count(query);
  }

  @Override
  public <T> T inTransaction(TransactionWork<T> work) {
    return store().inTransaction(work);
  }
}
