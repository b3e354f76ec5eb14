package com.agenthub.shared.concurrency;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * Group commit: callers that {@link #submit} while a batch is being processed are processed
 * together in the next one, by one of them, so n concurrent callers cost about two round trips
 * instead of n — and a lone caller is processed at once, never waiting for company. Each caller
 * returns when the batch holding its item is done, or throws what that batch threw.
 */
public final class GroupCommit<T> {

  private final int maxBatch;
  private final Consumer<List<T>> process;
  private final Deque<Waiter<T>> queue = new ArrayDeque<>();
  private boolean busy;

  /** {@code process} gets 1..{@code maxBatch} items, in the order they were submitted. */
  public GroupCommit(int maxBatch, Consumer<List<T>> process) {
    if (maxBatch < 1) {
      throw new IllegalArgumentException("maxBatch must be at least 1");
    }
    this.maxBatch = maxBatch;
    this.process = process;
  }

  /** What a waiter is told: process the next batch yourself, or yours is done. */
  private enum Turn { LEAD, DONE }

  private record Waiter<T>(T item, CompletableFuture<Turn> turn) {}

  public void submit(T item) {
    Waiter<T> me = new Waiter<>(item, new CompletableFuture<>());
    synchronized (queue) {
      queue.addLast(me);
      if (!busy) {
        busy = true;
        me.turn().complete(Turn.LEAD);
      }
    }
    Turn turn;
    try {
      turn = me.turn().join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
    }
    if (turn == Turn.LEAD) {
      lead();
    }
  }

  /**
   * Called by the waiter at the head of the queue (so its own item is in the batch): processes
   * the oldest waiters as one batch, tells the others how it went, hands the lead to the next
   * waiter if any, and throws what the batch threw.
   */
  private void lead() {
    List<Waiter<T>> batch = new ArrayList<>();
    synchronized (queue) {
      while (!queue.isEmpty() && batch.size() < maxBatch) {
        batch.add(queue.pollFirst());
      }
    }
    Throwable failure = null;
    try {
      process.accept(batch.stream().map(Waiter::item).toList());
    } catch (RuntimeException | Error e) {
      failure = e; // every waiter must hear of it, or it would wait forever
    }
    for (Waiter<T> waiter : batch.subList(1, batch.size())) {
      if (failure == null) {
        waiter.turn().complete(Turn.DONE);
      } else {
        waiter.turn().completeExceptionally(failure);
      }
    }
    synchronized (queue) {
      Waiter<T> next = queue.peekFirst();
      if (next == null) {
        busy = false;
      } else {
        next.turn().complete(Turn.LEAD);
      }
    }
    if (failure instanceof RuntimeException runtime) {
      throw runtime;
    }
    if (failure instanceof Error error) {
      throw error;
    }
  }
}
