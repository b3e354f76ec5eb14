package com.agenthub.shared.port;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.agenthub.shared.adapter.memory.InMemoryDocumentStore;
import com.agenthub.shared.changes.AfterCommitDocumentStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GroupedWritesTest {

  private final InMemoryDocumentStore memory = new InMemoryDocumentStore();
  /** Every commit the store made, by its number of writes. */
  private final List<Integer> commits = new CopyOnWriteArrayList<>();
  private final CountDownLatch firstStarted = new CountDownLatch(1);
  private final CountDownLatch releaseFirst = new CountDownLatch(1);
  private final ExecutorService callers = Executors.newCachedThreadPool();
  private final GroupedWrites writes = new GroupedWrites(counting(releaseFirst));

  @AfterEach
  void stopCallers() {
    callers.shutdownNow();
  }

  @Test
  void aLoneWriteIsCommittedAtOnceInACommitOfItsOwn() {
    releaseFirst.countDown();
    writes.commit(Write.create(doc("a"), Map.of("n", 1L)));
    writes.commit(Write.create(doc("b"), Map.of("n", 2L)));
    assertEquals(List.of(1, 1), commits);
    assertEquals(2L, memory.get(doc("b")).orElseThrow().longValue("n"));
  }

  @Test
  void writesArrivingWhileACommitIsInFlightShareTheNextCommit() throws Exception {
    Future<Version> first = callers.submit(() -> writes.commit(Write.create(doc("first"), Map.of("n", 0L))));
    assertTrue(firstStarted.await(5, TimeUnit.SECONDS));
    List<Future<Version>> others = new ArrayList<>();
    for (int i = 1; i <= 10; i++) {
      String id = "doc-" + i;
      others.add(callers.submit(() -> writes.commit(Write.create(doc(id), Map.of("n", 1L)))));
    }
    Thread.sleep(200); // all ten are queued behind the held commit
    releaseFirst.countDown();
    first.get(5, TimeUnit.SECONDS);
    for (Future<Version> other : others) {
      assertTrue(other.get(5, TimeUnit.SECONDS) != null);
    }
    assertEquals(List.of(1, 10), commits, "the ten waiting writes went out as one commit");
    for (int i = 1; i <= 10; i++) {
      assertTrue(memory.get(doc("doc-" + i)).isPresent());
    }
  }

  @Test
  void aFailingWriteInASharedCommitFailsOnlyItsOwnCaller() throws Exception {
    releaseFirst.countDown();
    writes.commit(Write.create(doc("taken"), Map.of("n", 0L)));
    commits.clear();
    CountDownLatch hold = new CountDownLatch(1);
    GroupedWrites held = new GroupedWrites(counting(hold));
    Future<Version> first = callers.submit(() -> held.commit(Write.create(doc("first"), Map.of("n", 0L))));
    Thread.sleep(100);
    Future<Version> good = callers.submit(() -> held.commit(Write.create(doc("good"), Map.of("n", 1L))));
    Future<Version> clash = callers.submit(() -> held.commit(Write.create(doc("taken"), Map.of("n", 2L))));
    Thread.sleep(200);
    hold.countDown();
    first.get(5, TimeUnit.SECONDS);
    good.get(5, TimeUnit.SECONDS);
    ExecutionException failed = assertThrows(ExecutionException.class, () -> clash.get(5, TimeUnit.SECONDS));
    assertEquals(StoreException.Reason.ALREADY_EXISTS, ((StoreException) failed.getCause()).reason());
    assertTrue(memory.get(doc("good")).isPresent(), "the other write of the failed shared commit was committed alone");
    assertEquals(0L, memory.get(doc("taken")).orElseThrow().longValue("n"), "the clashing write changed nothing");
  }

  private static DocumentPath doc(String id) {
    return DocumentPath.of("grouped", id);
  }

  /** The in-memory store, counting the commits it made; the first one is held (in flight) until {@code release}. */
  private DocumentStore counting(CountDownLatch release) {
    boolean[] first = {true};
    return new AfterCommitDocumentStore(memory, batch -> {
      commits.add(batch.size());
      boolean hold;
      synchronized (first) {
        hold = first[0];
        first[0] = false;
      }
      if (hold) {
        firstStarted.countDown();
        try {
          release.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    });
  }
}
