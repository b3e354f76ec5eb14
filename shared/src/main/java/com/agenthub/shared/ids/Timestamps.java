package com.agenthub.shared.ids;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The time to store: Firestore keeps microseconds, so a value read back (or in a cursor) equals the one written. */
public final class Timestamps {

  private Timestamps() {}

  public static Instant now(Clock clock) {
    return truncate(clock.instant());
  }

  /** An instant from elsewhere (a client), at the precision we store. */
  public static Instant truncate(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MICROS);
  }
}
