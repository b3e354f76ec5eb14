package com.agenthub.shared.payments;

import com.agenthub.shared.errors.ApiError;
import com.agenthub.shared.errors.ErrorKind;
import java.util.function.Supplier;

/** Processor failures as the caller sees them: a refusal is a conflict, an outage a 503 to retry. */
final class Processors {

  private Processors() {}

  static <T> T call(Supplier<T> call) {
    try {
      return call.get();
    } catch (ProcessorException e) {
      throw switch (e.reason()) {
        case REFUSED -> ApiError.of(ErrorKind.CONFLICT, "the payment processor refused: " + e.getMessage());
        case UNAVAILABLE -> ApiError.of(ErrorKind.UNAVAILABLE, "the payment processor is unavailable; retry later");
      };
    }
  }
}
