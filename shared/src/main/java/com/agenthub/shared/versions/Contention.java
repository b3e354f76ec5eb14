package com.agenthub.shared.versions;

import com.agenthub.shared.errors.ApiError;
import com.agenthub.shared.errors.ErrorKind;
import com.agenthub.shared.port.StoreException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Retries a read-then-conditional-commit that lost a race, for every service (payments, conversation
 * appends). Version preconditions instead of transactions: the Firestore emulator (and the service,
 * under contention on one document) aborts most of 50 concurrent read-write transactions, while a
 * lost precondition costs one re-read.
 */
public final class Contention {

  /** How long one request keeps trying before answering 503. */
  public static final Duration DEADLINE = Duration.ofSeconds(20);
  /** A changed version (STALE) or an aborted commit (CONTENTION): read again and retry. */
  public static final Set<StoreException.Reason> LOST_RACE = Set.of(StoreException.Reason.STALE, StoreException.Reason.CONTENTION);

  @FunctionalInterface
  public interface Attempt<T> {
    T run();
  }

  private Contention() {}

  public static <T> T retry(String what, Attempt<T> attempt) {
    return retry(what, LOST_RACE, attempt);
  }

  /** Runs {@code attempt} again, after a jittered pause, whenever it fails for one of {@code lostRace}, until the deadline. */
  public static <T> T retry(String what, Set<StoreException.Reason> lostRace, Attempt<T> attempt) {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    for (int round = 1; ; round++) {
      try {
        return attempt.run();
      } catch (StoreException e) {
        if (!lostRace.contains(e.reason())) {
          throw e;
        }
        if (System.nanoTime() > deadline) {
          throw ApiError.of(ErrorKind.UNAVAILABLE, what + " is changing too fast; retry later");
        }
        pause(round);
      }
    }
  }

  /** Jittered, growing pauses so that contenders spread out instead of colliding again. */
  private static void pause(int round) {
    long ceiling = Math.min(50, 2L * round);
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(1, ceiling + 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApiError.of(ErrorKind.UNAVAILABLE, "interrupted; retry");
    }
  }
}
