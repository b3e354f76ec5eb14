package com.agenthub.shared.adapter.bigquery;

import com.agenthub.shared.port.WarehouseException;
import com.agenthub.shared.port.WarehouseException.Reason;
import com.google.cloud.bigquery.BigQueryError;
import com.google.cloud.bigquery.BigQueryException;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/** Maps what the BigQuery client throws to the port's two reasons: try again later, or never. */
final class BigQueryErrors {

  /** BigQuery's error reasons that mean "overloaded or briefly broken", whatever the HTTP code. */
  private static final Set<String> TRANSIENT_REASONS = Set.of(
      "rateLimitExceeded", "backendError", "internalError", "quotaExceeded", "timeout", "jobBackendError",
      "jobInternalError");

  /**
   * Two DML statements that mutate the same partitions side by side: BigQuery cancels one with a
   * 400 {@code invalidQuery} ("Could not serialize access to table … due to concurrent update",
   * "Transaction is aborted due to concurrent update against table …"), though the same statement
   * succeeds when run again (ImportEventHistory's calls side by side delete in the same days).
   */
  private static final String CONCURRENT_UPDATE = "due to concurrent update";

  private BigQueryErrors() {}

  static WarehouseException translate(String what, Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof WarehouseException own) {
        return own;
      }
      if (t instanceof BigQueryException bq) {
        return fromBigQuery(what, bq);
      }
      if (t instanceof TimeoutException || t instanceof IOException) {
        return new WarehouseException(Reason.UNAVAILABLE, what + ": " + t.getMessage(), failure);
      }
    }
    return new WarehouseException(Reason.UNAVAILABLE, what + ": " + failure, failure);
  }

  private static WarehouseException fromBigQuery(String what, BigQueryException e) {
    BigQueryError error = e.getError();
    String reason = error == null ? null : error.getReason();
    int code = e.getCode();
    // No HTTP status: the request never got an answer (refused, reset, timed out). HTTP errors also
    // arrive with an IOException cause, so the cause alone says nothing.
    boolean unreachable = code == 0;
    boolean transientReason = reason != null && TRANSIENT_REASONS.contains(reason);
    boolean transientCode = code == 429 || code >= 500;
    boolean concurrentUpdate = e.getMessage() != null && e.getMessage().contains(CONCURRENT_UPDATE);
    Reason mapped = unreachable || transientReason || transientCode || concurrentUpdate || e.isRetryable()
        ? Reason.UNAVAILABLE : Reason.REJECTED;
    return new WarehouseException(mapped, what + ": " + code + (reason == null ? "" : " " + reason) + " " + e.getMessage(), e);
  }
}
