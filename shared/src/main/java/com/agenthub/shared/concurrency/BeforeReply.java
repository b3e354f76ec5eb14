package com.agenthub.shared.concurrency;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Work a request may run alongside its remaining steps but which must end before its reply is
 * sent: Cloud Functions may throttle an instance's CPU as soon as the reply is out, so nothing may
 * be left running after it. Inside a {@link Scope} (the HTTP endpoint opens one per request),
 * {@link #run} starts the task on a pool thread after the scope's earlier tasks, so one request's
 * tasks keep their order; outside a scope the task runs at once on the caller's thread, as any
 * other step would.
 */
public final class BeforeReply {

  private static final ThreadLocal<Scope> CURRENT = new ThreadLocal<>();
  private static final AtomicInteger THREADS = new AtomicInteger();
  // Unbounded but self-limiting: every request waits for its own tasks before replying.
  private static final ExecutorService POOL = Executors.newCachedThreadPool(task -> {
    Thread thread = new Thread(task, "before-reply-" + THREADS.incrementAndGet());
    thread.setDaemon(true);
    return thread;
  });

  private BeforeReply() {}

  /** The tasks one request started; closing it waits for all of them. */
  public static final class Scope implements AutoCloseable {

    private final Scope outer;
    private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);

    private Scope(Scope outer) {
      this.outer = outer;
    }

    /**
     * Waits for every task started in the scope. A task handles its own failure (the outbox relay
     * logs it and leaves the records to the sweep): one that still throws does not fail the reply.
     */
    @Override
    public void close() {
      try {
        tail.exceptionally(failure -> null).join();
      } finally {
        if (outer == null) {
          CURRENT.remove();
        } else {
          CURRENT.set(outer);
        }
      }
    }
  }

  public static Scope open() {
    Scope scope = new Scope(CURRENT.get());
    CURRENT.set(scope);
    return scope;
  }

  public static void run(Runnable task) {
    Scope scope = CURRENT.get();
    if (scope == null) {
      task.run();
      return;
    }
    scope.tail = scope.tail.exceptionally(failure -> null).thenRunAsync(task, POOL);
  }
}
