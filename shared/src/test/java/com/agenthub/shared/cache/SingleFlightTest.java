package com.agenthub.shared.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SingleFlightTest {

  private final SingleFlight<String, Integer> flight = new SingleFlight<>();
  private final AtomicInteger runs = new AtomicInteger();

  @Test
  void aCallArrivingWhileTheWorkRunsGetsItsResultWithoutRunningItAgain() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> flight.run("k", () -> {
      started.countDown();
      await(finish);
      return runs.incrementAndGet();
    }));
    started.await(5, TimeUnit.SECONDS);
    CompletableFuture<Integer> second = CompletableFuture.supplyAsync(() -> flight.run("k", runs::incrementAndGet));
    Thread.sleep(100); // the second is waiting on the first by now
    finish.countDown();

    assertEquals(1, first.get(5, TimeUnit.SECONDS));
    assertEquals(1, second.get(5, TimeUnit.SECONDS));
    assertEquals(1, runs.get());
  }

  @Test
  void aCallAfterTheWorkEndedRunsItAgain() {
    assertEquals(1, flight.run("k", runs::incrementAndGet));
    assertEquals(2, flight.run("k", runs::incrementAndGet));
  }

  @Test
  void theWaitersGetTheSameExceptionAndTheNextCallRunsAgain() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    IllegalStateException failure = new IllegalStateException("backend down");
    CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> flight.run("k", () -> {
      started.countDown();
      await(finish);
      throw failure;
    }));
    started.await(5, TimeUnit.SECONDS);
    CompletableFuture<Throwable> second = CompletableFuture.supplyAsync(
        () -> assertThrows(IllegalStateException.class, () -> flight.run("k", runs::incrementAndGet)));
    Thread.sleep(100);
    finish.countDown();

    assertSame(failure, second.get(5, TimeUnit.SECONDS));
    assertThrows(Exception.class, () -> first.get(5, TimeUnit.SECONDS));
    assertEquals(0, runs.get());
    assertEquals(1, flight.run("k", runs::incrementAndGet));
  }

  @Test
  void afterForgetANewCallDoesNotJoinTheRunningWork() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    CompletableFuture<Integer> old = CompletableFuture.supplyAsync(() -> flight.run("k", () -> {
      started.countDown();
      await(finish);
      return -1;
    }));
    started.await(5, TimeUnit.SECONDS);
    flight.forget("k");

    assertEquals(1, flight.run("k", runs::incrementAndGet));
    finish.countDown();
    assertEquals(-1, old.get(5, TimeUnit.SECONDS));
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
