package com.agenthub.shared.auth;

import com.agenthub.shared.cache.SingleFlight;
import com.agenthub.shared.port.DocumentPath;
import com.agenthub.shared.port.Write;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * This instance's cache of verified API keys, by the SHA-256 of the secret, so a request does not
 * pay a Firestore read for its key. Staleness is bounded: an entry is served for at most
 * {@code maxAge} after the read that produced it began, so a key revoked (or narrowed) on another
 * instance stops working here within {@code maxAge}. On this instance a change is seen at once:
 * {@link #forgetChanged} drops the key on every commit that writes its lookup document (revocation,
 * a user's role change or deletion — whatever changes a key writes there). Only keys that verified
 * are kept: an unknown, revoked or malformed key is read again on every request. Concurrent misses
 * of one key make one read.
 */
public final class VerifiedKeys {

  /** The ceiling on {@code maxAge}: the product promises that a revoked key stops working everywhere within 30 s. */
  public static final Duration MAX_STALENESS = Duration.ofSeconds(30);
  /** More distinct keys than this within {@code maxAge} is not a normal load: start over rather than grow. */
  static final int MAX_ENTRIES = 10_000;

  private record Entry(Principal principal, long readStartedNanos) {}

  private final long maxAgeNanos;
  private final LongSupplier nanoTime;
  private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
  private final SingleFlight<String, Principal> reads = new SingleFlight<>();
  /** Moves on every local change: a read that began before it must not put what it read into the cache. */
  private final AtomicLong changes = new AtomicLong();

  public VerifiedKeys(Duration maxAge) {
    this(maxAge, System::nanoTime);
  }

  VerifiedKeys(Duration maxAge, LongSupplier nanoTime) {
    if (maxAge.isNegative() || maxAge.compareTo(MAX_STALENESS) > 0) {
      throw new IllegalArgumentException("an API key may be cached for 0 to " + MAX_STALENESS.toSeconds()
          + " s, not " + maxAge.toSeconds() + " s");
    }
    this.maxAgeNanos = maxAge.toNanos();
    this.nanoTime = nanoTime;
  }

  /** No caching: every request reads its key. */
  public static VerifiedKeys none() {
    return new VerifiedKeys(Duration.ZERO);
  }

  /** The principal of the key with this hash: cached if fresh, else {@code verify}'s (which throws to refuse). */
  Principal principal(String keyHash, Function<String, Principal> verify) {
    if (maxAgeNanos == 0) {
      return verify.apply(keyHash);
    }
    Entry cached = entries.get(keyHash);
    if (cached != null && nanoTime.getAsLong() - cached.readStartedNanos() < maxAgeNanos) {
      return cached.principal();
    }
    return reads.run(keyHash, () -> {
      long changesBefore = changes.get();
      long started = nanoTime.getAsLong();
      Principal principal = verify.apply(keyHash);
      if (entries.size() >= MAX_ENTRIES) {
        entries.clear();
      }
      Entry entry = new Entry(principal, started);
      entries.put(keyHash, entry);
      if (changes.get() != changesBefore) {
        entries.remove(keyHash, entry); // a key changed here while we read: what we read may be the old state
      }
      return principal;
    });
  }

  /** Drops every key whose lookup document one of these committed writes touched. */
  public void forgetChanged(List<Write> committed) {
    for (Write write : committed) {
      DocumentPath path = write.path();
      if (ApiKeyPaths.isHash(path)) {
        forget(path.id());
      }
    }
  }

  void forget(String keyHash) {
    changes.incrementAndGet();
    reads.forget(keyHash);
    entries.remove(keyHash);
  }
}
