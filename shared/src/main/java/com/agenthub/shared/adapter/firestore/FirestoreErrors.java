package com.agenthub.shared.adapter.firestore;

import com.agenthub.shared.port.StoreException.Reason;
import com.agenthub.shared.port.StoreException;
import com.google.api.gax.rpc.ApiException;
import com.google.cloud.firestore.FirestoreException;
import io.grpc.Status;

/** Maps what the Firestore client throws to the port's closed set of reasons. */
final class FirestoreErrors {

  private FirestoreErrors() {}

  static StoreException translate(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof StoreException own) {
        return own;
      }
      if (t instanceof ApiException api) {
        return fromCode(Status.Code.valueOf(api.getStatusCode().getCode().name()), t);
      }
      if (t instanceof FirestoreException fs && fs.getStatus() != null) {
        return fromCode(fs.getStatus().getCode(), t);
      }
      if (t instanceof io.grpc.StatusRuntimeException sre) {
        return fromCode(sre.getStatus().getCode(), t);
      }
      if (t instanceof java.util.concurrent.TimeoutException) {
        return new StoreException(Reason.UNAVAILABLE, "Firestore did not answer in time", t);
      }
    }
    return new StoreException(Reason.UNAVAILABLE, String.valueOf(failure.getMessage()), failure);
  }

  static boolean isFromTheClient(Throwable t) {
    return t instanceof ApiException || t instanceof FirestoreException
        || t instanceof io.grpc.StatusRuntimeException || t instanceof StoreException;
  }

  private static StoreException fromCode(Status.Code code, Throwable cause) {
    Reason reason = switch (code) {
      case ALREADY_EXISTS -> Reason.ALREADY_EXISTS;
      case NOT_FOUND -> Reason.NOT_FOUND;
      case FAILED_PRECONDITION -> Reason.STALE;
      case ABORTED -> Reason.CONTENTION;
      case INVALID_ARGUMENT, OUT_OF_RANGE -> Reason.REJECTED;
      default -> Reason.UNAVAILABLE;
    };
    return new StoreException(reason, String.valueOf(cause.getMessage()), cause);
  }
}
