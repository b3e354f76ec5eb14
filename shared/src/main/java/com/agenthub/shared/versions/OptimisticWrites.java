package com.agenthub.shared.versions;

import com.agenthub.shared.errors.ApiError;
import com.agenthub.shared.errors.ErrorKind;
import com.agenthub.shared.port.StoreException;
import com.agenthub.shared.port.StoredDocument;
import com.agenthub.shared.port.Version;
import java.util.Optional;

/**
 * The rules every read-then-commit update of one versioned document follows: the caller's
 * If-Match must name the version read (else 412); a commit that lost its race (the document
 * changed or went since the read) is a 412 when the caller named a version, and otherwise is read
 * again and retried a few times before the caller is told to retry later (503).
 */
public final class OptimisticWrites {

  /** Unconditional writes retry a lost race this many times before answering 503. */
  public static final int MAX_ATTEMPTS = 5;

  private OptimisticWrites() {}

  /** 412 unless {@code ifMatch} is absent or names the version of {@code current}; {@code what} names the resource. */
  public static void requireMatch(StoredDocument current, Optional<Version> ifMatch, String what) {
    if (ifMatch.isPresent() && !ifMatch.get().equals(current.version())) {
      throw stale(what);
    }
  }

  /** After a failed commit: returns to retry, or throws what the caller should see. */
  public static void retryOrFail(StoreException e, Optional<Version> ifMatch, int attempt, String what) {
    if (e.reason() != StoreException.Reason.STALE && e.reason() != StoreException.Reason.NOT_FOUND) {
      throw e;
    }
    if (ifMatch.isPresent()) {
      throw stale(what);
    }
    if (attempt >= MAX_ATTEMPTS) {
      throw ApiError.of(ErrorKind.UNAVAILABLE, "the " + what + " is changing too fast; retry later");
    }
  }

  private static ApiError stale(String what) {
    return ApiError.withField(ErrorKind.STALE_VERSION, "If-Match",
        "the " + what + " has changed since the version in If-Match; read it again and retry");
  }
}
