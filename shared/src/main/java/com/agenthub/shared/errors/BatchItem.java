package com.agenthub.shared.errors;

import java.util.List;
import java.util.Optional;

/**
 * What one item of a batch create came to, by its position in the request: its result (created
 * now, or found), or the error of its own. One type for every batch create (agents, FAQs, legacy
 * payment intents) and for the single create each of them also serves.
 */
public record BatchItem<T>(int index, Optional<T> result, Optional<ApiError> error) {

  public static <T> BatchItem<T> of(int index, T result) {
    return new BatchItem<>(index, Optional.of(result), Optional.empty());
  }

  public static <T> BatchItem<T> failed(int index, ApiError error) {
    return new BatchItem<>(index, Optional.empty(), Optional.of(error));
  }

  /** The result, or the item's error thrown: the answer of a single create. */
  public T orThrow() {
    return result.orElseThrow(() -> error.orElseThrow());
  }

  /** The items with each error naming its field under {@code list[i].}, as the batch's caller sent it. */
  public static <T> List<BatchItem<T>> namedUnder(String list, List<BatchItem<T>> items) {
    return items.stream().map(item -> new BatchItem<>(item.index(), item.result(),
        item.error().map(e -> e.under(list + "[" + item.index() + "]."))))
        .toList();
  }
}
