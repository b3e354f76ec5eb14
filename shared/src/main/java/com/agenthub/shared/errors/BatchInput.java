package com.agenthub.shared.errors;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The checks every batch create makes of its items before writing anything (CreateAgents, ImportPaymentIntents). */
public final class BatchInput {

  private BatchInput() {}

  /** 1..{@code max} items in {@code list}, else a 400 naming the list. */
  public static void requireSize(String list, int size, int max, String noun) {
    if (size == 0 || size > max) {
      throw ApiError.invalid(list, "'" + list + "' must hold 1.." + max + " " + noun);
    }
  }

  /** No two items with the same {@code field} (items without one are not compared), else a 400 naming the later one. */
  public static void requireDistinct(String list, String field, List<Optional<String>> keys) {
    Map<String, Integer> first = new HashMap<>();
    for (int i = 0; i < keys.size(); i++) {
      Integer earlier = keys.get(i).isPresent() ? first.putIfAbsent(keys.get(i).get(), i) : null;
      if (earlier != null) {
        throw ApiError.invalid(list + "[" + i + "]." + field, list + "[" + earlier + "] has the same " + field);
      }
    }
  }
}
