package com.agenthub.shared.analytics;

import com.agenthub.shared.errors.ApiError;
import java.util.Optional;

/** What became of one event of a batch: its id, or why it was refused. */
public record EventOutcome(Optional<String> id, Optional<ApiError> error) {

  static EventOutcome accepted(String id) {
    return new EventOutcome(Optional.of(id), Optional.empty());
  }

  static EventOutcome rejected(ApiError error) {
    return new EventOutcome(Optional.empty(), Optional.of(error));
  }
}
