package com.agenthub.functions.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;

/**
 * The crash tests' load: writers call a dev server in its own JVM ({@link DevServerProcess}) round
 * after round until it is killed with SIGKILL — once enough of their calls were acknowledged — so
 * the kill lands mid-request, with no shutdown hook and no flush.
 */
public final class KillMidLoad {

  /** One writer's next call; a RuntimeException (the connection lost to the kill) ends the writer. */
  @FunctionalInterface
  public interface Round {
    void run(long round);
  }

  private KillMidLoad() {}

  /**
   * Runs {@code writers} writers ({@code writer} makes each one's rounds, given its index) until
   * {@code enough} holds or {@code giveUp} passes, then kills {@code server} and checks it died of SIGKILL.
   */
  public static void run(Process server, int writers, Duration giveUp, BooleanSupplier enough, IntFunction<Round> writer)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      Instant giveUpAt = Instant.now().plus(giveUp);
      for (int w = 0; w < writers; w++) {
        Round rounds = writer.apply(w);
        pool.submit(() -> {
          for (long round = 0; Instant.now().isBefore(giveUpAt); round++) {
            try {
              rounds.run(round);
            } catch (RuntimeException connectionLost) {
              return;
            }
          }
        });
      }
      // Kill mid-stream, once the writers are well under way (a cold JVM may take seconds to warm up).
      while (!enough.getAsBoolean() && Instant.now().isBefore(giveUpAt)) {
        Thread.sleep(20);
      }
      server.destroyForcibly(); // SIGKILL: no shutdown hook, no flush, mid-request
      assertTrue(server.waitFor(10, TimeUnit.SECONDS));
      assertEquals(137, server.exitValue(), "killed by SIGKILL");
    } finally {
      pool.shutdownNow();
      pool.awaitTermination(10, TimeUnit.SECONDS);
      server.destroyForcibly();
    }
  }
}
