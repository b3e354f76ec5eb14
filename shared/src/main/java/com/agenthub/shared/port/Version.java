package com.agenthub.shared.port;

import com.agenthub.shared.ids.ZeroPadded;
import java.time.Instant;
import java.util.Optional;

/**
 * The version of a stored document: the instant of its last write, as Firestore's updateTime.
 * Unique per write of one document, so it serves as the document's ETag.
 */
public record Version(Instant updateTime) {

  /** An opaque, stable text form, e.g. {@code 1764150000.123456000}. */
  public String token() {
    return updateTime.getEpochSecond() + "." + ZeroPadded.of(updateTime.getNano(), 9);
  }

  public static Optional<Version> parse(String token) {
    if (token == null || !token.matches("\\d{1,12}\\.\\d{9}")) {
      return Optional.empty();
    }
    int dot = token.indexOf('.');
    return Optional.of(new Version(Instant.ofEpochSecond(
        Long.parseLong(token.substring(0, dot)), Long.parseLong(token.substring(dot + 1)))));
  }
}
