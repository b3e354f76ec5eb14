package com.agenthub.shared.adapter.memory;

import com.agenthub.shared.port.DocumentPath;
import com.agenthub.shared.port.DocumentStore;
import com.agenthub.shared.port.NearestQuery;
import com.agenthub.shared.port.Query;
import com.agenthub.shared.port.Vector;
import com.agenthub.shared.port.StoreException;
import com.agenthub.shared.port.StoreException.Reason;
import com.agenthub.shared.port.StoredDocument;
import com.agenthub.shared.port.Version;
import com.agenthub.shared.port.Write;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A fake of the document port for fast unit tests: one lock makes every operation serializable.
 * {@code DocumentStoreContract} holds it to the Firestore emulator's behaviour.
 */
public final class InMemoryDocumentStore implements DocumentStore {

  private record Entry(Map<String, Object> data, Version version) {}

  private final TreeMap<String, Entry> documents = new TreeMap<>();
  private Instant clock = Instant.EPOCH;

  @Override
  public synchronized Optional<StoredDocument> get(DocumentPath path) {
    return Optional.ofNullable(documents.get(path.toString())).map(e -> stored(path, e));
  }

  @Override
  public synchronized List<Version> commit(List<Write> writes) {
    Map<String, Entry> staged = new HashMap<>();
    Version version = nextVersion();
    List<Version> versions = new ArrayList<>();
    for (Write write : writes) {
      String key = write.path().toString();
      Entry current = staged.containsKey(key) ? staged.get(key) : documents.get(key);
      staged.put(key, apply(write, current, version));
      versions.add(version);
    }
    staged.forEach((key, entry) -> {
      if (entry == null) {
        documents.remove(key);
      } else {
        documents.put(key, entry);
      }
    });
    return versions;
  }

  @Override
  public synchronized List<StoredDocument> query(Query query) {
    String prefix = query.collection() + "/";
    List<StoredDocument> matches = new ArrayList<>();
    documents.forEach((key, entry) -> {
      if (key.startsWith(prefix) && !key.substring(prefix.length()).contains("/")
          && query.equalTo().entrySet().stream().allMatch(f -> equal(entry.data().get(f.getKey()), f.getValue()))
          && query.in().entrySet().stream().allMatch(f -> f.getValue().stream().anyMatch(v -> equal(entry.data().get(f.getKey()), v)))
          && query.arrayContains().entrySet().stream().allMatch(f -> entry.data().get(f.getKey()) instanceof List<?> values
              && values.stream().anyMatch(v -> equal(v, f.getValue())))
          && query.orderBy().map(entry.data()::containsKey).orElse(true)
          && withinBounds(entry.data(), query)) {
        matches.add(stored(new DocumentPath(List.of(key.split("/"))), entry));
      }
    });
    Comparator<StoredDocument> order = Comparator.comparing(StoredDocument::id);
    if (query.orderBy().isPresent()) {
      String field = query.orderBy().get();
      order = Comparator.<StoredDocument, Object>comparing(d -> d.data().get(field), InMemoryDocumentStore::compareValues)
          .thenComparing(order);
    }
    matches.sort(query.descending() ? order.reversed() : order);
    List<StoredDocument> page = new ArrayList<>();
    for (StoredDocument doc : matches) {
      if (query.startAfter().isPresent() && !isAfter(doc, query)) {
        continue;
      }
      if (page.size() == query.limit()) {
        break;
      }
      page.add(doc);
    }
    return page;
  }

  /** Exact nearest neighbours, as Firestore's flat vector index computes them. */
  @Override
  public synchronized List<NearestQuery.Nearest> findNearest(NearestQuery query) {
    String prefix = query.collection() + "/";
    List<NearestQuery.Nearest> found = new ArrayList<>();
    documents.forEach((key, entry) -> {
      if (key.startsWith(prefix) && !key.substring(prefix.length()).contains("/")
          && query.equalTo().entrySet().stream().allMatch(f -> equal(entry.data().get(f.getKey()), f.getValue()))
          && query.arrayContainsAny().entrySet().stream().allMatch(f -> entry.data().get(f.getKey()) instanceof List<?> values
              && values.stream().anyMatch(v -> f.getValue().stream().anyMatch(wanted -> equal(v, wanted))))
          && entry.data().get(query.field()) instanceof Vector vector
          && vector.dimensions() == query.target().dimensions()) {
        found.add(new NearestQuery.Nearest(stored(new DocumentPath(List.of(key.split("/"))), entry),
            distance(query.measure(), vector.values(), query.target().values())));
      }
    });
    // Dot product is a similarity: larger is nearer, as Firestore orders it.
    Comparator<NearestQuery.Nearest> nearestFirst = Comparator.comparingDouble(NearestQuery.Nearest::distance);
    found.sort(query.measure() == NearestQuery.Measure.DOT_PRODUCT ? nearestFirst.reversed() : nearestFirst);
    return List.copyOf(found.subList(0, Math.min(query.limit(), found.size())));
  }

  private static double distance(NearestQuery.Measure measure, float[] a, float[] b) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    double squared = 0;
    for (int i = 0; i < a.length; i++) {
      dot += (double) a[i] * b[i];
      na += (double) a[i] * a[i];
      nb += (double) b[i] * b[i];
      squared += ((double) a[i] - b[i]) * ((double) a[i] - b[i]);
    }
    return switch (measure) {
      case COSINE -> 1 - dot / Math.sqrt(na * nb);
      case EUCLIDEAN -> Math.sqrt(squared);
      case DOT_PRODUCT -> dot;
    };
  }

  @Override
  public <T> T inTransaction(TransactionWork<T> work) {
    synchronized (this) {
      List<Write> buffered = new ArrayList<>();
      T result = work.run(new Transaction() {
        @Override
        public Optional<StoredDocument> get(DocumentPath path) {
          if (!buffered.isEmpty()) {
            throw new IllegalStateException("Firestore transactions must read before they write");
          }
          return InMemoryDocumentStore.this.get(path);
        }

        @Override
        public void write(Write write) {
          buffered.add(write);
        }
      });
      commit(buffered);
      return result;
    }
  }

  private Entry apply(Write write, Entry current, Version version) {
    if (write instanceof Write.Create c) {
      if (current != null) {
        throw new StoreException(Reason.ALREADY_EXISTS, c.path() + " exists");
      }
      return new Entry(copy(c.data()), version);
    }
    if (write instanceof Write.Set s) {
      return new Entry(copy(s.data()), version);
    }
    if (write instanceof Write.Update u) {
      requireExpected(u.path(), current, u.expected(), true);
      Map<String, Object> data = new LinkedHashMap<>(current.data());
      data.putAll(copy(u.fields()));
      return new Entry(data, version);
    }
    if (write instanceof Write.Delete d) {
      requireExpected(d.path(), current, d.expected(), false);
      return null;
    }
    if (write instanceof Write.Increment i) {
      Map<String, Object> data = current == null ? new LinkedHashMap<>() : new LinkedHashMap<>(current.data());
      data.putAll(copy(i.fields()));
      Object before = data.get(i.field());
      data.put(i.field(), (before instanceof Long l ? l : 0L) + i.delta());
      return new Entry(data, version);
    }
    if (write instanceof Write.MergeMap m) {
      Map<String, Object> data = current == null ? new LinkedHashMap<>() : new LinkedHashMap<>(current.data());
      Map<String, Object> entries = data.get(m.field()) instanceof Map<?, ?> existing
          ? new LinkedHashMap<>(copy(castMap(existing))) : new LinkedHashMap<>();
      entries.putAll(copy(m.put()));
      m.remove().forEach(entries::remove);
      data.put(m.field(), entries);
      return new Entry(data, version);
    }
    throw new IllegalArgumentException("unknown write " + write);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castMap(Map<?, ?> map) {
    return (Map<String, Object>) map;
  }

  private static void requireExpected(DocumentPath path, Entry current, Optional<Version> expected, boolean mustExist) {
    if (expected.isEmpty()) {
      if (mustExist && current == null) {
        throw new StoreException(Reason.NOT_FOUND, path + " does not exist");
      }
      return;
    }
    // Firestore reports a failed updateTime precondition the same way whether the document is
    // missing or changed.
    if (current == null || !current.version().equals(expected.get())) {
      throw new StoreException(Reason.STALE, path + " is not at version " + expected.get().token());
    }
  }

  private Version nextVersion() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    clock = now.isAfter(clock) ? now : clock.plus(1, ChronoUnit.MICROS);
    return new Version(clock);
  }

  private static boolean isAfter(StoredDocument doc, Query query) {
    Query.Cursor cursor = query.startAfter().get();
    int sign = query.descending() ? -1 : 1;
    if (query.orderBy().isPresent()) {
      int byValue = compareValues(doc.data().get(query.orderBy().get()), cursor.orderValue());
      if (byValue != 0) {
        return sign * byValue > 0;
      }
    }
    return sign * doc.id().compareTo(cursor.documentId()) > 0;
  }

  private static boolean withinBounds(Map<String, Object> data, Query query) {
    if (query.orderBy().isEmpty()) {
      return true;
    }
    Object value = data.get(query.orderBy().get());
    if (value == null) {
      return query.lower().isEmpty() && query.upper().isEmpty() && query.notEqual().isEmpty();
    }
    if (query.notEqual().isPresent() && equal(value, query.notEqual().get())) {
      return false;
    }
    if (query.lower().isPresent()) {
      int c = comparable(value).compareTo(query.lower().get().value());
      if (c < 0 || (c == 0 && !query.lower().get().inclusive())) {
        return false;
      }
    }
    if (query.upper().isPresent()) {
      int c = comparable(value).compareTo(query.upper().get().value());
      if (c > 0 || (c == 0 && !query.upper().get().inclusive())) {
        return false;
      }
    }
    return true;
  }

  /** Firestore's order within one type, with null before every value. */
  private static int compareValues(Object a, Object b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : -1) : 1;
    }
    if (a instanceof Number x && b instanceof Number y) {
      return Double.compare(x.doubleValue(), y.doubleValue());
    }
    return comparable(a).compareTo(b);
  }

  @SuppressWarnings("unchecked")
  private static Comparable<Object> comparable(Object value) {
    return (Comparable<Object>) value;
  }

  private static boolean equal(Object stored, Object wanted) {
    if (stored instanceof Number a && wanted instanceof Number b) {
      return a.doubleValue() == b.doubleValue();
    }
    return Objects.equals(stored, wanted);
  }

  private static StoredDocument stored(DocumentPath path, Entry entry) {
    return new StoredDocument(path, copy(entry.data()), entry.version());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> copy(Map<String, Object> data) {
    return (Map<String, Object>) deepCopy(data);
  }

  private static Object deepCopy(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put((String) k, deepCopy(v)));
      return out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      list.forEach(v -> out.add(deepCopy(v)));
      return out;
    }
    if (value instanceof Integer i) {
      return i.longValue();
    }
    return value;
  }
}
