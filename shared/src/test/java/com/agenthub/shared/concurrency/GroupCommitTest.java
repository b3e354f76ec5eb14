package com.agenthub.shared.concurrency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GroupCommitTest {

  private final List<List<Integer>> batches = new CopyOnWriteArrayList<>();
  private final CountDownLatch firstStarted = new CountDownLatch(1);
  private final CountDownLatch releaseFirst = new CountDownLatch(1);
  private final ExecutorService callers = Executors.newCachedThreadPool();

  @AfterEach
  void stopCallers() {
    callers.shutdownNow();
  }

  @Test
  void aLoneCallerIsProcessedAtOnceAlone() {
    GroupCommit<Integer> group = new GroupCommit<>(10, batches::add);
    group.submit(1);
    group.submit(2);
    assertEquals(List.of(List.of(1), List.of(2)), batches);
  }

  @Test
  void callersArrivingDuringABatchGoOutTogetherInTheNextOneAndEachReturnsWhenItsBatchIsDone() throws Exception {
    GroupCommit<Integer> group = new GroupCommit<>(10, holdingTheFirstBatch(items -> { }));
    List<Future<?>> calls = submitBehindTheHeldBatch(group, 5);
    assertEquals(1, batches.size(), "nobody else is processed while a batch is in flight");
    releaseFirst.countDown();
    for (Future<?> call : calls) {
      call.get(5, TimeUnit.SECONDS);
    }
    assertEquals(2, batches.size(), "the five waiting callers made one batch: " + batches);
    List<Integer> second = new ArrayList<>(batches.get(1));
    second.sort(null);
    assertEquals(List.of(1, 2, 3, 4, 5), second);
  }

  @Test
  void aBatchTakesAtMostMaxBatchCallers() throws Exception {
    GroupCommit<Integer> group = new GroupCommit<>(2, holdingTheFirstBatch(items -> { }));
    List<Future<?>> calls = submitBehindTheHeldBatch(group, 5);
    releaseFirst.countDown();
    for (Future<?> call : calls) {
      call.get(5, TimeUnit.SECONDS);
    }
    assertTrue(batches.stream().allMatch(batch -> batch.size() <= 2), batches.toString());
    assertEquals(15, batches.stream().flatMap(List::stream).mapToInt(Integer::intValue).sum(), "every item processed once");
    assertEquals(4, batches.size(), batches.toString());
  }

  @Test
  void aFailedBatchFailsEveryCallerInItAndTheNextBatchStillRuns() throws Exception {
    GroupCommit<Integer> group = new GroupCommit<>(10, holdingTheFirstBatch(items -> {
      if (items.contains(1)) {
        throw new IllegalStateException("broker down");
      }
    }));
    List<Future<?>> calls = submitBehindTheHeldBatch(group, 2);
    releaseFirst.countDown();
    calls.get(0).get(5, TimeUnit.SECONDS);
    for (Future<?> failed : calls.subList(1, 3)) {
      ExecutionException thrown = assertThrows(ExecutionException.class, () -> failed.get(5, TimeUnit.SECONDS));
      assertEquals("broker down", thrown.getCause().getMessage());
    }
    group.submit(3);
    assertEquals(List.of(3), batches.get(batches.size() - 1));
  }

  /** Records every batch; holds the first one (item 0) until released; then does {@code then}. */
  private Consumer<List<Integer>> holdingTheFirstBatch(Consumer<List<Integer>> then) {
    return items -> {
      batches.add(items);
      if (items.equals(List.of(0))) {
        firstStarted.countDown();
        await(releaseFirst);
        return;
      }
      then.accept(items);
    };
  }

  /** Item 0's call, then items 1..others queued behind its held batch; the calls in that order. */
  private List<Future<?>> submitBehindTheHeldBatch(GroupCommit<Integer> group, int others) throws InterruptedException {
    List<Future<?>> calls = new ArrayList<>();
    calls.add(callers.submit(() -> group.submit(0)));
    await(firstStarted);
    for (int i = 1; i <= others; i++) {
      int item = i;
      calls.add(callers.submit(() -> group.submit(item)));
    }
    Thread.sleep(300); // they queue behind the batch in flight
    return calls;
  }

  private static void await(CountDownLatch latch) {
    try {
      assertTrue(latch.await(5, TimeUnit.SECONDS));
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}
