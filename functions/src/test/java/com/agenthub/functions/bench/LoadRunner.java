package com.agenthub.functions.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A closed loop: {@code concurrency} workers, each with its own client, each sending its next
 * request as soon as the previous one answers, until {@code maxRequests} in all or the time bound.
 */
public final class LoadRunner {

  /** One client of one worker. */
  public interface Client extends AutoCloseable {
    /** One request; true when it answered as expected. */
    boolean call() throws Exception;

    @Override
    default void close() {}
  }

  public interface ClientFactory {
    Client open() throws Exception;
  }

  /** What one run measured: the latencies of its requests (nanoseconds), errors and wall time. */
  public record Sample(long[] latencies, int errors, long wallNanos) {

    /** Several runs of the same operation, as one. */
    public static Stats merge(List<Sample> samples) {
      int count = samples.stream().mapToInt(s -> s.latencies().length).sum();
      long[] all = new long[count];
      int at = 0;
      for (Sample s : samples) {
        System.arraycopy(s.latencies(), 0, all, at, s.latencies().length);
        at += s.latencies().length;
      }
      return Stats.of(all, count, samples.stream().mapToInt(Sample::errors).sum(),
          samples.stream().mapToLong(Sample::wallNanos).sum());
    }
  }

  private LoadRunner() {}

  public static Sample run(int concurrency, int maxRequests, Duration maxTime, ClientFactory factory) throws Exception {
    List<Client> clients = new ArrayList<>();
    for (int i = 0; i < concurrency; i++) {
      clients.add(factory.open());
    }
    long[] latencies = new long[maxRequests];
    AtomicInteger tickets = new AtomicInteger();
    AtomicInteger errors = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(concurrency, r -> {
      Thread t = new Thread(r, "bench-worker");
      t.setDaemon(true);
      return t;
    });
    long deadline;
    long began;
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (Client client : clients) {
        workers.add(pool.submit(() -> {
          start.await();
          long end = System.nanoTime() + maxTime.toNanos();
          int ticket;
          while (System.nanoTime() < end && (ticket = tickets.getAndIncrement()) < maxRequests) {
            long t0 = System.nanoTime();
            boolean ok;
            try {
              ok = client.call();
            } catch (Exception e) {
              ok = false;
            }
            latencies[ticket] = System.nanoTime() - t0;
            done.incrementAndGet();
            if (!ok) {
              errors.incrementAndGet();
            }
          }
          return null;
        }));
      }
      began = System.nanoTime();
      start.countDown();
      deadline = began + maxTime.toNanos() + TimeUnit.SECONDS.toNanos(35);
      for (Future<?> worker : workers) {
        worker.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      }
    } finally {
      pool.shutdownNow();
      clients.forEach(Client::close);
    }
    long wall = System.nanoTime() - began;
    int count = Math.min(done.get(), maxRequests);
    // Tickets are dense from 0: every ticket below the count finished (workers were joined).
    return new Sample(java.util.Arrays.copyOf(latencies, count), errors.get(), wall);
  }
}
