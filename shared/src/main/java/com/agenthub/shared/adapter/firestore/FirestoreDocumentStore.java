package com.agenthub.shared.adapter.firestore;

import static com.agenthub.shared.adapter.firestore.FirestoreValues.fromFirestore;
import static com.agenthub.shared.adapter.firestore.FirestoreValues.toFirestore;
import static com.agenthub.shared.adapter.firestore.FirestoreValues.toFirestoreMap;

import com.agenthub.shared.port.DocumentPath;
import com.agenthub.shared.port.DocumentStore;
import com.agenthub.shared.port.NearestQuery;
import com.agenthub.shared.port.Query;
import com.agenthub.shared.port.StoredDocument;
import com.agenthub.shared.port.Version;
import com.agenthub.shared.port.Write;
import com.google.api.core.ApiFuture;
import com.google.cloud.Timestamp;
import com.google.cloud.firestore.DocumentReference;
import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.FieldPath;
import com.google.cloud.firestore.FieldValue;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.Precondition;
import com.google.cloud.firestore.SetOptions;
import com.google.cloud.firestore.UpdateBuilder;
import com.google.cloud.firestore.VectorQuery;
import com.google.cloud.firestore.VectorQueryOptions;
import com.google.cloud.firestore.VectorQuerySnapshot;
import com.google.cloud.firestore.WriteBatch;
import com.google.cloud.firestore.WriteResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The document port on the official Firestore client (the service, or its emulator). */
public final class FirestoreDocumentStore implements DocumentStore {

  /** Bounds every call, so a lost connection becomes UNAVAILABLE instead of a hung request. */
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

  private final Firestore firestore;

  public FirestoreDocumentStore(Firestore firestore) {
    this.firestore = firestore;
  }

  @Override
  public Optional<StoredDocument> get(DocumentPath path) {
    return toStored(await(ref(path).get()));
  }

  @Override
  public List<Optional<StoredDocument>> getAll(List<DocumentPath> paths) {
    if (paths.isEmpty()) {
      return List.of();
    }
    // getAll answers in the order asked, duplicates included.
    List<DocumentSnapshot> snapshots = await(firestore.getAll(paths.stream().map(this::ref).toArray(DocumentReference[]::new)));
    return snapshots.stream().map(FirestoreDocumentStore::toStored).toList();
  }

  @Override
  public List<Version> commit(List<Write> writes) {
    WriteBatch batch = firestore.batch();
    writes.forEach(write -> apply(write, batch));
    List<Version> versions = new ArrayList<>();
    for (WriteResult result : await(batch.commit())) {
      versions.add(new Version(FirestoreValues.instant(result.getUpdateTime())));
    }
    return versions;
  }

  @Override
  public List<StoredDocument> query(Query query) {
    com.google.cloud.firestore.Query q = filtered(query);
    List<StoredDocument> page = new ArrayList<>();
    for (DocumentSnapshot snapshot : await(q.limit(query.limit()).get()).getDocuments()) {
      toStored(snapshot).ifPresent(page::add);
    }
    return page;
  }

  /** Counted on the server: one aggregation query, whatever the number of documents. */
  @Override
  public long count(Query query) {
    Query whole = new Query(query.collection(), query.equalTo(), query.orderBy(), query.direction(), query.lower(),
        query.upper(), Optional.empty(), 1, query.in(), query.notEqual(), query.arrayContains());
    return await(filtered(whole).count().get()).getCount();
  }

  private com.google.cloud.firestore.Query filtered(Query query) {
    com.google.cloud.firestore.Query q = firestore.collection(query.collection().toString());
    for (Map.Entry<String, Object> filter : query.equalTo().entrySet()) {
      q = q.whereEqualTo(filter.getKey(), toFirestore(filter.getValue()));
    }
    for (Map.Entry<String, List<Object>> filter : query.in().entrySet()) {
      q = q.whereIn(filter.getKey(), filter.getValue().stream().map(FirestoreValues::toFirestore).toList());
    }
    for (Map.Entry<String, Object> filter : query.arrayContains().entrySet()) {
      q = q.whereArrayContains(filter.getKey(), toFirestore(filter.getValue()));
    }
    com.google.cloud.firestore.Query.Direction direction = query.descending()
        ? com.google.cloud.firestore.Query.Direction.DESCENDING
        : com.google.cloud.firestore.Query.Direction.ASCENDING;
    if (query.orderBy().isPresent()) {
      String field = query.orderBy().get();
      if (query.lower().isPresent()) {
        Query.Bound lower = query.lower().get();
        q = lower.inclusive()
            ? q.whereGreaterThanOrEqualTo(field, toFirestore(lower.value()))
            : q.whereGreaterThan(field, toFirestore(lower.value()));
      }
      if (query.upper().isPresent()) {
        Query.Bound upper = query.upper().get();
        q = upper.inclusive()
            ? q.whereLessThanOrEqualTo(field, toFirestore(upper.value()))
            : q.whereLessThan(field, toFirestore(upper.value()));
      }
      if (query.notEqual().isPresent()) {
        q = q.whereNotEqualTo(field, toFirestore(query.notEqual().get()));
      }
      q = q.orderBy(field, direction);
    }
    q = q.orderBy(FieldPath.documentId(), direction);
    if (query.startAfter().isPresent()) {
      Query.Cursor cursor = query.startAfter().get();
      q = query.orderBy().isPresent()
          ? q.startAfter(toFirestore(cursor.orderValue()), cursor.documentId())
          : q.startAfter(cursor.documentId());
    }
    return q;
  }

  /** Distances come back in a result field the query names; it is taken out of the document again. */
  private static final String DISTANCE_FIELD = "__nearest_distance";

  @Override
  public List<NearestQuery.Nearest> findNearest(NearestQuery query) {
    com.google.cloud.firestore.Query q = firestore.collection(query.collection().toString());
    for (Map.Entry<String, Object> filter : query.equalTo().entrySet()) {
      q = q.whereEqualTo(filter.getKey(), toFirestore(filter.getValue()));
    }
    for (Map.Entry<String, List<Object>> filter : query.arrayContainsAny().entrySet()) {
      q = q.whereArrayContainsAny(filter.getKey(), filter.getValue().stream().map(FirestoreValues::toFirestore).toList());
    }
    float[] target = query.target().values();
    double[] vector = new double[target.length];
    for (int i = 0; i < target.length; i++) {
      vector[i] = target[i];
    }
    VectorQuery.DistanceMeasure measure = switch (query.measure()) {
      case COSINE -> VectorQuery.DistanceMeasure.COSINE;
      case EUCLIDEAN -> VectorQuery.DistanceMeasure.EUCLIDEAN;
      case DOT_PRODUCT -> VectorQuery.DistanceMeasure.DOT_PRODUCT;
    };
    VectorQuerySnapshot found = await(q.findNearest(query.field(), vector, query.limit(), measure,
        VectorQueryOptions.newBuilder().setDistanceResultField(DISTANCE_FIELD).build()).get());
    List<NearestQuery.Nearest> nearest = new ArrayList<>();
    for (DocumentSnapshot snapshot : found.getDocuments()) {
      Double distance = snapshot.getDouble(DISTANCE_FIELD);
      toStored(snapshot).ifPresent(doc -> {
        Map<String, Object> data = new java.util.LinkedHashMap<>(doc.data());
        data.remove(DISTANCE_FIELD);
        nearest.add(new NearestQuery.Nearest(new StoredDocument(doc.path(), data, doc.version()),
            distance == null ? Double.NaN : distance));
      });
    }
    return nearest;
  }

  @Override
  public <T> T inTransaction(TransactionWork<T> work) {
    return awaitPassingThrough(firestore.runTransaction(tx -> work.run(new Transaction() {
      @Override
      public Optional<StoredDocument> get(DocumentPath path) {
        try {
          return toStored(tx.get(ref(path)).get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        } catch (Exception e) {
          throw FirestoreErrors.translate(e);
        }
      }

      @Override
      public void write(Write write) {
        apply(write, tx);
      }
    })));
  }

  /** One mapping for both a WriteBatch and a Transaction: the client's common UpdateBuilder. */
  private void apply(Write write, UpdateBuilder<?> target) {
    if (write instanceof Write.Create c) {
      target.create(ref(c.path()), toFirestoreMap(c.data()));
    } else if (write instanceof Write.Set s) {
      target.set(ref(s.path()), toFirestoreMap(s.data()));
    } else if (write instanceof Write.Update u) {
      // Without a precondition, Firestore's update still requires the document to exist.
      if (u.expected().isPresent()) {
        target.update(ref(u.path()), toFirestoreMap(u.fields()), updatedAt(u.expected().get()));
      } else {
        target.update(ref(u.path()), toFirestoreMap(u.fields()));
      }
    } else if (write instanceof Write.Delete d) {
      target.delete(ref(d.path()), d.expected().map(FirestoreDocumentStore::updatedAt).orElse(Precondition.NONE));
    } else if (write instanceof Write.Increment i) {
      target.set(ref(i.path()), incrementData(i), SetOptions.merge());
    } else if (write instanceof Write.MergeMap m) {
      target.set(ref(m.path()), mergeMapData(m), SetOptions.merge());
    } else {
      throw new IllegalArgumentException("unknown write " + write);
    }
  }

  private DocumentReference ref(DocumentPath path) {
    return firestore.document(path.toString());
  }

  private static Precondition updatedAt(Version version) {
    return Precondition.updatedAt(Timestamp.ofTimeSecondsAndNanos(
        version.updateTime().getEpochSecond(), version.updateTime().getNano()));
  }

  /** A merge of one nested map: entries put, entries deleted; a set with merge leaves every other entry. */
  private static Map<String, Object> mergeMapData(Write.MergeMap merge) {
    Map<String, Object> entries = new HashMap<>(toFirestoreMap(merge.put()));
    merge.remove().forEach(key -> entries.put(key, FieldValue.delete()));
    return Map.of(merge.field(), entries);
  }

  private static Map<String, Object> incrementData(Write.Increment increment) {
    Map<String, Object> data = new HashMap<>(toFirestoreMap(increment.fields()));
    data.put(increment.field(), FieldValue.increment(increment.delta()));
    return data;
  }

  @SuppressWarnings("unchecked")
  private static Optional<StoredDocument> toStored(DocumentSnapshot snapshot) {
    if (!snapshot.exists()) {
      return Optional.empty();
    }
    Map<String, Object> data = (Map<String, Object>) fromFirestore(snapshot.getData());
    return Optional.of(new StoredDocument(
        new DocumentPath(List.of(snapshot.getReference().getPath().split("/"))),
        data,
        new Version(FirestoreValues.instant(snapshot.getUpdateTime()))));
  }

  /** Like await, but an exception the work itself threw (a domain error) reaches the caller unchanged. */
  private static <T> T awaitPassingThrough(ApiFuture<T> future) {
    try {
      return future.get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof RuntimeException own && !FirestoreErrors.isFromTheClient(own)) {
        throw own;
      }
      throw FirestoreErrors.translate(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw FirestoreErrors.translate(e);
    } catch (Exception e) {
      throw FirestoreErrors.translate(e);
    }
  }

  private static <T> T await(ApiFuture<T> future) {
    try {
      return future.get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw FirestoreErrors.translate(e);
    } catch (Exception e) {
      throw FirestoreErrors.translate(e);
    }
  }
}
