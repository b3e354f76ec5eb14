package com.agenthub.shared.concurrency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BeforeReplyTest {

  @Test
  void outsideAScopeATaskRunsAtOnceOnTheCallersThread() {
    List<Thread> ranOn = new CopyOnWriteArrayList<>();
    BeforeReply.run(() -> ranOn.add(Thread.currentThread()));
    assertEquals(List.of(Thread.currentThread()), ranOn);
  }

  @Test
  void inAScopeTasksRunAlongsideTheCallerInOrderAndClosingWaitsForThem() throws Exception {
    List<Integer> done = new CopyOnWriteArrayList<>();
    CountDownLatch callerWentOn = new CountDownLatch(1);
    List<Thread> ranOn = new CopyOnWriteArrayList<>();
    try (BeforeReply.Scope scope = BeforeReply.open()) {
      BeforeReply.run(() -> {
        ranOn.add(Thread.currentThread());
        await(callerWentOn);
        sleep(50);
        done.add(1);
      });
      BeforeReply.run(() -> done.add(2));
      // The caller is not held up by the tasks: it goes on while the first one still waits for it.
      assertTrue(done.isEmpty());
      callerWentOn.countDown();
    }
    assertEquals(List.of(1, 2), done, "closed only after both, in the order they were started");
    assertNotEquals(Thread.currentThread(), ranOn.get(0));
  }

  @Test
  void aFailingTaskNeitherStopsTheNextNorFailsTheClose() {
    List<Integer> done = new CopyOnWriteArrayList<>();
    try (BeforeReply.Scope scope = BeforeReply.open()) {
      BeforeReply.run(() -> {
        throw new IllegalStateException("publish failed");
      });
      BeforeReply.run(() -> done.add(2));
    }
    assertEquals(List.of(2), done);
  }

  @Test
  void afterTheScopeClosesTasksRunInlineAgain() {
    try (BeforeReply.Scope scope = BeforeReply.open()) {
      BeforeReply.run(() -> { });
    }
    List<Thread> ranOn = new CopyOnWriteArrayList<>();
    BeforeReply.run(() -> ranOn.add(Thread.currentThread()));
    assertEquals(List.of(Thread.currentThread()), ranOn);
  }

  private static void await(CountDownLatch latch) {
    try {
      assertTrue(latch.await(5, TimeUnit.SECONDS));
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}
