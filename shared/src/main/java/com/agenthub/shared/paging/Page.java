package com.agenthub.shared.paging;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** One page of a list, and the opaque token for the next one (empty on the last page). */
public record Page<T>(List<T> items, Optional<String> nextPageToken) {

  public Page {
    items = List.copyOf(items);
  }

  public <R> Page<R> map(Function<T, R> mapper) {
    return new Page<>(items.stream().map(mapper).toList(), nextPageToken);
  }
}
