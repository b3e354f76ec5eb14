package com.agenthub.shared.port;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.agenthub.shared.port.StoreException.Reason;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every DocumentStore must do. Runs against the in-memory fake and against the Firestore
 * emulator, so the fake cannot drift from the real thing.
 */
public abstract class DocumentStoreContract {

  protected abstract DocumentStore store();

  private CollectionPath items;

  @BeforeEach
  void isolateEachTestInItsOwnCollection() {
    items = CollectionPath.of("contract", UUID.randomUUID().toString().replace("-", ""), "items");
  }

  private DocumentPath doc(String id) {
    return items.document(id);
  }

  @Test
  void aCreatedDocumentReadsBackWithEveryValueType() {
    Instant when = Instant.parse("2026-11-26T10:15:30.123456Z");
    Map<String, Object> data = Map.of(
        "s", "text", "n", 42L, "d", 1.5, "b", true, "t", when,
        "m", Map.of("nested", List.of(1L, "two", Map.of("deep", false))));
    store().commit(List.of(Write.create(doc("a"), data)));

    StoredDocument read = store().get(doc("a")).orElseThrow();
    assertEquals(data, read.data());
    assertEquals("a", read.id());
  }

  @Test
  void aMissingDocumentIsEmpty() {
    assertTrue(store().get(doc("nothing")).isEmpty());
  }

  @Test
  void getAllAnswersInTheOrderAskedWithMissingDocumentsEmpty() {
    store().commit(List.of(Write.create(doc("a"), Map.of("v", 1L)), Write.create(doc("b"), Map.of("v", 2L))));
    List<Optional<StoredDocument>> found = store().getAll(List.of(doc("b"), doc("missing"), doc("a"), doc("b")));
    assertEquals(List.of(Optional.of(2L), Optional.empty(), Optional.of(1L), Optional.of(2L)),
        found.stream().map(d -> d.map(x -> x.data().get("v"))).toList());
  }

  @Test
  void createOnAnExistingDocumentFailsWithAlreadyExistsAndChangesNothing() {
    store().commit(List.of(Write.create(doc("a"), Map.of("v", 1L))));
    StoreException e = assertThrows(StoreException.class,
        () -> store().commit(List.of(Write.create(doc("a"), Map.of("v", 2L)))));
    assertEquals(Reason.ALREADY_EXISTS, e.reason());
    assertEquals(1L, store().get(doc("a")).orElseThrow().data().get("v"));
  }

  @Test
  void everyWriteChangesTheVersionAndCommitReportsIt() {
    Version created = store().commit(List.of(Write.create(doc("a"), Map.of("v", 1L)))).get(0);
    assertEquals(created, store().get(doc("a")).orElseThrow().version());
    Version updated = store().commit(List.of(Write.update(doc("a"), Map.of("v", 2L), Optional.of(created)))).get(0);
    assertNotEquals(created, updated);
    assertEquals(updated, store().get(doc("a")).orElseThrow().version());
  }

  @Test
  void updateReplacesOnlyTheGivenFields() {
    store().commit(List.of(Write.create(doc("a"), Map.of("keep", "x", "change", "old"))));
    store().commit(List.of(Write.update(doc("a"), Map.of("change", "new", "add", 1L), Optional.empty())));
    assertEquals(Map.of("keep", "x", "change", "new", "add", 1L), store().get(doc("a")).orElseThrow().data());
  }

  @Test
  void updateOfAMissingDocumentFailsWithNotFound() {
    StoreException e = assertThrows(StoreException.class,
        () -> store().commit(List.of(Write.update(doc("none"), Map.of("v", 1L), Optional.empty()))));
    assertEquals(Reason.NOT_FOUND, e.reason());
    assertTrue(store().get(doc("none")).isEmpty());
  }

  @Test
  void updateWithAStaleVersionFailsAndChangesNothing() {
    Version v1 = store().commit(List.of(Write.create(doc("a"), Map.of("v", 1L)))).get(0);
    store().commit(List.of(Write.update(doc("a"), Map.of("v", 2L), Optional.of(v1))));
    StoreException e = assertThrows(StoreException.class,
        () -> store().commit(List.of(Write.update(doc("a"), Map.of("v", 3L), Optional.of(v1)))));
    assertEquals(Reason.STALE, e.reason());
    assertEquals(2L, store().get(doc("a")).orElseThrow().data().get("v"));
  }

  @Test
  void aCommitWithOneFailingWriteAppliesNothing() {
    Version v1 = store().commit(List.of(Write.create(doc("a"), Map.of("v", 1L)))).get(0);
    store().commit(List.of(Write.update(doc("a"), Map.of("v", 2L), Optional.of(v1))));
    assertThrows(StoreException.class, () -> store().commit(List.of(
        Write.create(doc("b"), Map.of("v", 1L)),
        Write.update(doc("a"), Map.of("v", 3L), Optional.of(v1)))));
    assertTrue(store().get(doc("b")).isEmpty());
  }

  @Test
  void deleteWithTheCurrentVersionRemovesTheDocument() {
    Version v1 = store().commit(List.of(Write.create(doc("a"), Map.of("v", 1L)))).get(0);
    store().commit(List.of(Write.delete(doc("a"), Optional.of(v1))));
    assertTrue(store().get(doc("a")).isEmpty());
  }

  @Test
  void deleteWithAStaleVersionFails() {
    Version v1 = store().commit(List.of(Write.create(doc("a"), Map.of("v", 1L)))).get(0);
    store().commit(List.of(Write.update(doc("a"), Map.of("v", 2L), Optional.of(v1))));
    StoreException e = assertThrows(StoreException.class,
        () -> store().commit(List.of(Write.delete(doc("a"), Optional.of(v1)))));
    assertEquals(Reason.STALE, e.reason());
    assertTrue(store().get(doc("a")).isPresent());
  }

  @Test
  void moveBetweenCollectionsIsAtomic() {
    store().commit(List.of(Write.create(doc("a"), Map.of("v", 1L))));
    DocumentPath archived = CollectionPath.of("contract", items.segments().get(1), "archive").document("a");
    store().commit(List.of(Write.delete(doc("a"), Optional.empty()), Write.create(archived, Map.of("v", 1L))));
    assertTrue(store().get(doc("a")).isEmpty());
    assertEquals(1L, store().get(archived).orElseThrow().data().get("v"));
  }

  @Test
  void incrementCreatesTheDocumentKeepsItsFieldsAndAdds() {
    store().commit(List.of(Write.increment(doc("c"), "value", 5, Map.of("name", "calls"))));
    store().commit(List.of(Write.increment(doc("c"), "value", 7, Map.of("name", "calls"))));
    StoredDocument read = store().get(doc("c")).orElseThrow();
    assertEquals(12L, read.data().get("value"));
    assertEquals("calls", read.data().get("name"));
  }

  @Test
  void mergeMapCreatesTheDocumentPutsAndRemovesEntriesAndKeepsTheOthers() {
    store().commit(List.of(Write.mergeMap(doc("p"), "entries", Map.of("a-1", List.of(2L, 10L), "b-0", List.of(1L, 7L)), Set.of())));
    store().commit(List.of(Write.mergeMap(doc("p"), "entries", Map.of("c-3", List.of(4L, 9L)), Set.of("a-1", "never-there"))));
    StoredDocument read = store().get(doc("p")).orElseThrow();
    assertEquals(Map.of("b-0", List.of(1L, 7L), "c-3", List.of(4L, 9L)), read.data().get("entries"));
    store().commit(List.of(Write.mergeMap(doc("p"), "entries", Map.of(), Set.of("b-0", "c-3"))));
    assertEquals(Map.of(), store().get(doc("p")).orElseThrow().data().getOrDefault("entries", Map.of()));
  }

  @Test
  void anArrayContainsFilterFindsTheDocumentsHoldingTheValueInOrder() {
    store().commit(List.of(
        Write.create(doc("a"), Map.of("tags", List.of("hr", "travel"), "n", 1L)),
        Write.create(doc("b"), Map.of("tags", List.of("travel"), "n", 2L)),
        Write.create(doc("c"), Map.of("tags", List.of("hr"), "n", 3L))));
    List<StoredDocument> travel = store().query(Query.all(items, 10).whereArrayContains("tags", "travel").orderBy("n"));
    assertEquals(List.of("a", "b"), travel.stream().map(StoredDocument::id).toList());
    assertEquals(1, store().query(Query.all(items, 10).whereArrayContains("tags", "hr").where("n", 3L)).size());
  }

  @Test
  void concurrentIncrementsAreExact() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        done.add(pool.submit(() -> store().commit(List.of(Write.increment(doc("c"), "value", 1, Map.of())))));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    assertEquals(100L, store().get(doc("c")).orElseThrow().data().get("value"));
  }

  @Test
  void queryFiltersOrdersAndPagesWithoutGapsOrDuplicatesAcrossTies() {
    Instant base = Instant.parse("2026-01-01T00:00:00Z");
    for (int i = 0; i < 25; i++) {
      // Pairs share a timestamp, so only the id tiebreaker keeps pages exact.
      store().commit(List.of(Write.create(doc(String.format("d%02d", i)), Map.of(
          "kind", i % 5 == 0 ? "other" : "wanted",
          "at", base.plus(i / 2, ChronoUnit.SECONDS)))));
    }
    Query first = Query.all(items, 7).where("kind", "wanted").orderBy("at");
    List<String> seen = new ArrayList<>();
    Query next = first;
    while (true) {
      List<StoredDocument> page = store().query(next);
      page.forEach(d -> seen.add(d.id()));
      if (page.size() < 7) {
        break;
      }
      StoredDocument last = page.get(page.size() - 1);
      next = first.startAfter(new Query.Cursor(last.data().get("at"), last.id()));
    }
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      if (i % 5 != 0) {
        expected.add(String.format("d%02d", i));
      }
    }
    assertEquals(expected, seen);
    assertEquals(seen.size(), new HashSet<>(seen).size());
  }

  @Test
  void descendingQueriesPageNewestFirstWithoutGapsOrDuplicatesAcrossTies() {
    Instant base = Instant.parse("2026-01-01T00:00:00Z");
    for (int i = 0; i < 11; i++) {
      store().commit(List.of(Write.create(doc(String.format("d%02d", i)), Map.of("at", base.plus(i / 2, ChronoUnit.SECONDS)))));
    }
    Query first = Query.all(items, 4).orderBy("at", Query.Direction.DESCENDING);
    List<String> seen = new ArrayList<>();
    Query next = first;
    while (true) {
      List<StoredDocument> page = store().query(next);
      page.forEach(d -> seen.add(d.id()));
      if (page.size() < 4) {
        break;
      }
      StoredDocument last = page.get(page.size() - 1);
      next = first.startAfter(new Query.Cursor(last.data().get("at"), last.id()));
    }
    List<String> expected = new ArrayList<>();
    for (int i = 10; i >= 0; i--) {
      expected.add(String.format("d%02d", i));
    }
    assertEquals(expected, seen);
  }

  @Test
  void boundsOnTheOrderFieldKeepOnlyTheRangeInEitherDirection() {
    for (long i = 1; i <= 9; i++) {
      store().commit(List.of(Write.create(doc("s" + i), Map.of("seq", i))));
    }
    Query range = Query.all(items, 100).orderBy("seq")
        .from(new Query.Bound(3L, false)).until(new Query.Bound(7L, true));
    assertEquals(List.of("s4", "s5", "s6", "s7"), store().query(range).stream().map(StoredDocument::id).toList());
    Query newestFirst = Query.all(items, 2).orderBy("seq", Query.Direction.DESCENDING).from(new Query.Bound(3L, true));
    assertEquals(List.of("s9", "s8"), store().query(newestFirst).stream().map(StoredDocument::id).toList());
  }

  @Test
  void aVectorRoundTripsAndFindNearestRanksByCosineDistanceAfterItsPreFilter() {
    store().commit(List.of(
        Write.create(doc("east"), Map.of("kind", "a", "v", new Vector(new float[] {1f, 0f, 0f}))),
        Write.create(doc("north-east"), Map.of("kind", "a", "v", new Vector(new float[] {1f, 1f, 0f}))),
        Write.create(doc("north"), Map.of("kind", "a", "v", new Vector(new float[] {0f, 1f, 0f}))),
        Write.create(doc("east-other-kind"), Map.of("kind", "b", "v", new Vector(new float[] {1f, 0f, 0f})))));
    assertEquals(new Vector(new float[] {1f, 1f, 0f}), store().get(doc("north-east")).orElseThrow().data().get("v"));

    List<NearestQuery.Nearest> nearest = store().findNearest(
        NearestQuery.cosine(items, "v", new Vector(new float[] {0.9f, 0.1f, 0f}), 2).where("kind", "a"));
    assertEquals(List.of("east", "north-east"), nearest.stream().map(n -> n.document().id()).toList());
    assertTrue(nearest.get(0).distance() < nearest.get(1).distance());
    assertEquals(1 - 0.9 / Math.sqrt(0.82), nearest.get(0).distance(), 1e-6);
    assertFalse(nearest.get(0).document().data().keySet().stream().anyMatch(k -> k.startsWith("__")), "no result field left behind");
  }

  @Test
  void findNearestPreFiltersByArrayContainsAnyWithEqualitiesEachDocumentOnce() {
    store().commit(List.of(
        Write.create(doc("near-untagged"), Map.of("kind", "a", "tags", List.of(), "v", new Vector(new float[] {1f, 0f}))),
        Write.create(doc("near-gamma"), Map.of("kind", "a", "tags", List.of("gamma"), "v", new Vector(new float[] {1f, 0.1f}))),
        Write.create(doc("far-alpha"), Map.of("kind", "a", "tags", List.of("alpha"), "v", new Vector(new float[] {0f, 1f}))),
        Write.create(doc("mid-alpha-beta"), Map.of("kind", "a", "tags", List.of("alpha", "beta"), "v", new Vector(new float[] {1f, 1f}))),
        Write.create(doc("mid-beta-other-kind"), Map.of("kind", "b", "tags", List.of("beta"), "v", new Vector(new float[] {1f, 1f}))),
        Write.create(doc("no-tags-field"), Map.of("kind", "a", "v", new Vector(new float[] {1f, 0f})))));
    Vector target = new Vector(new float[] {1f, 0f});

    // The filter comes before the ranking: the far match is found although nearer documents fail it.
    assertEquals(List.of("mid-alpha-beta", "far-alpha"), store().findNearest(NearestQuery.cosine(items, "v", target, 2)
        .where("kind", "a").whereArrayContainsAny("tags", List.of("alpha", "beta"))).stream().map(n -> n.document().id()).toList());
    assertEquals(List.of("mid-alpha-beta", "mid-beta-other-kind"), store().findNearest(NearestQuery.cosine(items, "v", target, 10)
        .whereArrayContainsAny("tags", List.of("beta"))).stream().map(n -> n.document().id()).sorted().toList());
    assertEquals(List.of(), store().findNearest(NearestQuery.cosine(items, "v", target, 10)
        .where("kind", "b").whereArrayContainsAny("tags", List.of("alpha", "gamma"))));
  }

  @Test
  void inNotEqualAndNullFiltersMatchAsFirestoreDoesAndCountAgrees() {
    for (long i = 1; i <= 9; i++) {
      Map<String, Object> data = new java.util.HashMap<>();
      data.put("seq", i % 3 == 0 ? null : i);
      data.put("kind", i % 2 == 0 ? "even" : "odd");
      store().commit(List.of(Write.create(doc("s" + i), data)));
    }
    Query in = Query.all(items, 100).whereIn("seq", List.of(2L, 4L, 5L, 99L));
    assertEquals(List.of("s2", "s4", "s5"), store().query(in).stream().map(StoredDocument::id).toList());
    // Not-equal leaves out nulls, as SQL's <> does.
    Query notFour = Query.all(items, 100).where("kind", "even").orderBy("seq").except(4L);
    assertEquals(List.of("s2", "s8"), store().query(notFour).stream().map(StoredDocument::id).toList());
    Query nulls = Query.all(items, 100).where("seq", null);
    assertEquals(List.of("s3", "s6", "s9"), store().query(nulls).stream().map(StoredDocument::id).toList());
    assertEquals(3L, store().count(nulls));
    assertEquals(2L, store().count(notFour.limit(1)));
  }

  @Test
  void nullsOrderFirstAscendingAndLastDescendingAndCursorsPassThem() {
    for (long i = 1; i <= 6; i++) {
      Map<String, Object> data = new java.util.HashMap<>();
      data.put("seq", i % 2 == 0 ? null : i);
      store().commit(List.of(Write.create(doc("s" + i), data)));
    }
    for (Query.Direction direction : Query.Direction.values()) {
      Query first = Query.all(items, 2).orderBy("seq", direction);
      List<String> seen = new ArrayList<>();
      Query next = first;
      while (true) {
        List<StoredDocument> page = store().query(next);
        page.forEach(d -> seen.add(d.id()));
        if (page.size() < 2) {
          break;
        }
        StoredDocument last = page.get(page.size() - 1);
        next = first.startAfter(new Query.Cursor(last.data().get("seq"), last.id()));
      }
      List<String> ascending = List.of("s2", "s4", "s6", "s1", "s3", "s5");
      List<String> expected = new ArrayList<>(ascending);
      if (direction == Query.Direction.DESCENDING) {
        java.util.Collections.reverse(expected);
      }
      assertEquals(expected, seen, direction.toString());
    }
  }

  @Test
  void queryWithoutOrderIsOrderedByIdAndSeesOnlyItsOwnCollection() {
    store().commit(List.of(
        Write.create(doc("b"), Map.of()),
        Write.create(doc("a"), Map.of()),
        Write.create(doc("a").collection("sub").document("x"), Map.of())));
    List<String> ids = store().query(Query.all(items, 10)).stream().map(StoredDocument::id).toList();
    assertEquals(List.of("a", "b"), ids);
  }

  @Test
  void transactionReadsThenWritesAtomically() {
    store().commit(List.of(Write.create(doc("a"), Map.of("v", 1L))));
    long seen = store().inTransaction(tx -> {
      long v = tx.get(doc("a")).orElseThrow().longValue("v");
      tx.write(Write.update(doc("a"), Map.of("v", v + 1), Optional.empty()));
      tx.write(Write.create(doc("log"), Map.of("saw", v)));
      return v;
    });
    assertEquals(1L, seen);
    assertEquals(2L, store().get(doc("a")).orElseThrow().data().get("v"));
    assertEquals(1L, store().get(doc("log")).orElseThrow().data().get("saw"));
  }

  @Test
  void aTransactionThatThrowsWritesNothing() {
    assertThrows(IllegalStateException.class, () -> store().inTransaction(tx -> {
      tx.get(doc("a"));
      tx.write(Write.create(doc("a"), Map.of("v", 1L)));
      throw new IllegalStateException("abandon");
    }));
    assertFalse(store().get(doc("a")).isPresent());
  }

  @Test
  void concurrentUpdatesAtTheSameVersionLetExactlyOneWin() throws Exception {
    Version v1 = store().commit(List.of(Write.create(doc("a"), Map.of("v", 0L)))).get(0);
    ExecutorService pool = Executors.newFixedThreadPool(10);
    Set<Reason> failures = new HashSet<>();
    int wins = 0;
    try {
      List<Future<Boolean>> attempts = new ArrayList<>();
      for (long i = 1; i <= 20; i++) {
        long value = i;
        attempts.add(pool.submit(() -> {
          try {
            store().commit(List.of(Write.update(doc("a"), Map.of("v", value), Optional.of(v1))));
            return true;
          } catch (StoreException e) {
            synchronized (failures) {
              failures.add(e.reason());
            }
            return false;
          }
        }));
      }
      for (Future<Boolean> f : attempts) {
        wins += f.get() ? 1 : 0;
      }
    } finally {
      pool.shutdown();
    }
    assertEquals(1, wins);
    assertEquals(Set.of(Reason.STALE), failures);
  }
}
