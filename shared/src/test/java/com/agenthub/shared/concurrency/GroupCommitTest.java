package com.agenthub.shared.concurrency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GroupCommitTest {

  private final List<List<Integer>> batches = new CopyOnWriteArrayList<>();

  @Test
  void aLoneCallerIsProcessedAtOnceAlone() {
    GroupCommit<Integer> group = new GroupCommit<>(10, batches::add);
    group.submit(1);
    group.submit(2);
    assertEquals(List.of(List.of(1), List.of(2)), batches);
  }

  @Test
  void callersArrivingDuringABatchGoOutTogetherInTheNextOneAndEachReturnsWhenItsBatchIsDone() throws Exception {
    CountDownLatch firstStarted = new CountDownLatch(1);
    CountDownLatch othersQueued = new CountDownLatch(1);
    GroupCommit<Integer> group = new GroupCommit<>(10, items -> {
      batches.add(items);
      if (items.equals(List.of(0))) {
        firstStarted.countDown();
        await(othersQueued);
      }
    });
    ExecutorService callers = Executors.newFixedThreadPool(6);
    try {
      List<Future<?>> calls = new ArrayList<>();
      calls.add(callers.submit(() -> group.submit(0)));
      await(firstStarted);
      for (int i = 1; i <= 5; i++) {
        int item = i;
        calls.add(callers.submit(() -> group.submit(item)));
      }
      Thread.sleep(300); // the five are queued behind the batch in flight
      assertEquals(1, batches.size(), "nobody else is processed while a batch is in flight");
      othersQueued.countDown();
      for (Future<?> call : calls) {
        call.get(5, TimeUnit.SECONDS);
      }
    } finally {
      callers.shutdownNow();
    }
    assertEquals(2, batches.size(), "the five waiting callers made one batch: " + batches);
    List<Integer> second = new ArrayList<>(batches.get(1));
    second.sort(null);
    assertEquals(List.of(1, 2, 3, 4, 5), second);
  }

  @Test
  void aBatchTakesAtMostMaxBatchCallers() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch firstStarted = new CountDownLatch(1);
    GroupCommit<Integer> group = new GroupCommit<>(2, items -> {
      batches.add(items);
      if (items.equals(List.of(0))) {
        firstStarted.countDown();
        await(release);
      }
    });
    ExecutorService callers = Executors.newFixedThreadPool(6);
    try {
      List<Future<?>> calls = new ArrayList<>();
      calls.add(callers.submit(() -> group.submit(0)));
      await(firstStarted);
      for (int i = 1; i <= 5; i++) {
        int item = i;
        calls.add(callers.submit(() -> group.submit(item)));
      }
      Thread.sleep(300);
      release.countDown();
      for (Future<?> call : calls) {
        call.get(5, TimeUnit.SECONDS);
      }
    } finally {
      callers.shutdownNow();
    }
    assertTrue(batches.stream().allMatch(batch -> batch.size() <= 2), batches.toString());
    assertEquals(15, batches.stream().flatMap(List::stream).mapToInt(Integer::intValue).sum(), "every item processed once");
    assertEquals(4, batches.size(), batches.toString());
  }

  @Test
  void aFailedBatchFailsEveryCallerInItAndTheNextBatchStillRuns() throws Exception {
    CountDownLatch firstStarted = new CountDownLatch(1);
    CountDownLatch othersQueued = new CountDownLatch(1);
    GroupCommit<Integer> group = new GroupCommit<>(10, items -> {
      batches.add(items);
      if (items.equals(List.of(0))) {
        firstStarted.countDown();
        await(othersQueued);
        return;
      }
      if (items.contains(1)) {
        throw new IllegalStateException("broker down");
      }
    });
    ExecutorService callers = Executors.newFixedThreadPool(3);
    try {
      Future<?> first = callers.submit(() -> group.submit(0));
      await(firstStarted);
      Future<?> one = callers.submit(() -> group.submit(1));
      Future<?> two = callers.submit(() -> group.submit(2));
      Thread.sleep(300);
      othersQueued.countDown();
      first.get(5, TimeUnit.SECONDS);
      for (Future<?> failed : List.of(one, two)) {
        var thrown = assertThrows(java.util.concurrent.ExecutionException.class, () -> failed.get(5, TimeUnit.SECONDS));
        assertEquals("broker down", thrown.getCause().getMessage());
      }
    } finally {
      callers.shutdownNow();
    }
    group.submit(3);
    assertEquals(List.of(3), batches.get(batches.size() - 1));
  }

  private static void await(CountDownLatch latch) {
    try {
      assertTrue(latch.await(5, TimeUnit.SECONDS));
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}
