package com.agenthub.shared.http;

import com.agenthub.shared.errors.ApiError;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The query string of a request: single-valued parameters, unknown ones refused by name. */
public final class QueryParameters {

  private final Map<String, List<String>> values;

  QueryParameters(Map<String, List<String>> values) {
    this.values = values;
  }

  public void rejectUnknown(Set<String> allowed) {
    for (String name : values.keySet()) {
      if (!allowed.contains(name)) {
        throw ApiError.invalid(name, "unknown query parameter '" + name + "'; accepted: " + new TreeSet<>(allowed));
      }
    }
  }

  public Optional<String> optional(String name) {
    List<String> given = values.get(name);
    if (given == null || given.isEmpty()) {
      return Optional.empty();
    }
    if (given.size() > 1) {
      throw ApiError.invalid(name, "query parameter '" + name + "' is given more than once");
    }
    return Optional.of(given.get(0));
  }

  public String required(String name) {
    return optional(name).filter(v -> !v.isEmpty())
        .orElseThrow(() -> ApiError.invalid(name, "query parameter '" + name + "' is required"));
  }

  public Optional<Integer> optionalInt(String name, int min, int max) {
    return optional(name).map(text -> {
      try {
        int value = Integer.parseInt(text);
        if (value < min || value > max) {
          throw ApiError.invalid(name, "'" + name + "' must be within " + min + ".." + max);
        }
        return value;
      } catch (NumberFormatException e) {
        throw ApiError.invalid(name, "'" + name + "' must be an integer within " + min + ".." + max);
      }
    });
  }
}
