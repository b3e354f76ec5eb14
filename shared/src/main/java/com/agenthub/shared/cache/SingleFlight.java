package com.agenthub.shared.cache;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Concurrent calls for the same key share one execution of the work: the first runs it, the
 * others wait for its result (or its exception). Nothing is kept once the work ends, so this is
 * not a cache; it stops a cache miss turning into N identical backend calls (a stampede).
 */
public final class SingleFlight<K, V> {

  private final ConcurrentHashMap<K, CompletableFuture<V>> running = new ConcurrentHashMap<>();

  public V run(K key, Supplier<V> work) {
    CompletableFuture<V> mine = new CompletableFuture<>();
    CompletableFuture<V> theirs = running.putIfAbsent(key, mine);
    if (theirs != null) {
      return Completions.join(theirs);
    }
    try {
      V value = work.get();
      mine.complete(value);
      return value;
    } catch (RuntimeException | Error e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      running.remove(key, mine);
    }
  }

  /**
   * Calls that start from now on run the work anew instead of joining one already running: what
   * that one read may predate a change the caller has just made.
   */
  public void forget(K key) {
    running.remove(key);
  }
}
