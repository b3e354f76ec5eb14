package com.agenthub.shared.tables;

import com.agenthub.shared.errors.ApiError;
import java.util.List;
import java.util.Optional;

/**
 * A QueryRows request: filters (all must hold), an optional order, the columns to return (all
 * when empty), a page, and whether to count every matching row.
 */
public record RowQuery(List<RowFilter> filters, Optional<RowOrder> order, List<String> select, int pageSize,
    Optional<String> pageToken, boolean count) {

  public RowQuery {
    filters = List.copyOf(filters);
    select = List.copyOf(select);
    if (pageSize < 1 || pageSize > TableLimits.MAX_PAGE_SIZE) {
      throw ApiError.invalid("page_size", "'page_size' must be within 1.." + TableLimits.MAX_PAGE_SIZE);
    }
    pageToken = pageToken.filter(t -> !t.isEmpty());
  }
}
